# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Each module's EXAMPLES, exactly as ansible-doc shows them, pass ansible-lint's production profile and
run as a playbook against a fresh emulator.

The emulator starts as a new Flex account: the Studio flows "Webchat Flow", "Messaging Flow" and
"Voice IVR" and the web Flex Flow "Flex Web Channel" exist. Setup tasks add what an example needs on
top of that (an address it deletes), so that every example does its work rather than nothing.
"""

import os
import re
import subprocess
import textwrap

import pytest
import yaml

from conftest import discovered_module_names

# The variables the EXAMPLES reference, as a user would set them: here from the credentials the
# emulator was started with (tests/emulator/with_emulator.py exports them).
EXAMPLE_VARS = {
    'twilio_account_sid': "{{ lookup('ansible.builtin.env', 'TWILIO_ACCOUNT_SID') }}",
    'twilio_auth_token': "{{ lookup('ansible.builtin.env', 'TWILIO_AUTH_TOKEN') }}",
}

# What the account must hold before a module's EXAMPLES run, beyond the emulator's seed.
SETUP = {
    'flex_flow': [{
        'name': 'Setup - the address "WebChat fr" that the examples delete',
        'twilio_ops.flex.flex_flow': {'friendly_name': 'WebChat fr', 'studio_flow': 'Webchat Flow'},
        'delegate_to': 'localhost',
    }],
    'conversations_address_info': [{
        'name': 'Setup - the chat address the examples read',
        'twilio_ops.flex.conversations_address': {'type': 'chat', 'address': 'CV0123456789abcdef0123456789abcdef',
                                                  'friendly_name': 'WebChat en', 'auto_creation': {'enabled': True, 'studio_flow': 'Webchat Flow'}},
        'delegate_to': 'localhost',
    }],
}

# What must hold after a module's EXAMPLES ran, where success alone would not show it.
VERIFY = {
    'flex_flow': [
        {
            'name': 'Verify - read "WebChat fr"',
            'twilio_ops.flex.flex_flow_info': {'friendly_name': 'WebChat fr'},
            'delegate_to': 'localhost',
            'register': 'verify_fr',
        },
        {
            'name': 'Verify - the example deleted "WebChat fr"',
            'ansible.builtin.assert': {'that': ['verify_fr.flex_flows == []']},
        },
    ],
    'flex_flows': [
        {'name': 'Verify - read the web addresses', 'twilio_ops.flex.flex_flow_info': {'channel_type': 'web'},
         'delegate_to': 'localhost', 'register': 'verify_web'},
        # Made, then fr and de purged (the module made them), then en retired explicitly.
        {'name': 'Verify - purge and the retirement took what the examples made',
         'ansible.builtin.assert': {'that': ["verify_web.flex_flows | map(attribute='friendly_name') | list == ['Flex Web Channel']",
                                             "purged.purged | length == 2"]}},
    ],
    'conversations_address': [
        {'name': 'Verify - read the addresses', 'twilio_ops.flex.conversations_address_info': {},
         'delegate_to': 'localhost', 'register': 'verify_addresses'},
        {'name': 'Verify - the chat address stays, the SMS address was deleted',
         'ansible.builtin.assert': {'that': ["verify_addresses.address_configurations | map(attribute='type') | list == ['chat']"]}},
    ],
    'conversations_address_info': [
        {'name': 'Verify - the examples found the chat address',
         'ansible.builtin.assert': {'that': ['chat.address_configurations | length == 1', 'one.address_configurations | length == 1']}},
    ],
    'site_lock': [
        {'name': 'Verify - read the lease', 'twilio_ops.flex.site_lock': {'name': 'localhost'}, 'check_mode': True,
         'delegate_to': 'localhost', 'register': 'verify_lock'},
        {'name': 'Verify - the examples took the lease and released it whatever happened',
         'ansible.builtin.assert': {'that': ["site_lock.lock.state == 'held'", "verify_lock.lock.state == 'released'",
                                             "verify_lock.lock.lock_id == site_lock.lock.lock_id"]}},
    ],
    'conversations_addresses': [
        {'name': 'Verify - read the addresses', 'twilio_ops.flex.conversations_address_info': {'type': 'chat'},
         'delegate_to': 'localhost', 'register': 'verify_chat'},
        {'name': 'Verify - purge deleted the French address the module made',
         'ansible.builtin.assert': {'that': ["verify_chat.address_configurations | map(attribute='friendly_name') | list == ['WebChat en']"]}},
    ],
}

# The modules, found in plugins/modules: a new module's EXAMPLES run without editing this file
# (SETUP and VERIFY are for the modules whose examples need them).
MODULES = discovered_module_names()


def test_every_module_is_run_here(module_names):
    assert module_names == MODULES, 'the modules under test differ from those found when the tests were collected'


def example_tasks(module_docs, name):
    tasks = yaml.safe_load(module_docs[name]['examples'])
    assert isinstance(tasks, list) and tasks, 'the EXAMPLES of %s are not a list of tasks' % name
    unnamed = [task for task in tasks if not task.get('name')]
    assert not unnamed, 'EXAMPLES of %s has unnamed tasks (ansible-lint name[missing]): %r' % (name, unnamed)
    return tasks


def task_names(tasks):
    """The names ansible-playbook prints as TASK [...]: a block's own name is not printed, its tasks' are."""
    names = []
    for task in tasks:
        if 'block' in task:
            names += task_names(task['block'] + task.get('rescue', []) + task.get('always', []))
        else:
            names.append(task.get('name') or '<an unnamed task: %r>' % (task,))
    return names


def playbook(name, tasks):
    return [{
        'name': 'EXAMPLES of twilio_ops.flex.%s' % name,
        'hosts': 'localhost',
        'gather_facts': False,
        'vars': EXAMPLE_VARS,
        'tasks': SETUP.get(name, []) + tasks + VERIFY.get(name, []),
    }]


@pytest.mark.parametrize('name', MODULES)
def test_examples_run_against_the_emulator(name, module_docs, collection_root, core_bin, core_env, tmp_path):
    tasks = example_tasks(module_docs, name)
    playbook_path = tmp_path / 'examples.yml'
    playbook_path.write_text(yaml.safe_dump(playbook(name, tasks), sort_keys=False))
    inventory = tmp_path / 'inventory.ini'
    # The modules run on the controller, with the test venv's Python (it has requests).
    inventory.write_text('localhost ansible_connection=local ansible_python_interpreter=%s\n' % os.path.join(core_bin, 'python'))

    with_emulator = os.path.join(collection_root, 'tests', 'emulator', 'with_emulator.py')
    command = [os.path.join(core_bin, 'python'), with_emulator, '--',
               os.path.join(core_bin, 'ansible-playbook'), '-i', str(inventory), str(playbook_path)]
    result = subprocess.run(command, env=core_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True, timeout=600, check=False)
    output = result.stdout
    report = 'playbook:\n%s\noutput:\n%s' % (playbook_path.read_text(), output)
    assert result.returncode == 0, 'the EXAMPLES of %s failed against the emulator\n%s' % (name, report)
    recap = re.search(r'^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', output, re.M)
    assert recap and recap.group(3) == '0' and recap.group(4) == '0', report
    # Every example task was reached (a play that ended early would not show them all).
    ran = set(re.findall(r'^TASK \[(.*)\]', output, re.M))
    missing = [task for task in task_names(tasks) if task not in ran]
    assert not missing, 'example tasks that did not run: %r\n%s' % (missing, report)


def test_examples_pass_ansible_lint(run_tool, module_docs, tmp_path):
    # The EXAMPLES text as written (not re-serialised), so formatting counts as much as content: it is
    # what users copy into their playbooks.
    files = []
    for name in MODULES:
        path = tmp_path / ('%s.yml' % name)
        header = '---\n- name: EXAMPLES of twilio_ops.flex.%s\n  hosts: localhost\n  gather_facts: false\n  tasks:\n' % name
        path.write_text(header + textwrap.indent(module_docs[name]['examples'].strip('\n') + '\n', '    '))
        files.append(path.name)
    result = run_tool('ansible-lint', '--nocolor', '--offline', '-f', 'pep8', '--profile', 'production', *files, cwd=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
