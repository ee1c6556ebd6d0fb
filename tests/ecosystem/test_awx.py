# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""examples/awx: what AWX / Automation Platform needs to run the collection (the guide "Running on AWX
/ Automation Platform", docs/docsite/rst/guide_awx.rst).

- execution-environment.yml: `ansible-builder create` writes its build context, and the context's
  galaxy and builder stages are replayed without a container (the collection installed from the
  context's requirements.yml, its Python requirements introspected by the context's own script).
  Building the image needs podman or docker, which the tests do not have.
- credential_type.yml: its injectors set exactly the environment variables the collection's
  connection options read (plugins/module_utils/_connection.py; the doc fragment names the same),
  and its secret fields are the secret options.
- configure_controller.yml: `ansible-playbook --syntax-check` with awx.awx installed (the awx venv:
  the community package `ansible` 13, which bundles awx.awx 24.6.1), and every argument of every
  awx.awx task checked against that module's argument spec as `ansible-doc --json` gives it. No
  controller is contacted: whether a controller accepts the objects is not tested here.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile

import pytest
import yaml

from conftest import ansible_env

EXAMPLES = os.path.join('examples', 'awx')


def read_yaml(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False, **kwargs)


# -- the execution environment -------------------------------------------------------------------

@pytest.fixture(scope='module')
def ee_context(collection_root, tools_bin, tools_env, galaxy_version, tmp_path_factory):
    """A copy of the collection with its tarball built where execution-environment.yml expects it,
    and the build context `ansible-builder create` writes from it (run from another directory, so
    that the definition's paths are shown to be its own, not the working directory's)."""
    top = tmp_path_factory.mktemp('ee')
    copy = top / 'flex'
    shutil.copytree(collection_root, str(copy), ignore=shutil.ignore_patterns('output', '.git'))
    examples = copy / EXAMPLES
    built = run([os.path.join(tools_bin, 'ansible-galaxy'), 'collection', 'build', '--output-path', str(examples / 'collection'), str(copy)],
                env=tools_env)
    assert built.returncode == 0, built.stdout
    context = top / 'context'
    created = run([os.path.join(tools_bin, 'ansible-builder'), 'create', '--file', str(examples / 'execution-environment.yml'),
                   '--context', str(context), '--output-filename', 'Containerfile'], env=tools_env, cwd=str(top))
    assert created.returncode == 0, created.stdout
    return dict(top=top, copy=copy, context=context, definition=read_yaml(str(examples / 'execution-environment.yml')),
                tarball='twilio_ops-flex-%s.tar.gz' % galaxy_version)


def test_ee_definition_is_schema_3_and_names_this_version(ee_context):
    definition = ee_context['definition']
    assert definition['version'] == 3
    # The tarball `ansible-galaxy collection build` writes is named by galaxy.yml's version: a release
    # that bumps it must update the definition too.
    wanted = 'collection/%s' % ee_context['tarball']
    assert definition['dependencies']['galaxy']['collections'] == [{'name': wanted, 'type': 'file'}]
    assert [entry['src'] for entry in definition['additional_build_files']] == [wanted]


def test_ee_python_requirements_are_the_collections(ee_context, collection_root):
    """The definition's Python requirements are the file meta/execution-environment.yml declares."""
    meta = read_yaml(os.path.join(collection_root, 'meta', 'execution-environment.yml'))
    declared = os.path.normpath(os.path.join(collection_root, meta['dependencies']['python']))
    used = os.path.normpath(os.path.join(collection_root, EXAMPLES, ee_context['definition']['dependencies']['python']))
    assert used == declared


