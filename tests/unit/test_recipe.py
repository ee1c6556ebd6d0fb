# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The recipe "Adding a resource family" (plugins/module_utils/README.md) is true: a made-up family
(tests/unit/recipe_family, laid out as the collection is) is put into a copy of this collection
exactly where the recipe says its files go, with no other edit, as a newcomer following the recipe
would. Then the shared tests, which find modules, fragments and families rather than list them,
check the new family's modules and doc fragment and pass; the emulator serves its collection; and
its modules run against the emulator. The same overlay without the doc fragment fails the shared
tests, so this test can fail."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import requests

from ansible_collections.twilio_ops.flex.tests.unit.discovery import ROOT

FAMILY = os.path.join(ROOT, 'tests', 'unit', 'recipe_family')
FRAGMENT = os.path.join('plugins', 'doc_fragments', 'widget_options.py')
EMULATOR_FAMILY = os.path.join('tests', 'emulator', '_widget.py')
SHARED_TESTS = os.path.join('tests', 'unit', 'plugins', 'doc_fragments')
TIMEOUT = 10


def family_files():
    """The family's files, relative to the collection root: where the recipe puts each."""
    return sorted(os.path.relpath(os.path.join(directory, name), FAMILY)
                  for directory, _dirs, names in os.walk(FAMILY) for name in names if name.endswith('.py'))


def collection_copy(tmp_path, leave_out=()):
    """A copy of this collection (at tmp_path/ansible_collections/twilio_ops/flex) with the
    family's files laid over it, but those in leave_out."""
    root = tmp_path / 'ansible_collections' / 'twilio_ops' / 'flex'
    shutil.copytree(ROOT, str(root), ignore=shutil.ignore_patterns('.git', 'output', '__pycache__', '.pytest_cache', 'recipe_family'))
    for relative in family_files():
        target = root / relative
        assert not target.exists(), 'the recipe family must add files, not replace any: %s exists' % relative
        if relative not in leave_out:
            shutil.copyfile(os.path.join(FAMILY, relative), str(target))
    return root


def environment(tmp_path, **extra):
    """The copy alone on the Python path: no other copy of the collection may answer an import."""
    paths = [str(tmp_path)] + [path for path in os.environ.get('PYTHONPATH', '').split(os.pathsep)
                               if path and not os.path.isdir(os.path.join(path, 'ansible_collections', 'twilio_ops', 'flex'))]
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(('PYTEST_', 'ANSIBLE_COLLECTIONS_')))
    env.update(PYTHONPATH=os.pathsep.join(paths), ANSIBLE_COLLECTIONS_PATH=str(tmp_path), **extra)
    return env


