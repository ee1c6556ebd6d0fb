# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The emulator as a program: ready line, signals, flags, the state file and bad arguments."""

import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests

from emulator_harness import EMULATOR_SCRIPT, run_emulator

READY_URL = re.compile(r'^http://127\.0\.0\.1:(\d+)$')
AC = 'AC' + 'a' * 32


def test_ready_line_trace_and_sigterm(start_process):
    emulator = start_process()
    port = int(READY_URL.match(emulator.base_url).group(1))
    assert port > 0
    assert requests.get(emulator.url('/flex-api/v1/Configuration'), auth=emulator.auth(), timeout=10).status_code == 200
    key_auth = (emulator.creds['FLEX_EMULATOR_API_KEY'], emulator.creds['FLEX_EMULATOR_API_SECRET'])
    assert requests.get(emulator.url('/flex-api/v1/FlexFlows'), auth=key_auth, timeout=10).status_code == 200
    assert requests.get(emulator.url('/studio/v2/Flows'), auth=(emulator.creds['TWILIO_ACCOUNT_SID'], 'wrong'), timeout=10).status_code == 401
    code, out, err = emulator.stop(signal.SIGTERM)
    assert code == 0
    assert out == ''
    lines = err.splitlines()
    assert lines == ['GET /flex-api/v1/Configuration 200', 'GET /flex-api/v1/FlexFlows 200', 'GET /studio/v2/Flows 401']
    for secret in (emulator.creds['TWILIO_AUTH_TOKEN'], emulator.creds['FLEX_EMULATOR_API_SECRET']):
        assert secret not in err


def test_sigint_exits_cleanly_and_quiet_silences_the_trace(start_process):
    emulator = start_process(['--quiet'])
    assert requests.get(emulator.url('/flex-api/v1/FlexFlows'), auth=emulator.auth(), timeout=10).status_code == 200
    code, out, err = emulator.stop(signal.SIGINT)
    assert (code, out, err) == (0, '', '')


def test_runs_from_any_directory(start_process):
    emulator = start_process(cwd='/')
    assert requests.get(emulator.url('/studio/v2/Flows'), auth=emulator.auth(), timeout=10).status_code == 200
    assert emulator.stop()[0] == 0


def test_fixed_port(start_process):
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    emulator = start_process(['--port', str(port)])
    assert emulator.base_url == 'http://127.0.0.1:{0}'.format(port)
    assert emulator.stop()[0] == 0


def test_port_in_use_fails(start_process):
    first = start_process()
    port = READY_URL.match(first.base_url).group(1)
    args = ['--port', port, '--account-sid', AC, '--auth-token', 't']
    process, base_url = run_emulator(args)
    assert base_url is None
    assert process.returncode == 1
    assert 'cannot listen' in process.stderr.read()


def test_max_in_flight_flag(start_process):
    emulator = start_process(['--max-in-flight', '1'])
    requests.post(emulator.url('/__emulator__/faults'), json={'status': 200, 'count': 1, 'delay': 0.5}, timeout=10).raise_for_status()
    slow = threading.Thread(target=requests.get, args=(emulator.url('/flex-api/v1/FlexFlows'),), kwargs={'auth': emulator.auth(), 'timeout': 10})
    slow.start()
    deadline = time.monotonic() + 5
    while not requests.get(emulator.url('/__emulator__/requests'), timeout=10).json() and time.monotonic() < deadline:
        time.sleep(0.01)
    response = requests.get(emulator.url('/flex-api/v1/FlexFlows'), auth=emulator.auth(), timeout=10)
    slow.join()
    assert (response.status_code, response.headers['Retry-After'], response.json()['code']) == (429, '1', 20429)