def test_ee_containerfile_installs_the_collection_and_requirements(ee_context):
    context = ee_context['context']
    containerfile = (context / 'Containerfile').read_text()
    assert 'COPY _build /build' in containerfile
    assert 'ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml' in containerfile
    assert 'COPY _build/requirements.txt requirements.txt' in containerfile
    assert 'introspect.py introspect --user-pip=requirements.txt' in containerfile
    base = ee_context['definition']['images']['base_image']['name']
    assert 'ARG EE_BASE_IMAGE="%s"' % base in containerfile
    core = ee_context['definition']['dependencies']['ansible_core']['package_pip']
    assert 'ARG ANSIBLE_INSTALL_REFS="%s ansible-runner"' % core in containerfile
    # The collection's tarball is in the context, where requirements.yml names it.
    requirements = read_yaml(str(context / '_build' / 'requirements.yml'))
    assert requirements == {'collections': [{'name': 'collection/%s' % ee_context['tarball'], 'type': 'file'}]}
    with tarfile.open(str(context / '_build' / 'collection' / ee_context['tarball'])) as tarball:
        manifest = json.load(tarball.extractfile('MANIFEST.json'))['collection_info']
    assert (manifest['namespace'], manifest['name']) == ('twilio_ops', 'flex')
    # The Python requirements: meta/ee-requirements.txt, with requests.
    with open(os.path.join(str(ee_context['copy']), 'meta', 'ee-requirements.txt')) as handle:
        assert (context / '_build' / 'requirements.txt').read_text() == handle.read()
    assert 'requests' in (context / '_build' / 'requirements.txt').read_text().split()


def test_ee_stages_replayed_without_a_container(ee_context, tools_bin, tmp_path):
    """What the Containerfile's galaxy and builder stages run, run here from the build context: the
    collection installs from requirements.yml (in /build, here _build/), and the builder's
    introspection finds requests, from the collection and from the definition."""
    build = str(ee_context['context'] / '_build')
    target = str(tmp_path / 'collections')
    env = ansible_env(tools_bin, target, str(tmp_path))
    env['ANSIBLE_GALAXY_DISABLE_GPG_VERIFY'] = '1'
    installed = run([os.path.join(tools_bin, 'ansible-galaxy'), 'collection', 'install', '-r', 'requirements.yml',
                     '--collections-path', target], env=env, cwd=build)
    assert installed.returncode == 0, installed.stdout
    manifest = os.path.join(target, 'ansible_collections', 'twilio_ops', 'flex', 'MANIFEST.json')
    assert os.path.isfile(manifest), installed.stdout
    introspected = run([sys.executable, os.path.join('scripts', 'introspect.py'), 'introspect', '--user-pip=requirements.txt', target], cwd=build)
    assert introspected.returncode == 0, introspected.stdout
    python = yaml.safe_load(introspected.stdout)['python']
    assert 'requests  # from collection twilio_ops.flex' in python, introspected.stdout
    assert 'requests  # from collection user' in python, introspected.stdout


# -- the credential type --------------------------------------------------------------------------

@pytest.fixture(scope='module')
def credential_type(collection_root):
    return read_yaml(os.path.join(collection_root, EXAMPLES, 'credential_type.yml'))


@pytest.fixture(scope='module')
def collection_credentials(collections_path):
    """(option, environment variable, secret) of each credential the connection options read, from
    plugins/module_utils/_connection.py itself."""
    code = ('import json\n'
            'from ansible_collections.twilio_ops.flex.plugins.module_utils import _connection\n'
            'print(json.dumps(_connection.CREDENTIALS))\n')
    result = run([sys.executable, '-c', code], env=dict(os.environ, PYTHONPATH=collections_path))
    assert result.returncode == 0, result.stdout
    credentials = [tuple(entry) for entry in json.loads(result.stdout)]
    assert credentials, 'no credentials in _connection.CREDENTIALS'
    return credentials


def test_credential_type_injects_what_the_collection_reads(credential_type, collection_credentials):
    injectors = credential_type['injectors']
    assert list(injectors) == ['env'], 'only environment variables are injected'
    wanted = dict((variable, '{{ %s }}' % option) for option, variable, _secret in collection_credentials)
    assert injectors['env'] == wanted


def test_credential_type_fields_are_the_options(credential_type, collection_credentials):
    fields = credential_type['inputs']['fields']
    assert [field['id'] for field in fields] == [option for option, _variable, _secret in collection_credentials]
    secrets = dict((option, secret) for option, _variable, secret in collection_credentials)
    for field in fields:
        assert field['type'] == 'string'
        assert bool(field.get('secret')) == secrets[field['id']], field['id']
    assert credential_type['inputs']['required'] == ['account_sid']
    assert credential_type['kind'] == 'cloud'


