# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the ecosystem suite: the checks Galaxy, execution environments, the docs site and the
changelog tooling make of the collection. Run it with the tools venv's pytest (tests/requirements/tools.in, locked in tools.txt).

The Makefile points the suite at what `make test` built, through three environment variables:

FLEX_COLLECTION_ROOT
    The staged collection, .build/ansible_collections/twilio_ops/flex (scripts/stage-collection).
    Unset: the checkout is staged afresh into a temporary directory for the session.
FLEX_TOOLS_BIN
    The tools venv's bin directory (ansible-doc, ansible-lint, antsibull-docs, antsibull-changelog,
    ansible-builder, sphinx-build). Unset: the bin directory of the Python running pytest.
FLEX_CORE_BIN
    The bin directory of the ansible-core 2.21 test venv, which has requests: it runs the modules'
    EXAMPLES. Unset: .venv/core-2.21/bin of the checkout when it exists, else FLEX_TOOLS_BIN (the
    tools venv has ansible-core 2.21 and requests too).
FLEX_AWX_BIN
    The bin directory of the awx venv (tests/requirements/awx.in: the community package `ansible`
    13, which bundles awx.awx), for the checks of examples/awx/configure_controller.yml. Unset:
    .venv/awx/bin of the checkout; the tests that need it are skipped when neither exists (make
    test always sets it).
"""

import json
import os
import subprocess
import sys

import pytest
import yaml

CHECKOUT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
COLLECTION = 'twilio_ops.flex'
STAGED_SUFFIX = os.path.join('ansible_collections', 'twilio_ops', 'flex')


def _existing_dir(path, variable):
    if not os.path.isdir(path):
        raise pytest.UsageError('%s=%s is not a directory' % (variable, path))
    return os.path.abspath(path)


@pytest.fixture(scope='session')
def collection_root(tmp_path_factory):
    """The staged collection's root directory (it has galaxy.yml)."""
    given = os.environ.get('FLEX_COLLECTION_ROOT')
    if given:
        root = _existing_dir(given, 'FLEX_COLLECTION_ROOT')
    else:
        stage = tmp_path_factory.mktemp('stage')
        subprocess.run([os.path.join(CHECKOUT, 'scripts', 'stage-collection'), str(stage)], check=True, stdout=subprocess.DEVNULL)
        root = os.path.join(str(stage), STAGED_SUFFIX)
    if not root.endswith(os.sep + STAGED_SUFFIX):
        raise pytest.UsageError('the collection must be staged as .../%s, not %s' % (STAGED_SUFFIX, root))
    return root


@pytest.fixture(scope='session')
def collections_path(collection_root):
    """The directory holding ansible_collections/, for ANSIBLE_COLLECTIONS_PATH."""
    return collection_root[:-len(os.sep + STAGED_SUFFIX)]


@pytest.fixture(scope='session')
def tools_bin():
    given = os.environ.get('FLEX_TOOLS_BIN')
    return _existing_dir(given, 'FLEX_TOOLS_BIN') if given else os.path.dirname(os.path.abspath(sys.executable))


@pytest.fixture(scope='session')
def core_bin(tools_bin):
    given = os.environ.get('FLEX_CORE_BIN')
    if given:
        return _existing_dir(given, 'FLEX_CORE_BIN')
    default = os.path.join(CHECKOUT, '.venv', 'core-2.21', 'bin')
    return default if os.path.isdir(default) else tools_bin


@pytest.fixture(scope='session')
def awx_bin():
    given = os.environ.get('FLEX_AWX_BIN')
    if given:
        return _existing_dir(given, 'FLEX_AWX_BIN')
    default = os.path.join(CHECKOUT, '.venv', 'awx', 'bin')
    if not os.path.isdir(default):
        pytest.skip('no awx venv: set FLEX_AWX_BIN (make ecosystem does) or build .venv/awx')
    return default


def ansible_env(bin_dir, collections_path, tmp_dir):
    """Environment for Ansible tools from bin_dir that sees the staged collection and no other copy.
    ANSIBLE_HOME is a directory of its own: ansible-lint puts the user's collections directory
    (ANSIBLE_HOME/collections) before ANSIBLE_COLLECTIONS_PATH, and `make lint` installs the
    collection there, so an older copy from an earlier run would otherwise hide this one."""
    env = dict(os.environ)
    env.update(
        PATH=bin_dir + os.pathsep + env.get('PATH', ''),
        ANSIBLE_HOME=os.path.join(tmp_dir, 'ansible-home'),
        ANSIBLE_COLLECTIONS_PATH=collections_path,
        ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false',
        ANSIBLE_LOCAL_TEMP=os.path.join(tmp_dir, 'ansible-local'),
        ANSIBLE_NOCOLOR='1',
        ANSIBLE_FORCE_COLOR='0',
    )
    return env


@pytest.fixture(scope='session')
def tools_env(tools_bin, collections_path, tmp_path_factory):
    return ansible_env(tools_bin, collections_path, str(tmp_path_factory.mktemp('tools')))


@pytest.fixture(scope='session')
def core_env(core_bin, collections_path, tmp_path_factory):
    return ansible_env(core_bin, collections_path, str(tmp_path_factory.mktemp('core')))


@pytest.fixture(scope='session')
def run_tool(tools_bin, tools_env):
    """run_tool(name, *args, cwd=None, env=None): a tools-venv command, its output captured (never raises)."""
    def run(name, *args, **kwargs):
        env = kwargs.pop('env', None) or tools_env
        return subprocess.run([os.path.join(tools_bin, name)] + list(args), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, check=False, **kwargs)
    return run


def modules_in(root):
    """Every module of the collection at root, from plugins/modules (the files, not any list of them)."""
    directory = os.path.join(root, 'plugins', 'modules')
    names = sorted(name[:-3] for name in os.listdir(directory) if name.endswith('.py') and not name.startswith('_'))
    assert names, 'no modules found in %s' % directory
    return names


def discovered_module_names():
    """The modules, for parametrising tests when they are collected (before fixtures exist): those of
    FLEX_COLLECTION_ROOT when it is set, else those of the checkout (which the session stages)."""
    return modules_in(os.environ.get('FLEX_COLLECTION_ROOT') or CHECKOUT)


@pytest.fixture(scope='session')
def module_names(collection_root):
    """Every module of the collection, from plugins/modules (the files, not any list of them)."""
    return modules_in(collection_root)


@pytest.fixture(scope='session')
def galaxy_version(collection_root):
    with open(os.path.join(collection_root, 'galaxy.yml')) as handle:
        return yaml.safe_load(handle)['version']


@pytest.fixture(scope='session')
def released_modules(collection_root):
    """{module: the release that added it}, from changelogs/changelog.yaml; a module added since the
    last release is not there yet."""
    with open(os.path.join(collection_root, 'changelogs', 'changelog.yaml')) as handle:
        releases = yaml.safe_load(handle)['releases']
    return dict((module['name'], version) for version, release in releases.items() for module in release.get('modules') or [])


@pytest.fixture(scope='session')
def module_docs(run_tool, module_names):
    """`ansible-doc --json` of every module, by short name: what users and the docs site read."""
    result = run_tool('ansible-doc', '--json', '-t', 'module', *['%s.%s' % (COLLECTION, name) for name in module_names])
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    return dict((fqcn.rsplit('.', 1)[1], doc) for fqcn, doc in docs.items())
