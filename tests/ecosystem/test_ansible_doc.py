# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ansible-doc renders every module and the role, as text and as JSON, without a warning."""

import json
import os
import re

import pytest

from conftest import CHECKOUT, discovered_module_names

ROLE = 'twilio_ops.flex.webchat_addresses'

# ansible-core 2.21's own internal collection (ansible._protomatter) has no galaxy.yml, and listing
# roles warns about it whatever collection is asked for. Any other warning is ours and fails.
CORE_NOISE = re.compile(r"^\[WARNING\]: Collection at '[^']*/ansible/_internal/ansible_collections/ansible/_protomatter'.*cannot detect version\.$")


# Under `make test-latest` only (FLEX_LATEST=1), whose cryptography is unpinned: cryptography 51
# deprecates DSA, and ansible-core 2.21 imports DSA names in ansible/_internal/_ssh/_ssh_agent.py,
# so Python prints this warning (and the line it points at) on every ansible-doc. Exactly that
# warning, of that category, from that module, is not ours; the locks hold cryptography below 51,
# so under `make test` it fails like any other (tests/requirements/core-2.21.in).
KNOWN_UPSTREAM = (
    re.compile(r'^\S*/ansible/_internal/_ssh/_ssh_agent\.py:\d+: CryptographyDeprecationWarning: DSA is deprecated and support '
               r'will be removed in a future release\. Use a more modern signature algorithm\.$'),
    re.compile(r'^\s+from cryptography\.hazmat\.primitives\.asymmetric\.dsa import \($'),
)


def warnings(stderr):
    lines = [line for line in stderr.splitlines() if line.strip()]
    if os.environ.get('FLEX_LATEST') == '1':
        kept = []
        for line in lines:
            if kept and KNOWN_UPSTREAM[1].match(line) and KNOWN_UPSTREAM[0].match(kept[-1]):
                kept.pop()
            else:
                kept.append(line)
        lines = [line for line in kept if not KNOWN_UPSTREAM[0].match(line)]
    return [line for line in lines if not CORE_NOISE.match(line)]


# The modules, found in plugins/modules (a new module is tested without editing this file).
MODULES = discovered_module_names()


def module_params():
    return pytest.mark.parametrize('name', MODULES)


def test_every_module_is_tested_here(module_names):
    # The parametrised tests below name the modules so a failure says which; they were found in the
    # checkout (or FLEX_COLLECTION_ROOT), this checks it is the collection under test.
    assert module_names == MODULES, 'the modules under test differ from those found in %s' % (os.environ.get('FLEX_COLLECTION_ROOT') or CHECKOUT)


def version(text):
    return tuple(int(part) for part in str(text).split('.'))


@module_params()
def test_module_renders_as_text(run_tool, name):
    result = run_tool('ansible-doc', '-t', 'module', 'twilio_ops.flex.' + name)
    assert result.returncode == 0, result.stderr
    assert not warnings(result.stderr), result.stderr
    # Without colour, ansible-doc may mark the name as *bold*.
    assert re.match(r'> MODULE \*?twilio_ops\.flex\.%s\*? ' % name, result.stdout), result.stdout[:200]
    for heading in ('OPTIONS', 'ATTRIBUTES', 'EXAMPLES:', 'RETURN VALUES:'):
        assert heading in result.stdout, '%s is missing from the text rendering of %s' % (heading, name)


@module_params()
def test_module_renders_as_json(module_docs, released_modules, galaxy_version, name):
    doc = module_docs[name]
    assert doc['doc']['module'] == name
    # The release that added it (changelogs/changelog.yaml); a module added since the last release
    # is new in the version galaxy.yml is heading for.
    assert doc['doc']['version_added'] == released_modules.get(name, galaxy_version)
    assert doc['doc']['short_description']
    assert 'account_sid' in doc['doc']['options'], 'the connection doc fragment was not applied'
    assert doc['examples'].strip(), 'no EXAMPLES'
    assert doc['return'], 'no RETURN'


@pytest.fixture(scope='module')
def role_specs(collection_root):
    path = os.path.join(collection_root, 'roles', 'webchat_addresses', 'meta', 'argument_specs.yml')
    if not os.path.exists(path):
        pytest.skip('roles/webchat_addresses/meta/argument_specs.yml does not exist yet: ansible-doc documents a role from it')
    return path


def test_role_renders_as_text(run_tool, role_specs):
    result = run_tool('ansible-doc', '-t', 'role', ROLE)
    assert result.returncode == 0, result.stderr
    assert not warnings(result.stderr), result.stderr
    assert re.match(r'> ROLE: \*?%s\*? ' % re.escape(ROLE), result.stdout), result.stdout[:200]
    assert re.search(r'^ENTRY POINT: \*?main\*? - ', result.stdout, re.M), result.stdout[:400]
    assert 'webchat_addresses_languages' in result.stdout


def test_role_renders_as_json(run_tool, role_specs):
    result = run_tool('ansible-doc', '-t', 'role', '--json', ROLE)
    assert result.returncode == 0, result.stderr
    assert not warnings(result.stderr), result.stderr
    main = json.loads(result.stdout)[ROLE]['entry_points']['main']
    assert main.get('short_description'), 'the main entry point has no short_description'
    assert 'webchat_addresses_languages' in main.get('options', {})


# Each filter and the collection version that added it.
FILTERS = {
    'connection_options': '2.0.0',
    'connection_variables': '2.0.0',
    'drift_report': '3.0.0',
    'drift_report_html': '3.0.0',
    'drift_report_markdown': '3.0.0',
    'drift_report_site': '3.0.0',
    'webchat_addresses_flex_flow_entries': '2.0.0',
    'webchat_addresses_outcome': '2.0.0',
    'webchat_addresses_plan': '1.0.0',
}


def test_every_filter_is_tested_here(collection_root):
    # The filters share entry-point files (plugins/filter/webchat_addresses.py, drift_report.py; their
    # code in plugins/plugin_utils); each has its own docs file.
    docs = sorted(name[:-len('.yml')] for name in os.listdir(os.path.join(collection_root, 'plugins', 'filter')) if name.endswith('.yml'))
    assert docs == sorted(FILTERS), 'plugins/filter changed: update FILTERS in tests/ecosystem/test_ansible_doc.py'


@pytest.mark.parametrize('name', sorted(FILTERS))
def test_filter_renders_as_json(run_tool, name):
    result = run_tool('ansible-doc', '-t', 'filter', '--json', 'twilio_ops.flex.' + name)
    assert result.returncode == 0, result.stderr
    assert not warnings(result.stderr), result.stderr
    doc = json.loads(result.stdout)['twilio_ops.flex.' + name]
    assert doc['doc']['name'] == name
    assert doc['doc']['version_added'] == FILTERS[name]
    assert '_input' in doc['doc']['options']
    assert doc['examples'].strip(), 'no EXAMPLES'
    assert doc['return']['_value'], 'no RETURN'