def test_twilio_limits_flag(start_process):
    emulator = start_process(['--twilio-limits'])
    auth = emulator.auth()
    configuration = requests.get(emulator.url('/flex-api/v1/Configuration'), auth=auth, timeout=10).json()
    form = {'FriendlyName': 'Burst', 'ChatServiceSid': configuration['chat_service_instance_sid'], 'ChannelType': 'web',
            'Integration.FlowSid': 'FW' + 'a' * 32}
    session = requests.Session()
    started = time.monotonic()
    statuses = [session.post(emulator.url('/flex-api/v1/FlexFlows'), auth=auth, data=form, timeout=10).status_code for index in range(3)]
    if time.monotonic() - started >= 0.9:
        pytest.skip('this machine is too slow to test a one-second window')
    assert statuses == [201, 201, 429]
    code, out, err = emulator.stop()
    assert code == 0
    assert err.splitlines()[-3:] == ['POST /flex-api/v1/FlexFlows 201', 'POST /flex-api/v1/FlexFlows 201', 'POST /flex-api/v1/FlexFlows 429']


def test_conversations_survive_a_restart(start_process, tmp_path):
    state = str(tmp_path / 'account.json')
    first = start_process(['--state', state])
    auth = first.auth()
    created = requests.post(first.url('/conversations/v1/Configuration/Addresses'), auth=auth, timeout=10,
                            data={'Type': 'chat', 'Address': 'CV' + 'b' * 32, 'AutoCreation.Enabled': 'true'}).json()
    configuration = requests.post(first.url('/conversations/v1/Configuration'), auth=auth, data={'DefaultClosedTimer': 'PT2H'}, timeout=10).json()
    assert first.stop()[0] == 0
    with open(state) as stream:
        assert json.load(stream)['format'] == 2

    second = start_process(['--state', state], creds=first.creds)
    fetched = requests.get(second.url('/conversations/v1/Configuration/Addresses/CV' + 'b' * 32), auth=auth, timeout=10).json()
    assert dict(fetched, url=None) == dict(created, url=None)
    assert requests.get(second.url('/conversations/v1/Configuration'), auth=auth, timeout=10).json()['default_closed_timer'] == \
        configuration['default_closed_timer']
    assert second.stop()[0] == 0


def test_format_1_state_file_is_read_and_upgraded(start_process, tmp_path):
    """A state file written before the Conversations families (format 1) still loads: it gets the fresh
    Conversations configuration and no addresses, and is saved as format 2 on the next write."""
    state = tmp_path / 'old.json'
    first = start_process(['--state', str(state)])
    flex = requests.get(first.url('/flex-api/v1/Configuration'), auth=first.auth(), timeout=10).json()
    assert first.stop()[0] == 0
    old = json.loads(state.read_text())
    old['format'] = 1
    del old['conversations_configuration']
    del old['collections']['address_configurations']
    state.write_text(json.dumps(old))

    second = start_process(['--state', str(state)], creds=first.creds)
    auth = second.auth()
    conversations = requests.get(second.url('/conversations/v1/Configuration'), auth=auth, timeout=10).json()
    assert conversations['default_chat_service_sid'] == flex['chat_service_instance_sid']
    assert conversations['default_messaging_service_sid'] == flex['messaging_service_instance_sid']
    assert requests.get(second.url('/conversations/v1/Configuration/Addresses'), auth=auth, timeout=10).json()['address_configurations'] == []
    requests.post(second.url('/conversations/v1/Configuration/Addresses'), auth=auth, data={'Type': 'sms', 'Address': '+1555'},
                  timeout=10).raise_for_status()
    upgraded = json.loads(state.read_text())
    assert upgraded['format'] == 2 and len(upgraded['collections']['address_configurations']['records']) == 1
    assert second.stop()[0] == 0


