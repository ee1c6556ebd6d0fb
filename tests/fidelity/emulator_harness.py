# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Running the emulator for the fidelity suite: in this process (a thread) or as a script.

Credentials come from the launcher (tests/emulator/with_emulator.py), named as the environment
variables that carry them: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, FLEX_EMULATOR_API_KEY and
FLEX_EMULATOR_API_SECRET.
"""

import contextlib
import os
import select
import signal
import subprocess
import sys
import time

import requests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMULATOR_DIR = os.path.join(REPO, 'tests', 'emulator')
sys.path.insert(0, EMULATOR_DIR)

import flex_emulator  # noqa: E402  pylint: disable=wrong-import-position
import with_emulator  # noqa: E402  pylint: disable=wrong-import-position

EMULATOR_SCRIPT = with_emulator.EMULATOR
LAUNCHER_SCRIPT = os.path.abspath(with_emulator.__file__)
credentials = with_emulator.credentials  # the launcher's own: one way to draw credentials

READY_PREFIX = 'flex-emulator listening on '
TIMEOUT = 10


class Session(requests.Session):
    """A requests session that gives up after TIMEOUT seconds, so a hung emulator fails a test
    instead of hanging the suite."""

    def request(self, method, url, *args, **kwargs):  # pylint: disable=arguments-differ
        kwargs.setdefault('timeout', TIMEOUT)
        return super().request(method, url, *args, **kwargs)


class Emulator:
    """A running emulator plus the credentials it accepts and helpers for its test hooks.

    `server` is the EmulatorServer when it runs in this process (None for a process), for tests
    that must reach into its store.
    """

    def __init__(self, base_url, creds, server=None):
        self.base_url = base_url
        self.creds = creds
        self.account_sid = creds['TWILIO_ACCOUNT_SID']
        self.auth_token = creds['TWILIO_AUTH_TOKEN']
        self.api_key = creds['FLEX_EMULATOR_API_KEY']
        self.api_secret = creds['FLEX_EMULATOR_API_SECRET']
        self.server = server
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

    def clock(self, **change):
        """Move the emulator's clock ({"advance": seconds}) or set the Sync expiry grace; returns the clock."""
        response = self.hooks.post(self.url('/__emulator__/clock'), json=change)
        response.raise_for_status()
        return response.json()


def start_in_thread(**options):
    """An emulator serving from a thread of this process, with fresh credentials: (server, Emulator)."""
    creds = credentials()
    server = flex_emulator.start_emulator(account_sid=creds['TWILIO_ACCOUNT_SID'], auth_token=creds['TWILIO_AUTH_TOKEN'],
                                          api_key=creds['FLEX_EMULATOR_API_KEY'], api_secret=creds['FLEX_EMULATOR_API_SECRET'], **options)
    return server, Emulator(server.base_url, creds, server)


@contextlib.contextmanager
def launched(**options):
    """An emulator process started the way every test outside this suite starts one, through the
    launcher's start()/stop(): yields an Emulator."""
    creds = credentials()
    process, base_url = with_emulator.start(creds, **options)
    try:
        yield Emulator(base_url, creds)
    finally:
        with_emulator.stop(process)


class EmulatorProcess:
    """The emulator run as a script, the way users and the integration tests run it."""

    def __init__(self, process, base_url, creds):
        self.process = process
        self.base_url = base_url
        self.creds = creds

    def url(self, path):
        return self.base_url + path

    def auth(self):
        return (self.creds['TWILIO_ACCOUNT_SID'], self.creds['TWILIO_AUTH_TOKEN'])

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
