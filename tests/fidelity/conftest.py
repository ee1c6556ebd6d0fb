# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the emulator fidelity suite.

One emulator runs in a thread of the test process for the whole session (port 0, loopback), and
is reset through its hook before every test. Tests that need a process of their own (CLI, state
file, signals) start one with `start_process`.
"""

import sys

import pytest

from emulator_harness import EmulatorProcess, credentials, run_emulator, start_in_thread


@pytest.fixture(scope='session')
def emulator():
    server, running = start_in_thread()
    try:
        yield running
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def fresh_account(request):
    """Every test starts from the fresh account with an empty request log and no faults."""
    if 'emulator' in request.fixturenames:
        request.getfixturevalue('emulator').reset()


@pytest.fixture
def start_inprocess():
    """Start extra in-process emulators with their own options (stopped at teardown): start_inprocess(**options)."""
    servers = []

    def start(**options):
        server, started = start_in_thread(**options)
        servers.append(server)
        return started

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def api(emulator):
    session = emulator.session()
    yield session
    session.close()


@pytest.fixture
def seeded(api, emulator):
    """The fresh account as the API shows it: configuration, studio flows by name, flex flows."""
    configuration = api.get(emulator.url('/flex-api/v1/Configuration')).json()
    flows = api.get(emulator.url('/studio/v2/Flows')).json()['flows']
    flex_flows = api.get(emulator.url('/flex-api/v1/FlexFlows')).json()['flex_flows']
    return {
        'configuration': configuration,
        'studio_flows': dict((flow['friendly_name'], flow) for flow in flows),
        'flex_flows': flex_flows,
    }


@pytest.fixture
def flex_flow_form(seeded):
    """A valid create form for a studio Flex Flow in the fresh account."""
    def make(name='Support Chat', **extra):
        form = {
            'FriendlyName': name,
            'ChatServiceSid': seeded['configuration']['chat_service_instance_sid'],
            'ChannelType': 'web',
            'IntegrationType': 'studio',
            'Integration.FlowSid': seeded['studio_flows']['Webchat Flow']['sid'],
        }
        form.update(extra)
        return form
    return make


@pytest.fixture
def conversations(api, emulator):
    """The Conversations configuration of the fresh account."""
    return api.get(emulator.url('/conversations/v1/Configuration')).json()


@pytest.fixture
def address_form():
    """A valid create form for an address configuration: address_form(address, type, **extra)."""
    def make(address='+15005550006', kind='sms', **extra):
        form = {'Type': kind, 'Address': address}
        form.update(extra)
        return form
    return make


@pytest.fixture
def start_process(tmp_path):
    """Start emulator processes (stopped at teardown): start_process(extra_args, creds=None, cwd=None)."""
    started = []

    def start(extra_args=(), creds=None, cwd=None, python=sys.executable):
        creds = creds or credentials()
        args = ['--host', '127.0.0.1', '--port', '0', '--account-sid', creds['TWILIO_ACCOUNT_SID'], '--auth-token', creds['TWILIO_AUTH_TOKEN'],
                '--api-key', creds['FLEX_EMULATOR_API_KEY'], '--api-secret', creds['FLEX_EMULATOR_API_SECRET']] + list(extra_args)
        process, base_url = run_emulator(args, cwd=cwd or str(tmp_path), python=python)
        started.append(process)
        if base_url is None:
            raise AssertionError('the emulator exited with {0}: {1}'.format(process.returncode, process.stderr.read()))
        return EmulatorProcess(process, base_url, creds)

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()
