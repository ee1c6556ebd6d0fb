# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark's side of the emulator: start and stop it, reset it between scenarios, read its
request log, and seed an account with many Flex Flows straight through the API (not through the
modules, whose cost is what is being measured)."""

import os
import sys

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

# The same start/stop and fresh credentials as every other emulator-backed test.
from with_emulator import credentials, start, stop  # noqa: E402  pylint: disable=wrong-import-position

# Seeding sends its creates over one keep-alive connection: the emulator answers in well under a
# millisecond, so more connections would only add contention on a 2-core machine.
SEED_TIMEOUT = 10


class Emulator:
    """One emulator process for the whole benchmark, reset before each scenario."""

    def __init__(self):
        self.creds = credentials()
        self.process, self.base = start(self.creds)
        self.session = requests.Session()
        self.session.auth = (self.creds['TWILIO_ACCOUNT_SID'], self.creds['TWILIO_AUTH_TOKEN'])

    def close(self):
        self.session.close()
        stop(self.process)

    def env(self):
        """What a user sets for real Twilio, pointed at this emulator (the modules' own fallbacks)."""
        return dict(TWILIO_ACCOUNT_SID=self.creds['TWILIO_ACCOUNT_SID'], TWILIO_AUTH_TOKEN=self.creds['TWILIO_AUTH_TOKEN'],
                    TWILIO_FLEX_API_URL=self.base + '/flex-api', TWILIO_STUDIO_API_URL=self.base + '/studio',
                    FLEX_EMULATOR_URL=self.base)

    def _hook(self, method, name):
        response = self.session.request(method, '%s/__emulator__/%s' % (self.base, name), timeout=SEED_TIMEOUT * 6)
        response.raise_for_status()
        return response.json() if response.content else None

    def reset(self):
        """The fresh account (same seeded SIDs), with an empty request log."""
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
        response = self.session.post(self.base + '/flex-api/v1/FlexFlows', timeout=SEED_TIMEOUT, data={
            'FriendlyName': name, 'ChannelType': 'web', 'ChatServiceSid': chat_service_sid, 'Enabled': 'true',
            'IntegrationType': 'studio', 'Integration.FlowSid': studio_flow_sid})
        if response.status_code != 201:
            raise RuntimeError('seeding %r: HTTP %s %s' % (name, response.status_code, response.text))
        return response.json()

    def fill_account(self, total):
        """Create web flows until the account holds exactly `total` Flex Flows; returns that count."""
        chat_service_sid, studio_flow_sid = self.seed_ids()
        existing = len(self.state()['flex_flows'])
        for number in range(total - existing):
            self.create_flow('Bulk %05d' % number, chat_service_sid, studio_flow_sid)
        return len(self.state()['flex_flows'])


def api_requests(entries):
    """The API requests of a log slice (the emulator's hooks are never logged)."""
    return [entry for entry in entries if not entry['path'].startswith('/__emulator__/')]


def writes(entries):
    return [entry for entry in entries if entry['method'] != 'GET']


def flex_flow_lists(entries):
    """List requests: GETs of the Flex Flow collection itself (not of one flow)."""
    return [entry for entry in entries if entry['method'] == 'GET' and entry['path'].rstrip('/') == '/flex-api/v1/FlexFlows']
