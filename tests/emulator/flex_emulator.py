# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A stateful emulator of the Twilio Flex Flow, Flex Configuration, Studio v2 Flow,
Conversations v1 configuration and address configuration, and Sync v1 Service and Document APIs.

Run it:   python tests/emulator/flex_emulator.py --port 0 --account-sid AC... --auth-token TOKEN
Embed it: server = start_emulator(account_sid='AC...', auth_token='...'); ...; server.stop()

Standard library only; see README.md beside this file for the API, the hooks and the assumptions.
"""

import argparse
import os
import signal
import socket
import sys
import threading
from http.server import ThreadingHTTPServer

# The sibling modules live next to this file; make them importable however this file was loaded
# (as a script from any working directory, or imported by a test).
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from _auth import Credentials  # noqa: E402
from _control import DEFAULT_SYNC_EXPIRY_GRACE, Clock, FaultRules, InFlightLimiter, RequestLog  # noqa: E402
from _handler import EmulatorHandler  # noqa: E402
from _limits import TwilioLimits  # noqa: E402
from _store import StateError, Store  # noqa: E402
from _values import sid_pattern  # noqa: E402

ACCOUNT_SID = sid_pattern('AC')
API_KEY = sid_pattern('SK')


class EmulatorServer(ThreadingHTTPServer):
    """The HTTP server and everything its handlers share."""

    daemon_threads = True      # a request held by a fault delay must not keep the process alive
    allow_reuse_address = True

    def __init__(self, host, port, store, credentials, max_in_flight=None, quiet=False, twilio_limits=False,
                 sync_expiry_grace=DEFAULT_SYNC_EXPIRY_GRACE):
        if ':' in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), EmulatorHandler)
        self.store = store
        self.credentials = credentials
        self.request_log = RequestLog()
        self.faults = FaultRules()
        self.limiter = InFlightLimiter(max_in_flight)
        self.clock = Clock(sync_expiry_grace)
        # The rate windows follow the emulator's clock, so that advancing it also empties them.
        self.twilio_limits = TwilioLimits(self.clock.monotonic) if twilio_limits else None
        self.quiet = quiet
        self._thread = None

    @property
    def base_url(self):
        host, port = self.server_address[:2]
        return 'http://{0}:{1}'.format('[{0}]'.format(host) if ':' in host else host, port)

    def start(self):
        """Serve from a background thread (for tests); returns self."""
        self._thread = threading.Thread(target=self.serve_forever, name='flex-emulator', daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stop serving and close the listening socket."""
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join()


def start_emulator(account_sid, auth_token, api_key=None, api_secret=None, host='127.0.0.1', port=0,
                   state=None, max_in_flight=None, quiet=True, twilio_limits=False, sync_expiry_grace=DEFAULT_SYNC_EXPIRY_GRACE):
    """Start an emulator in a background thread of this process; call .stop() when done."""
    store = Store(account_sid, state)
    credentials = Credentials(account_sid, auth_token, api_key, api_secret)
    return EmulatorServer(host, port, store, credentials, max_in_flight, quiet, twilio_limits, sync_expiry_grace).start()


def _matching(pattern, what):
    def check(value):
        if not pattern.fullmatch(value):
            raise argparse.ArgumentTypeError('{0} must match ^{1}$, got {2!r}'.format(what, pattern.pattern, value))
        return value
    return check


def _port(value):
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError('must be 0..65535 (0 picks a free port), got {0!r}'.format(value))
    return int(value)


def _positive(value):
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError('must be a positive integer, got {0!r}'.format(value))
    return int(value)


def _seconds(value):
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float('inf'):
        raise argparse.ArgumentTypeError('must be a number of seconds >= 0, got {0!r}'.format(value))
    return seconds


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Emulate the Twilio Flex Flow, Flex Configuration, Studio v2 Flow, Conversations '
                                                 'address configuration and Sync Document APIs.')
    parser.add_argument('--host', default='127.0.0.1', help='address to listen on (default 127.0.0.1)')
    parser.add_argument('--port', type=_port, default=0, help='port to listen on; 0 (the default) picks a free one')
    parser.add_argument('--account-sid', required=True, type=_matching(ACCOUNT_SID, '--account-sid'), help='the account SID (AC...)')
    parser.add_argument('--auth-token', required=True, help="the account's auth token")
    parser.add_argument('--api-key', type=_matching(API_KEY, '--api-key'), help='an API key SID (SK...) accepted as well')
    parser.add_argument('--api-secret', help="the API key's secret")
    parser.add_argument('--state', metavar='FILE', help='keep the account in this JSON file (loaded if present, saved after every write)')
    parser.add_argument('--max-in-flight', type=_positive, metavar='N', help='answer 429 (code 20429) beyond N API requests in flight')
    parser.add_argument('--twilio-limits', action='store_true',
                        help="apply Twilio's documented Flex Flow rate limits (429, code 20429), its cap of 2500 Flex Flows per account "
                             "and Sync's per-object write rates (429, code 54009)")
    parser.add_argument('--sync-expiry-grace', type=_seconds, default=DEFAULT_SYNC_EXPIRY_GRACE, metavar='SECONDS',
                        help='how long an expired Sync document stays readable before it is removed (default %(default)s)')
    parser.add_argument('--quiet', action='store_true', help='do not trace requests on stderr')
    args = parser.parse_args(argv)
    if (args.api_key is None) != (args.api_secret is None):
        parser.error('--api-key and --api-secret go together')
    if not args.auth_token or (args.api_secret is not None and not args.api_secret):
        parser.error('--auth-token and --api-secret must not be empty')
    return args


def main(argv=None):
    args = parse_args(argv)
    try:
        store = Store(args.account_sid, args.state)
    except (StateError, OSError) as error:
        sys.stderr.write('flex-emulator: {0}\n'.format(error))
        return 2
    credentials = Credentials(args.account_sid, args.auth_token, args.api_key, args.api_secret)
    try:
        server = EmulatorServer(args.host, args.port, store, credentials, args.max_in_flight, args.quiet, args.twilio_limits,
                                args.sync_expiry_grace)
    except OSError as error:
        sys.stderr.write('flex-emulator: cannot listen on {0}:{1}: {2}\n'.format(args.host, args.port, error))
        return 1

    def stop(signum, frame):
        # shutdown() waits for serve_forever() to return, so it must run outside the serving thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    sys.stdout.write('flex-emulator listening on {0}\n'.format(server.base_url))
    sys.stdout.flush()
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