def run_shared_tests(tmp_path, root):
    result = subprocess.run([sys.executable, '-m', 'pytest', '-rA', '-p', 'no:cacheprovider', SHARED_TESTS], cwd=str(root),
                            env=environment(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                            timeout=300, check=False)
    outcomes = dict((test.split('::', 1)[1], outcome) for outcome, test in re.findall(r'^(PASSED|FAILED|ERROR) (\S+)', result.stdout, re.M))
    return result, outcomes


# What the shared tests must check of the family: its fragment's texts and its options against the
# family's, and each of its modules' documentation and options.
WIDGET_TESTS = [
    'test_each_doc_fragment_is_yaml_with_options[widget_options.DOCUMENTATION]',
    'test_each_doc_fragment_is_yaml_with_options[widget_options.ENTRIES]',
    'test_the_option_fragments_document_exactly_the_family_options[widget_options]',
    'test_the_entries_text_repeats_the_options_of_one_resource[widget_options]',
] + ['test_each_modules_documentation_is_yaml[%s.%s]' % (module, attribute)
     for module in ('widget', 'widget_info', 'widgets') for attribute in ('DOCUMENTATION', 'EXAMPLES', 'RETURN')] + [
    'test_each_modules_documented_options_are_its_argument_spec[%s]' % module for module in ('widget', 'widget_info', 'widgets')]


def test_the_family_is_laid_out_as_the_recipe_says():
    assert family_files() == [
        os.path.join('plugins', 'doc_fragments', 'widget_options.py'),
        os.path.join('plugins', 'module_utils', '_widget.py'),
        os.path.join('plugins', 'modules', 'widget.py'),
        os.path.join('plugins', 'modules', 'widget_info.py'),
        os.path.join('plugins', 'modules', 'widgets.py'),
        EMULATOR_FAMILY,
    ]


def test_the_shared_tests_check_the_new_family_and_pass(tmp_path):
    root = collection_copy(tmp_path)
    result, outcomes = run_shared_tests(tmp_path, root)

    assert result.returncode == 0, result.stdout[-6000:]
    assert [test for test in WIDGET_TESTS if outcomes.get(test) != 'PASSED'] == [], result.stdout[-6000:]


def test_the_shared_tests_fail_when_the_doc_fragment_is_left_out(tmp_path):
    root = collection_copy(tmp_path, leave_out=(FRAGMENT,))
    result, outcomes = run_shared_tests(tmp_path, root)

    assert result.returncode != 0
    failed = sorted(test for test, outcome in outcomes.items() if outcome != 'PASSED')
    # Only the widget's tests fail, each saying what is missing; the other families are untouched.
    assert failed == sorted([
        'test_each_doc_fragment_is_yaml_with_options[widget_options.DOCUMENTATION]',
        'test_each_doc_fragment_is_yaml_with_options[widget_options.ENTRIES]',
        'test_the_option_fragments_document_exactly_the_family_options[widget_options]',
        'test_the_entries_text_repeats_the_options_of_one_resource[widget_options]',
        'test_each_modules_documented_options_are_its_argument_spec[widget]',
        'test_each_modules_documented_options_are_its_argument_spec[widgets]',
    ]), result.stdout[-6000:]
    assert 'the doc fragment twilio_ops.flex.widget_options does not exist' in result.stdout


def start_emulator(root):
    """An emulator of the copy, as tests start it (its with_emulator.py): (launcher, process, creds, base URL)."""
    sys.path.insert(0, str(root / 'tests' / 'emulator'))
    try:
        import with_emulator  # pylint: disable=import-outside-toplevel
    finally:
        sys.path.pop(0)
    sys.modules.pop('with_emulator', None)
    creds = with_emulator.credentials()
    process, base_url = with_emulator.start(creds)
    return with_emulator, process, creds, base_url


def run_module(tmp_path, root, env, name, args):
    """A real run of a module of the copy, as Ansible runs one on the target: its JSON result."""
    args_file = tmp_path / ('%s-args.json' % name)
    args_file.write_text(json.dumps(dict(ANSIBLE_MODULE_ARGS=args)))
    result = subprocess.run([sys.executable, str(root / 'plugins' / 'modules' / ('%s.py' % name)), str(args_file)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120, check=False)
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def test_the_emulator_serves_the_new_family_and_its_modules_run(tmp_path):
    root = collection_copy(tmp_path)
    launcher, process, creds, base_url = start_emulator(root)
    try:
        auth = (creds['TWILIO_ACCOUNT_SID'], creds['TWILIO_AUTH_TOKEN'])
        widgets = base_url + '/conversations/v1/Widgets'
        created = requests.post(widgets, auth=auth, data={'FriendlyName': 'Spare', 'Color': 'red'}, timeout=TIMEOUT)
        assert created.status_code == 201, created.text
        listed = requests.get(widgets, auth=auth, timeout=TIMEOUT).json()
        assert [widget['friendly_name'] for widget in listed['widgets']] == ['Spare']
        assert requests.get(base_url + '/__emulator__/state', timeout=TIMEOUT).json()['widgets'][0]['sid'] == created.json()['sid']

        env = environment(tmp_path, **launcher.environment(creds, base_url))
        made = run_module(tmp_path, root, env, 'widget', dict(friendly_name='Main', color='green', enabled=True))
        assert (made.get('failed'), made['changed'], made['operation']) == (None, True, 'create'), made
        assert made['widget']['sid'].startswith('WG') and made['widget']['color'] == 'green'
        again = run_module(tmp_path, root, env, 'widget', dict(friendly_name='Main', color='green', enabled=True))
        assert (again['changed'], again['operation']) == (False, 'none'), again
        found = run_module(tmp_path, root, env, 'widget_info', dict(friendly_name='Main'))
        assert [widget['sid'] for widget in found['widgets']] == [made['widget']['sid']], found
        entries = [dict(friendly_name='Main', color='blue'), dict(friendly_name='Spare', state='absent')]
        converged = run_module(tmp_path, root, env, 'widgets', dict(entries=entries))
        assert [result['operation'] for result in converged['results']] == ['update', 'delete'], converged
        listed = requests.get(widgets, auth=auth, timeout=TIMEOUT).json()
        assert [(widget['friendly_name'], widget['color']) for widget in listed['widgets']] == [('Main', 'blue')]
    finally:
        launcher.stop(process)


def test_the_emulator_does_not_serve_a_family_whose_file_is_left_out(tmp_path):
    root = collection_copy(tmp_path, leave_out=(EMULATOR_FAMILY,))
    launcher, process, creds, base_url = start_emulator(root)
    try:
        answer = requests.get(base_url + '/conversations/v1/Widgets', auth=(creds['TWILIO_ACCOUNT_SID'], creds['TWILIO_AUTH_TOKEN']),
                              timeout=TIMEOUT)
        assert answer.status_code == 404
        assert 'widgets' not in requests.get(base_url + '/__emulator__/state', timeout=TIMEOUT).json()
    finally:
        launcher.stop(process)


@pytest.mark.parametrize('relative', family_files())
def test_the_family_files_carry_the_collections_boilerplate(relative):
    # ansible-test sanity checks files under tests/ as well; validate-modules does not see these
    # modules, so their documentation is checked by the shared tests above.
    with open(os.path.join(FAMILY, relative)) as handle:
        text = handle.read()
    assert 'SPDX-License-Identifier: GPL-3.0-or-later' in text
    assert 'from __future__ import absolute_import, division, print_function' in text
    assert '__metaclass__ = type' in text