def test_state_survives_a_restart(start_process, tmp_path):
    state = str(tmp_path / 'account.json')
    first = start_process(['--state', state])
    auth = first.auth()
    configuration = requests.get(first.url('/flex-api/v1/Configuration'), auth=auth, timeout=10).json()
    studio = requests.get(first.url('/studio/v2/Flows'), auth=auth, timeout=10).json()['flows']
    created = requests.post(first.url('/flex-api/v1/FlexFlows'), auth=auth, data={
        'FriendlyName': 'Kept', 'ChatServiceSid': configuration['chat_service_instance_sid'], 'ChannelType': 'web',
        'Integration.FlowSid': studio[0]['sid']}, timeout=10).json()
    requests.delete(studio[2]['url'], auth=auth, timeout=10).raise_for_status()
    page = requests.get(first.url('/flex-api/v1/FlexFlows'), params={'PageSize': 1}, auth=auth, timeout=10).json()
    assert first.stop()[0] == 0
    with open(state) as stream:
        assert json.load(stream)['account_sid'] == first.creds['TWILIO_ACCOUNT_SID']
    assert os.listdir(str(tmp_path)) == ['account.json']

    second = start_process(['--state', state], creds=first.creds)
    assert requests.get(second.url('/flex-api/v1/Configuration'), auth=auth, timeout=10).json()['chat_service_instance_sid'] == \
        configuration['chat_service_instance_sid']
    flows = requests.get(second.url('/flex-api/v1/FlexFlows'), auth=auth, timeout=10).json()['flex_flows']
    assert [flow['sid'] for flow in flows][-1] == created['sid']
    assert flows[-1]['date_created'] == created['date_created']
    assert [flow['sid'] for flow in requests.get(second.url('/studio/v2/Flows'), auth=auth, timeout=10).json()['flows']] == \
        [flow['sid'] for flow in studio[:2]]
    next_url = page['meta']['next_page_url'].replace(first.base_url, second.base_url)
    assert [flow['sid'] for flow in requests.get(next_url, auth=auth, timeout=10).json()['flex_flows']] == [created['sid']]

    requests.post(second.url('/__emulator__/reset'), timeout=10).raise_for_status()
    assert requests.get(second.url('/flex-api/v1/Configuration'), auth=auth, timeout=10).json()['chat_service_instance_sid'] == \
        configuration['chat_service_instance_sid']
    assert len(requests.get(second.url('/studio/v2/Flows'), auth=auth, timeout=10).json()['flows']) == 3
    assert second.stop()[0] == 0
    with open(state) as stream:
        assert len(json.load(stream)['collections']['studio_flows']['records']) == 3


def test_unwritable_state_file_answers_500(start_process, tmp_path):
    folder = tmp_path / 'gone'
    folder.mkdir()
    emulator = start_process(['--state', str(folder / 'state.json'), '--quiet'])
    shutil.rmtree(str(folder))
    response = requests.post(emulator.url('/studio/v2/Flows'), auth=emulator.auth(), timeout=10,
                             data={'FriendlyName': 'Lost', 'Status': 'draft', 'Definition': '{}'})
    assert (response.status_code, response.json()['code']) == (500, 20500)
    assert requests.get(emulator.url('/flex-api/v1/Configuration'), auth=emulator.auth(), timeout=10).status_code == 200
    code, out, err = emulator.stop()
    assert code == 0
    assert 'FileNotFoundError' in err


def test_state_file_is_written_at_start(start_process, tmp_path):
    state = tmp_path / 'fresh.json'
    emulator = start_process(['--state', str(state)])
    assert json.loads(state.read_text())['identity']['chat_service_sid'].startswith('IS')
    assert emulator.stop()[0] == 0


@pytest.mark.parametrize('content, message', [
    ('{not json', 'not usable'),
    ('{"format": 99}', 'unknown format'),
    ('other account', 'belongs to account'),
])
def test_unusable_state_file_is_refused(start_process, tmp_path, content, message):
    state = tmp_path / 'state.json'
    if content == 'other account':
        start_process(['--state', str(state)]).stop()
    else:
        state.write_text(content)
    process, base_url = run_emulator(['--account-sid', AC, '--auth-token', 't', '--state', str(state)])
    assert base_url is None
    assert process.returncode == 2
    assert message in process.stderr.read()


