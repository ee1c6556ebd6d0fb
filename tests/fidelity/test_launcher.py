# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""tests/emulator/with_emulator.py, the one launcher: its Python API (credentials, start, stop,
environment), running a command inside an emulator, and --background / --stop for molecule."""

import json
import os
import re
import stat
import subprocess
import sys
import time

import pytest
import requests

from emulator_harness import LAUNCHER_SCRIPT, launched, with_emulator

ENVIRONMENT = ('TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FLEX_API_URL', 'TWILIO_STUDIO_API_URL', 'TWILIO_CONVERSATIONS_API_URL',
               'TWILIO_SYNC_API_URL', 'FLEX_EMULATOR_URL', 'FLEX_EMULATOR_API_KEY', 'FLEX_EMULATOR_API_SECRET')
BASE_URL = re.compile(r'^http://127\.0\.0\.1:\d+$')


def launcher(*args, **kwargs):
    return subprocess.run([sys.executable, LAUNCHER_SCRIPT] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=60, check=False, **kwargs)


def refuses_connections(url):
    try:
        requests.get(url + '/__emulator__/requests', timeout=5)
    except requests.exceptions.ConnectionError:
        return True
    return False


# --- the Python API -----------------------------------------------------------------------------

def test_credentials_are_fresh_and_named_as_the_environment():
    first, second = with_emulator.credentials(), with_emulator.credentials()
    assert set(first) == {'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'FLEX_EMULATOR_API_KEY', 'FLEX_EMULATOR_API_SECRET'}
    assert re.match(r'^AC[0-9a-f]{32}\Z', first['TWILIO_ACCOUNT_SID']) and re.match(r'^SK[0-9a-f]{32}\Z', first['FLEX_EMULATOR_API_KEY'])
    assert all(first[name] != second[name] for name in first)


def test_environment_names_every_product():
    creds = with_emulator.credentials()
    env = with_emulator.environment(creds, 'http://127.0.0.1:4010')
    assert env == dict(creds, TWILIO_FLEX_API_URL='http://127.0.0.1:4010/flex-api', TWILIO_STUDIO_API_URL='http://127.0.0.1:4010/studio',
                       TWILIO_CONVERSATIONS_API_URL='http://127.0.0.1:4010/conversations', TWILIO_SYNC_API_URL='http://127.0.0.1:4010/sync',
                       FLEX_EMULATOR_URL='http://127.0.0.1:4010')
    assert sorted(env) == sorted(ENVIRONMENT)


def test_start_and_stop():
    creds = with_emulator.credentials()
    process, base_url = with_emulator.start(creds)
    try:
        assert BASE_URL.match(base_url)
        env = with_emulator.environment(creds, base_url)
        auth = (env['TWILIO_ACCOUNT_SID'], env['TWILIO_AUTH_TOKEN'])
        for variable, path in (('TWILIO_FLEX_API_URL', '/v1/FlexFlows'), ('TWILIO_STUDIO_API_URL', '/v2/Flows'),
                               ('TWILIO_CONVERSATIONS_API_URL', '/v1/Configuration/Addresses'), ('TWILIO_SYNC_API_URL', '/v1/Services/default')):
            assert requests.get(env[variable] + path, auth=auth, timeout=10).status_code == 200
        key_auth = (env['FLEX_EMULATOR_API_KEY'], env['FLEX_EMULATOR_API_SECRET'])
        assert requests.get(env['TWILIO_CONVERSATIONS_API_URL'] + '/v1/Configuration', auth=key_auth, timeout=10).status_code == 200
    finally:
        with_emulator.stop(process)
    assert process.returncode == 0
    assert refuses_connections(base_url)


def test_start_with_twilio_limits_and_state(tmp_path):
    state = str(tmp_path / 'state.json')
    with launched(twilio_limits=True, state=state) as emulator:
        session = emulator.session()
        chat_service = session.get(emulator.url('/flex-api/v1/Configuration')).json()['chat_service_instance_sid']
        form = {'FriendlyName': 'Burst', 'ChatServiceSid': chat_service, 'ChannelType': 'web', 'Integration.FlowSid': 'FW' + 'a' * 32}
        started = time.monotonic()
        statuses = [session.post(emulator.url('/flex-api/v1/FlexFlows'), data=form).status_code for index in range(3)]
        if time.monotonic() - started >= 0.9:
            pytest.skip('this machine is too slow to test a one-second window')
        assert statuses == [201, 201, 429]
    with open(state) as stream:
        assert json.load(stream)['account_sid'] == emulator.account_sid


# --- running a command --------------------------------------------------------------------------

PRINT_ENVIRONMENT = 'import json, os; print(json.dumps(dict((name, os.environ.get(name)) for name in {0!r})))'.format(ENVIRONMENT)


def test_command_sees_the_environment_and_its_code_is_returned():
    result = launcher('--', sys.executable, '-c', PRINT_ENVIRONMENT + '; raise SystemExit(3)')
    assert result.returncode == 3, result.stderr
    env = json.loads(result.stdout)
    base = env['FLEX_EMULATOR_URL']
    assert BASE_URL.match(base)
    assert env == with_emulator.environment(env, base)
    assert env['TWILIO_CONVERSATIONS_API_URL'] == base + '/conversations'
    # The emulator is gone once the command is.
    assert refuses_connections(base)


def test_command_reaches_the_conversations_api():
    script = ('import os, urllib.request, base64\n'
              'auth = base64.b64encode((os.environ["TWILIO_ACCOUNT_SID"] + ":" + os.environ["TWILIO_AUTH_TOKEN"]).encode()).decode()\n'
              'request = urllib.request.Request(os.environ["TWILIO_CONVERSATIONS_API_URL"] + "/v1/Configuration", headers={"Authorization": "Basic " + auth})\n'
              'print(urllib.request.urlopen(request).status)\n')
    result = launcher('--twilio-limits', '--', sys.executable, '-c', script)
    assert (result.returncode, result.stdout) == (0, '200\n'), result.stderr


@pytest.mark.parametrize('args', [[], ['--background', 'x.json', '--', 'true'], ['--stop', 'x.json', '--state', 's.json'],
                                  ['--stop', 'x.json', '--background', 'y.json']])
def test_bad_launcher_arguments(tmp_path, args):
    result = launcher(*args, cwd=str(tmp_path))
    assert result.returncode == 2
    assert os.listdir(str(tmp_path)) == []


# --- --background and --stop --------------------------------------------------------------------

@pytest.fixture
def connection_file(tmp_path):
    """Where --background describes its emulator; whatever a test leaves running is stopped."""
    path = str(tmp_path / 'emulator.json')
    yield path
    with_emulator.stop_background(path)


def test_background_then_stop(connection_file, tmp_path):
    state = str(tmp_path / 'state.json')
    result = launcher('--background', connection_file, '--state', state, '--twilio-limits')
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ('', '')
    assert stat.S_IMODE(os.stat(connection_file).st_mode) == 0o600
    with open(connection_file) as stream:
        known = json.load(stream)
    assert sorted(known) == ['account_sid', 'api_key', 'api_secret', 'auth_token', 'pid', 'url']
    assert BASE_URL.match(known['url']) and isinstance(known['pid'], int)
    # It outlived the launcher, and answers with the credentials the file names.
    for auth in ((known['account_sid'], known['auth_token']), (known['api_key'], known['api_secret'])):
        assert requests.get(known['url'] + '/conversations/v1/Configuration', auth=auth, timeout=10).status_code == 200
    os.kill(known['pid'], 0)
    with open(state) as stream:
        assert json.load(stream)['account_sid'] == known['account_sid']

    stopped = launcher('--stop', connection_file)
    assert stopped.returncode == 0, stopped.stderr
    assert not os.path.exists(connection_file)
    assert refuses_connections(known['url'])
    # Stopping again, with the file gone, succeeds too.
    assert launcher('--stop', connection_file).returncode == 0


def test_background_refuses_to_replace_a_running_emulator(connection_file):
    assert launcher('--background', connection_file).returncode == 0
    with open(connection_file) as stream:
        known = json.load(stream)
    again = launcher('--background', connection_file)
    assert again.returncode != 0
    assert 'still running' in again.stderr
    with open(connection_file) as stream:
        assert json.load(stream) == known
    assert requests.get(known['url'] + '/__emulator__/requests', timeout=10).status_code == 200


def test_background_replaces_a_stale_file(connection_file):
    with open(connection_file, 'w') as stream:
        json.dump({'url': 'http://127.0.0.1:9', 'account_sid': 'AC' + 'a' * 32, 'pid': 2 ** 22 + 1}, stream)
    assert launcher('--background', connection_file).returncode == 0
    with open(connection_file) as stream:
        assert json.load(stream)['account_sid'] != 'AC' + 'a' * 32


@pytest.mark.skipif(not os.path.isdir('/proc/self'), reason='without /proc the launcher can only trust the pid')
def test_stop_never_signals_a_process_that_is_not_the_emulator(connection_file):
    """A pid in the file that now belongs to another program (here one this test started) is left alone."""
    bystander = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])
    try:
        with open(connection_file, 'w') as stream:
            json.dump({'url': 'http://127.0.0.1:9', 'account_sid': 'AC' + 'a' * 32, 'pid': bystander.pid}, stream)
        result = launcher('--stop', connection_file)
        assert result.returncode == 0, result.stderr
        assert not os.path.exists(connection_file)
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()
