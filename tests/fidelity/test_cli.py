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
    assert requests.get(emulator.url('/flex-api/v1/FlexFlows'), auth=(emulator.creds['api_key'], emulator.creds['api_secret']), timeout=10).status_code == 200
    assert requests.get(emulator.url('/studio/v2/Flows'), auth=(emulator.creds['account_sid'], 'wrong'), timeout=10).status_code == 401
    code, out, err = emulator.stop(signal.SIGTERM)
    assert code == 0
    assert out == ''
    lines = err.splitlines()
    assert lines == ['GET /flex-api/v1/Configuration 200', 'GET /flex-api/v1/FlexFlows 200', 'GET /studio/v2/Flows 401']
    for secret in (emulator.creds['auth_token'], emulator.creds['api_secret']):
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
        assert json.load(stream)['account_sid'] == first.creds['account_sid']
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
    assert emulator.stop()[0] == 0


def test_script_needs_only_the_standard_library():
    """The emulator runs on a bare Python: -S leaves every site-packages folder off the path."""
    result = subprocess.run([sys.executable, '-S', '-I', EMULATOR_SCRIPT, '--help'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True, cwd='/', check=False)
    assert result.returncode == 0, result.stderr
    for flag in ('--host', '--port', '--account-sid', '--auth-token', '--api-key', '--api-secret', '--state', '--max-in-flight', '--quiet'):
        assert flag in result.stdout
