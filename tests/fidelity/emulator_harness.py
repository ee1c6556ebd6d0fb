# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Running the emulator for the fidelity suite: in this process (a thread) or as a script."""

import os
import select
import signal
import subprocess
import sys
import time
import uuid

import requests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMULATOR_DIR = os.path.join(REPO, 'tests', 'emulator')
EMULATOR_SCRIPT = os.path.join(EMULATOR_DIR, 'flex_emulator.py')
sys.path.insert(0, EMULATOR_DIR)

import flex_emulator  # noqa: E402  pylint: disable=wrong-import-position

READY_PREFIX = 'flex-emulator listening on '
TIMEOUT = 10


class Session(requests.Session):
    """A requests session that gives up after TIMEOUT seconds, so a hung emulator fails a test
    instead of hanging the suite."""

    def request(self, method, url, *args, **kwargs):  # pylint: disable=arguments-differ
        kwargs.setdefault('timeout', TIMEOUT)
        return super().request(method, url, *args, **kwargs)


def new_sid(prefix):
    return prefix + uuid.uuid4().hex


class Emulator:
    """A running emulator plus the credentials it accepts and helpers for its test hooks."""

    def __init__(self, base_url, account_sid, auth_token, api_key, api_secret):
        self.base_url = base_url
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.api_key = api_key
        self.api_secret = api_secret
        self.hooks = Session()

    def url(self, path):
        return self.base_url + path

    def session(self, auth=None):
        """A keep-alive requests session authenticated with the account SID and auth token by default."""
        session = Session()
        session.auth = auth or (self.account_sid, self.auth_token)
        return session

    def request_log(self):
        response = self.hooks.get(self.url('/__emulator__/requests'))
        response.raise_for_status()
        return response.json()

    def reset(self):
        self.hooks.post(self.url('/__emulator__/reset')).raise_for_status()

    def fault(self, **rule):
        response = self.hooks.post(self.url('/__emulator__/faults'), json=rule)
        response.raise_for_status()
        return response.json()

    def state(self):
        return self.hooks.get(self.url('/__emulator__/state')).json()


def credentials():
    return dict(account_sid=new_sid('AC'), auth_token=uuid.uuid4().hex, api_key=new_sid('SK'), api_secret=uuid.uuid4().hex)


def start_in_thread(**options):
    """An emulator serving from a thread of this process, with fresh credentials: (server, Emulator)."""
    creds = credentials()
    server = flex_emulator.start_emulator(**dict(creds, **options))
    return server, Emulator(server.base_url, **creds)


class EmulatorProcess:
    """The emulator run as a script, the way users and the integration tests run it."""

    def __init__(self, process, base_url, creds):
        self.process = process
        self.base_url = base_url
        self.creds = creds

    def url(self, path):
        return self.base_url + path

    def auth(self):
        return (self.creds['account_sid'], self.creds['auth_token'])

    def stop(self, signum=signal.SIGTERM):
        """Send `signum` and return (exit code, stdout rest, stderr)."""
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=15)
        return self.process.returncode, out, err


def run_emulator(args, cwd=None, python=sys.executable, timeout=15):
    """Start the script with `args`; returns (process, base URL) once it says it is ready, or
    (process, None) when it exited first."""
    process = subprocess.Popen([python, EMULATOR_SCRIPT] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([process.stdout], [], [], 0.1)
        if ready:
            line = process.stdout.readline()
            if line.startswith(READY_PREFIX):
                return process, line[len(READY_PREFIX):].strip()
            if not line:
                process.wait(timeout=timeout)
                return process, None
    process.kill()
    process.communicate()
    raise AssertionError('the emulator did not say it was ready within {0}s'.format(timeout))