def test_doc_fragment_names_the_same_variables(module_docs, collection_credentials):
    """The connection doc fragment (what users read) names each injected variable on its option."""
    for module, doc in module_docs.items():
        for option, variable, _secret in collection_credentials:
            description = ' '.join(doc['doc']['options'][option]['description'])
            assert 'E(%s)' % variable in description, '%s: %s does not name %s' % (module, option, variable)


def test_credential_type_templates_survive_ansible(core_bin, core_env, collection_root, credential_type, tmp_path):
    """configure_controller.yml reads credential_type.yml with a lookup; its `{{ ... }}` must reach the
    controller as they are, not be rendered by Ansible."""
    expression = "{{ (lookup('ansible.builtin.file', 'credential_type.yml') | from_yaml).injectors.env }}"
    written = tmp_path / 'injected.json'
    playbook = tmp_path / 'play.yml'
    playbook.write_text(yaml.safe_dump([{
        'name': 'Read the credential type as configure_controller.yml does', 'hosts': 'localhost', 'gather_facts': False,
        'vars': {'injected': expression},
        'tasks': [{'name': 'Write what Ansible made of it', 'ansible.builtin.copy': {
            'content': '{{ injected | to_json }}', 'dest': str(written), 'mode': '0600'}}],
    }]))
    # The lookup resolves credential_type.yml beside the playbook, as in the example's directory.
    shutil.copy(os.path.join(collection_root, EXAMPLES, 'credential_type.yml'), str(tmp_path))
    result = run([os.path.join(core_bin, 'ansible-playbook'), str(playbook)], env=core_env, cwd=str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert json.loads(written.read_text()) == credential_type['injectors']['env']


# -- the controller as code ------------------------------------------------------------------------

PLAYBOOK = os.path.join(EXAMPLES, 'configure_controller.yml')


@pytest.fixture(scope='module')
def awx_env(awx_bin, collections_path, tmp_path_factory):
    """The awx venv's Ansible, seeing awx.awx (in that venv's site-packages) and the staged collection."""
    purelib = run([os.path.join(awx_bin, 'python'), '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']).stdout.strip()
    assert os.path.isdir(os.path.join(purelib, 'ansible_collections', 'awx', 'awx')), 'awx.awx is not in the awx venv (%s)' % purelib
    return ansible_env(awx_bin, collections_path + os.pathsep + purelib, str(tmp_path_factory.mktemp('awx')))


@pytest.fixture(scope='module')
def controller_tasks(collection_root):
    plays = read_yaml(os.path.join(collection_root, PLAYBOOK))
    tasks = []
    for play in plays:
        for task in play.get('tasks') or []:
            tasks.extend(task.get('block', [task]))
    return tasks


def awx_module(task):
    modules = [key for key in task if key.startswith('awx.awx.')]
    return modules[0] if modules else None


@pytest.fixture(scope='module')
def awx_specs(awx_bin, awx_env, controller_tasks):
    modules = sorted(set(filter(None, map(awx_module, controller_tasks))))
    assert modules, 'configure_controller.yml uses no awx.awx module'
    result = run([os.path.join(awx_bin, 'ansible-doc'), '--json', '-t', 'module'] + modules, env=awx_env)
    assert result.returncode == 0, result.stdout
    docs = json.loads(result.stdout)
    assert sorted(docs) == modules
    return dict((name, doc['doc']['options']) for name, doc in docs.items())


def test_controller_playbook_syntax(awx_bin, awx_env, collection_root):
    result = run([os.path.join(awx_bin, 'ansible-playbook'), '--syntax-check', os.path.join(collection_root, PLAYBOOK)], env=awx_env)
    assert result.returncode == 0, result.stdout


def templated(value):
    return isinstance(value, str) and '{{' in value


TYPES = {
    'str': lambda value: isinstance(value, str),
    'int': lambda value: isinstance(value, int) and not isinstance(value, bool) or isinstance(value, str) and value.isdigit(),
    'bool': lambda value: isinstance(value, bool),
    'dict': lambda value: isinstance(value, dict),
    'list': lambda value: isinstance(value, list),
    'raw': lambda value: True,
}


def argument_problems(args, options, where):
    """What is wrong with args by the argument spec options (ansible-doc's form): unknown names,
    missing required options, literal values of the wrong type or not among the choices, and the
    same in suboptions. A templated value is checked by name only: its value exists at run time."""
    problems = []
    names = {}
    for name, spec in options.items():
        for alias in [name] + list(spec.get('aliases') or []):
            names[alias] = name
    for key, value in args.items():
        if key not in names:
            problems.append('%s: unknown option %s' % (where, key))
            continue
        spec = options[names[key]]
        here = '%s.%s' % (where, key)
        if templated(value) or value is None:
            continue
        kind = spec.get('type', 'str')
        if kind in TYPES and not TYPES[kind](value):
            problems.append('%s: %r is not of type %s' % (here, value, kind))
            continue
        if spec.get('choices') and value not in spec['choices']:
            problems.append('%s: %r is not one of %s' % (here, value, spec['choices']))
        suboptions = spec.get('suboptions')
        if suboptions and kind == 'dict':
            problems.extend(argument_problems(value, suboptions, here))
        if kind == 'list':
            for index, element in enumerate(value):
                if templated(element):
                    continue
                if suboptions and spec.get('elements') == 'dict':
                    problems.extend(argument_problems(element, suboptions, '%s[%d]' % (here, index)))
                elif spec.get('elements') in TYPES and not TYPES[spec['elements']](element):
                    problems.append('%s[%d]: %r is not of type %s' % (here, index, element, spec['elements']))
    given = set(names[key] for key in args if key in names)
    problems.extend('%s: required option %s missing' % (where, name) for name, spec in options.items()
                    if spec.get('required') and name not in given)
    return problems


def test_argument_checker_finds_mistakes(awx_specs):
    """The check below means something: it finds each kind of mistake it looks for."""
    options = awx_specs['awx.awx.workflow_job_template']
    bad = {'name': 'x', 'workflow_nodes': [{'identifier': 'a', 'unified_job_template': {'nmae': 'x'}},
                                           {'related': {'success_nodes': [{'identifier': 'b'}]}, 'job_type': 'checkk'}],
           'destroy_current_nodes': 'sure', 'state': 'gone', 'job_slice_count': 2}
    problems = argument_problems(bad, options, 'bad')
    assert sorted(problems) == sorted([
        "bad: unknown option job_slice_count",
        "bad.destroy_current_nodes: 'sure' is not of type bool",
        "bad.state: 'gone' is not one of %s" % options['state']['choices'],
        "bad.workflow_nodes[0].unified_job_template: unknown option nmae",
        "bad.workflow_nodes[1].job_type: 'checkk' is not one of ['run', 'check']",
        "bad.workflow_nodes[1]: required option identifier missing",
    ])


def test_controller_playbook_arguments(controller_tasks, awx_specs):
    problems = []
    for task in controller_tasks:
        module = awx_module(task)
        if module:
            problems.extend(argument_problems(task[module], awx_specs[module], '%s (%s)' % (task['name'], module)))
    assert not problems, '\n'.join(problems)


def test_controller_playbook_workflow(controller_tasks, credential_type):
    """Check, approve, run: the workflow's nodes, the job templates they run, the credential they use."""
    by_module = {}
    for task in controller_tasks:
        by_module.setdefault(awx_module(task), []).append(task[awx_module(task)] if awx_module(task) else task)
    assert [task['name'] for task in by_module['awx.awx.credential_type']] == ['{{ twilio_credential_type.name }}']
    [credential] = by_module['awx.awx.credential']
    templates = dict((task['job_type'], task) for task in by_module['awx.awx.job_template'])
    assert sorted(templates) == ['check', 'run']
    for template in templates.values():
        assert template['credentials'] == [credential['name']]
        assert template['job_slice_count'] == '{{ item.job_slice_count }}'
        assert template['diff_mode'] is True
    [workflow] = by_module['awx.awx.workflow_job_template']
    nodes = dict((node['identifier'], node) for node in workflow['workflow_nodes'])
    assert nodes['check']['unified_job_template']['name'] == templates['check']['name']
    assert nodes['check']['related'] == {'success_nodes': [{'identifier': 'approve'}]}
    assert nodes['approve']['unified_job_template']['type'] == 'workflow_approval'
    assert nodes['approve']['related'] == {'success_nodes': [{'identifier': 'run'}]}
    assert nodes['run']['unified_job_template']['name'] == templates['run']['name']
    assert 'related' not in nodes['run']
    assert workflow['destroy_current_nodes'] is True
