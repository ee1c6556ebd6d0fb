# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""scripts/galaxy-import (`make galaxy-import`) fails on what galaxy-importer only logs: these tests
show that the gate closes on a warning, so that its passing on the collection means something."""

import importlib.machinery
import importlib.util
import os
import subprocess

import pytest

CLEAN_LOG = """Importing with galaxy-importer 0.4.44
Getting doc strings via ansible-doc
Loading module flex_flow
Linting collection via ansible-lint 26.10.1...
...ansible-lint run complete
Collection loading complete
Importer processing completed successfully
"""


@pytest.fixture(scope='module')
def gate(collection_root):
    path = os.path.join(collection_root, 'scripts', 'galaxy-import')
    loader = importlib.machinery.SourceFileLoader('galaxy_import', path)
    spec = importlib.util.spec_from_loader('galaxy_import', loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_clean_log_passes(gate):
    assert gate.problems(CLEAN_LOG) == []


@pytest.mark.parametrize('line', [
    'WARNING: galaxy.yml:1: galaxy[no-changelog]: No changelog found.',
    'ERROR: Error running ansible-doc: cmd="ansible-doc" returncode="1"',
    'CRITICAL: something broke',
    'Traceback (most recent call last):',
])
def test_problem_lines_fail(gate, line):
    assert gate.problems(CLEAN_LOG + line + '\n') == [line]


@pytest.mark.parametrize('step', ['Getting doc strings via ansible-doc', '...ansible-lint run complete', 'Importer processing completed successfully'])
def test_a_skipped_step_fails(gate, step):
    found = gate.problems(CLEAN_LOG.replace(step + '\n', ''))
    assert len(found) == 1 and found[0].startswith('missing: '), found


# A collection with nothing in it but what an import needs, so these tests depend only on the gate
# and galaxy-importer, not on the state of this collection's content.
MINIMAL = {
    'galaxy.yml': (
        'namespace: gate_probe\nname: minimal\nversion: 1.0.0\nreadme: README.md\nauthors: [twilio_ops.flex contributors]\n'
        'description: A collection with nothing in it.\nlicense: [GPL-3.0-or-later]\ntags: [tools]\n'
        'repository: https://example.com/gate_probe/minimal\n'
    ),
    'README.md': '# gate_probe.minimal\n\nA collection with nothing in it.\n',
    'CHANGELOG.md': '# Changelog\n',
    'meta/runtime.yml': "---\nrequires_ansible: '>=2.18.0'\n",
}


def import_minimal(tmp_path, gate_script, tools_bin, tools_env, extra=None):
    root = tmp_path / 'ansible_collections' / 'gate_probe' / 'minimal'
    for name, text in dict(MINIMAL, **(extra or {})).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return subprocess.run([os.path.join(tools_bin, 'python'), gate_script, str(root)], env=tools_env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=600, check=False)


@pytest.fixture(scope='module')
def gate_script(collection_root):
    return os.path.join(collection_root, 'scripts', 'galaxy-import')


def test_a_clean_import_passes(tmp_path, gate_script, tools_bin, tools_env):
    result = import_minimal(tmp_path, gate_script, tools_bin, tools_env)
    assert result.returncode == 0, result.stdout


def test_a_real_import_warning_fails(tmp_path, gate_script, tools_bin, tools_env):
    # A sanity ignore file is legal, but galaxy-importer warns about it: the real log must trip the gate.
    result = import_minimal(tmp_path, gate_script, tools_bin, tools_env,
                            {'tests/sanity/ignore-2.21.txt': 'plugins/modules/x.py validate-modules:doc-missing-type\n'})
    assert result.returncode != 0, result.stdout
    assert 'WARNING: Ignore files skip ansible-test sanity tests, found ignore-2.21.txt' in result.stdout, result.stdout
