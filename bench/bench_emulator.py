# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark's side of the emulator: start and stop it (with Twilio's documented limits),
reset it between scenarios, read its request log, and seed an account with many Flex Flows
without going through the modules, whose cost is what is being measured.

Every emulator the benchmark measures against runs with --twilio-limits: Twilio's documented
per-account rates for Flex Flows (list 10/s, fetch 2/s, create 2/s, update 1/s, delete 2/s; 429
code 20429 beyond them) and its cap of 2500 Flex Flows per account (tests/emulator/README.md)."""

import json
import os
import secrets
import sys
import tempfile

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

# The same start/stop and fresh credentials as every other emulator-backed test.
from with_emulator import credentials, environment, start, stop  # noqa: E402  pylint: disable=wrong-import-position

HOOK_TIMEOUT = 60
FLOWS = '/flex-api/v1/FlexFlows'
# The emulator's state file format (tests/emulator/README.md, "State file") that seed_account edits.
STATE_FORMAT = 2


class Emulator:
    """One emulator process: with Twilio's limits unless told otherwise, on a state file if given."""

    def __init__(self, twilio_limits=True, state=None, creds=None):
        self.creds = creds or credentials()
        self.process, self.base = start(self.creds, state=state, twilio_limits=twilio_limits)
        self.session = requests.Session()
        self.session.auth = (self.creds['TWILIO_ACCOUNT_SID'], self.creds['TWILIO_AUTH_TOKEN'])

    def close(self):
        self.session.close()
        stop(self.process)

    def env(self):
        """What a user sets for real Twilio, pointed at this emulator (the modules' own fallbacks)."""
        return environment(self.creds, self.base)

    def site_vars(self):
        """The same connection as the role's variables of one site (for an inventory of several
        accounts, where no TWILIO_* variable may stand for all of them)."""
        return dict(webchat_addresses_account_sid=self.creds['TWILIO_ACCOUNT_SID'],
                    webchat_addresses_auth_token=self.creds['TWILIO_AUTH_TOKEN'],
                    webchat_addresses_flex_api_url=self.base + '/flex-api',
                    webchat_addresses_studio_api_url=self.base + '/studio',
                    webchat_addresses_conversations_api_url=self.base + '/conversations',
                    webchat_addresses_sync_api_url=self.base + '/sync')

    def _hook(self, method, name):
        response = self.session.request(method, '%s/__emulator__/%s' % (self.base, name), timeout=HOOK_TIMEOUT)
        response.raise_for_status()
        return response.json() if response.content else None

    def reset(self):
        """The fresh account (same seeded SIDs), with an empty request log and empty rate windows."""
        self._hook('POST', 'reset')

    def log(self):
        return self._hook('GET', 'requests')

    def mark(self):
        """Where the request log ends now; requests_since(mark) is what came after."""
        return len(self.log())

    def requests_since(self, mark):
        return self.log()[mark:]

    def state(self):
        return self._hook('GET', 'state')

    def seed_ids(self):
        """The chat service and the "Webchat Flow" Studio flow of the fresh account."""
        state = self.state()
        flow = [f['sid'] for f in state['studio_flows'] if f['friendly_name'] == 'Webchat Flow']
        return state['configuration']['chat_service_instance_sid'], flow[0]

    def create_flow(self, name, chat_service_sid, studio_flow_sid):
        """One web Flex Flow as the role creates it (the same form fields), through the API."""
        response = self.session.post(self.base + FLOWS, timeout=HOOK_TIMEOUT, data={
            'FriendlyName': name, 'ChannelType': 'web', 'ChatServiceSid': chat_service_sid, 'Enabled': 'true',
            'IntegrationType': 'studio', 'Integration.FlowSid': studio_flow_sid})
        if response.status_code != 201:
            raise RuntimeError('seeding %r: HTTP %s %s' % (name, response.status_code, response.text))
        return response.json()

    def flows(self):
        return self.state()['flex_flows']


def seed_account(path, names, total, filler='Bulk %05d'):
    """A state file for an account holding exactly `total` Flex Flows: the fresh account's one,
    a web flow for each of `names`, and filler flows; returns the credentials it belongs to.

    The flows named, and one filler flow, are created through the API of an emulator without
    limits that keeps its state in `path`. The other filler flows are copies of that filler flow,
    with fresh SIDs and names, added to the state file (format 2: tests/emulator/README.md) with
    the next creation numbers: the emulator saves its whole state after every write, so creating
    2500 flows one by one through the API takes minutes (224 s measured on 2 cores), while this
    takes a second and gives the same records the API would have made. The emulator that then
    loads the file checks it as it checks any state file."""
    creds = credentials()
    seeder = Emulator(twilio_limits=False, state=path, creds=creds)
    try:
        chat_service_sid, studio_flow_sid = seeder.seed_ids()
        for name in names:
            seeder.create_flow(name, chat_service_sid, studio_flow_sid)
        if total > len(seeder.flows()):
            seeder.create_flow(filler % 0, chat_service_sid, studio_flow_sid)
    finally:
        seeder.close()
    with open(path) as handle:
        state = json.load(handle)
    if state.get('format') != STATE_FORMAT:
        raise RuntimeError('seeding: the emulator wrote a state file of format %r; bench_emulator.py knows format %d'
                           % (state.get('format'), STATE_FORMAT))
    collection = state['collections']['flex_flows']
    template = [record for record in collection['records'] if record['friendly_name'] == filler % 0]
    for number in range(1, total - len(collection['records']) + 1):
        record = dict(template[0], sid='FO' + secrets.token_hex(16), friendly_name=filler % number)
        collection['records'].append(record)
        collection['sequence'][record['sid']] = state['next_number']
        state['next_number'] += 1
    handle, temporary = tempfile.mkstemp(prefix='.bench-seed-', suffix='.json', dir=os.path.dirname(os.path.abspath(path)))
    with os.fdopen(handle, 'w') as stream:
        json.dump(state, stream)
    os.replace(temporary, path)
    return creds


# -- reading a request log ---------------------------------------------------------------------

def api_requests(entries):
    """The API requests of a log slice (the emulator's hooks are never logged)."""
    return [entry for entry in entries if not entry['path'].startswith('/__emulator__/')]


def sync_requests(entries):
    """The requests to Twilio Sync (the site's record and lock in the account)."""
    return [entry for entry in entries if entry['path'].startswith('/sync/')]


def address_writes(entries):
    """The writes to Flex, Studio and Conversations (not the record's or the lock's, in Sync)."""
    return [entry for entry in writes(entries) if not entry['path'].startswith('/sync/')]


def writes(entries):
    return [entry for entry in entries if entry['method'] != 'GET']


def refusals(entries):
    """The requests answered 429 (over a documented rate)."""
    return [entry for entry in entries if entry['status'] == 429]


def flex_flow_lists(entries):
    """List requests: GETs of the Flex Flow collection itself (not of one flow)."""
    return [entry for entry in entries if entry['method'] == 'GET' and entry['path'].rstrip('/') == FLOWS]


def creates(entries):
    """Flex Flow creates that succeeded."""
    return [entry for entry in entries if entry['method'] == 'POST' and entry['path'].rstrip('/') == FLOWS and entry['status'] == 201]


def updates(entries):
    """Flex Flow updates that succeeded (POST to one flow)."""
    return [entry for entry in entries if entry['method'] == 'POST' and entry['path'].startswith(FLOWS + '/FO')
            and entry['status'] == 200]