@pytest.mark.parametrize('args, message', [
    (['--auth-token', 't'], '--account-sid'),
    (['--account-sid', AC], '--auth-token'),
    (['--account-sid', 'AC123', '--auth-token', 't'], '--account-sid must match'),
    (['--account-sid', 'SK' + 'a' * 32, '--auth-token', 't'], '--account-sid must match'),
    (['--account-sid', AC, '--auth-token', 't', '--api-key', 'SK123', '--api-secret', 's'], '--api-key must match'),
    (['--account-sid', AC, '--auth-token', 't', '--api-key', 'SK' + 'a' * 32], 'go together'),
    (['--account-sid', AC, '--auth-token', 't', '--api-secret', 's'], 'go together'),
    (['--account-sid', AC, '--auth-token', ''], 'must not be empty'),
    (['--account-sid', AC, '--auth-token', 't', '--port', 'http'], '--port'),
    (['--account-sid', AC, '--auth-token', 't', '--port', '70000'], '--port'),
    (['--account-sid', AC, '--auth-token', 't', '--max-in-flight', '0'], '--max-in-flight'),
    (['--account-sid', AC, '--auth-token', 't', '--bogus'], 'unrecognized arguments'),
    (['--account-sid', AC + '\n', '--auth-token', 't'], '--account-sid must match'),
    (['--account-sid', AC, '--auth-token', 't', '--api-key', 'SK' + 'a' * 32 + '\n', '--api-secret', 's'], '--api-key must match'),
])
def test_bad_arguments(args, message):
    process, base_url = run_emulator(args)
    assert base_url is None
    assert process.returncode == 2
    assert message in process.stderr.read()


def find_python(version):
    """A working interpreter for `version`: on PATH, or installed by pyenv (whose shims need a selected version)."""
    pyenv_root = os.environ.get('PYENV_ROOT') or os.path.expanduser('~/.pyenv')
    candidates = [shutil.which('python' + version)]
    candidates += sorted(glob.glob(os.path.join(pyenv_root, 'versions', version + '.*', 'bin', 'python' + version)), reverse=True)
    for candidate in candidates:
        if candidate and subprocess.run([candidate, '--version'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode == 0:
            return candidate
    return None


@pytest.mark.parametrize('version', ['3.9', '3.10', '3.11', '3.12', '3.13'])
def test_runs_on_supported_pythons(start_process, version):
    python = find_python(version)
    if python is None:
        pytest.skip('python{0} is not installed here'.format(version))
    emulator = start_process(python=python)
    assert requests.get(emulator.url('/flex-api/v1/FlexFlows'), auth=emulator.auth(), timeout=10).json()['flex_flows'][0]['friendly_name'] == \
        'Flex Web Channel'
    created = requests.post(emulator.url('/conversations/v1/Configuration/Addresses'), auth=emulator.auth(), timeout=10,
                            data=[('Type', 'chat'), ('Address', 'CV' + 'a' * 32), ('AutoCreation.WebhookFilters', 'onMessageAdded')])
    assert created.status_code == 201, created.text
    assert emulator.stop()[0] == 0


def test_script_needs_only_the_standard_library():
    """The emulator runs on a bare Python: -S leaves every site-packages folder off the path."""
    result = subprocess.run([sys.executable, '-S', '-I', EMULATOR_SCRIPT, '--help'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True, cwd='/', check=False)
    assert result.returncode == 0, result.stderr
    for flag in ('--host', '--port', '--account-sid', '--auth-token', '--api-key', '--api-secret', '--state', '--max-in-flight', '--twilio-limits',
                 '--quiet'):
        assert flag in result.stdout


def test_a_state_file_without_a_collection_loads_it_empty(start_process, tmp_path):
    """A collection family newer than the state file needs no new format: its collection loads
    empty, and the next write saves it."""
    state = tmp_path / 'account.json'
    first = start_process(['--state', str(state)])
    assert first.stop()[0] == 0
    saved = json.loads(state.read_text())
    del saved['collections']['address_configurations']
    state.write_text(json.dumps(saved))

    second = start_process(['--state', str(state)], creds=first.creds)
    auth = second.auth()
    assert requests.get(second.url('/conversations/v1/Configuration/Addresses'), auth=auth, timeout=10).json()['address_configurations'] == []
    flows = requests.get(second.url('/flex-api/v1/FlexFlows'), auth=auth, timeout=10).json()['flex_flows']
    assert [flow['friendly_name'] for flow in flows] == ['Flex Web Channel']
    requests.post(second.url('/conversations/v1/Configuration/Addresses'), auth=auth, data={'Type': 'sms', 'Address': '+1555'},
                  timeout=10).raise_for_status()
    rewritten = json.loads(state.read_text())
    assert rewritten['format'] == 2 and len(rewritten['collections']['address_configurations']['records']) == 1
    assert second.stop()[0] == 0
