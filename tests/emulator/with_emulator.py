# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one way tests start the emulator as a process.

Run one command with a fresh emulator up, and stop the emulator afterwards, whatever happens:

    python tests/emulator/with_emulator.py [--state FILE] [--max-in-flight N] [--port N] [--twilio-limits] -- COMMAND [ARG...]

The command sees the environment a user would set for real Twilio, pointed at the emulator:
TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FLEX_API_URL, TWILIO_STUDIO_API_URL,
TWILIO_CONVERSATIONS_API_URL and TWILIO_SYNC_API_URL (the modules' own fallbacks), plus FLEX_EMULATOR_URL (for the
/__emulator__/ hooks) and FLEX_EMULATOR_API_KEY / FLEX_EMULATOR_API_SECRET (a second credential the
emulator accepts). Exits with the command's code.

Or keep an emulator running between commands (molecule's create and destroy playbooks):

    python tests/emulator/with_emulator.py [--state FILE] [...] --background FILE
    python tests/emulator/with_emulator.py --stop FILE

--background starts it detached, writes {"url", "account_sid", "auth_token", "api_key",
"api_secret", "pid"} to FILE (mode 0600) and exits 0 once the emulator listens. --stop ends the
emulator FILE names and removes FILE; it succeeds when either is already gone.

From Python: credentials(), start(creds, ...) -> (process, base_url), stop(process) and
environment(creds, base_url).
"""

import argparse
import json
import os
import re
import secrets
import select
import signal
import subprocess
import sys
import tempfile
import time

EMULATOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'flex_emulator.py')
READY = re.compile(r'listening on (http://\S+)')
READY_TIMEOUT = 30
STOP_TIMEOUT = 10


def credentials():
    """Fresh credentials per run, so no test can depend on a constant secret. The keys are the
    names of the environment variables that carry them."""
    return dict(
        TWILIO_ACCOUNT_SID='AC' + secrets.token_hex(16),
        TWILIO_AUTH_TOKEN=secrets.token_hex(16),
        FLEX_EMULATOR_API_KEY='SK' + secrets.token_hex(16),
        FLEX_EMULATOR_API_SECRET=secrets.token_hex(16),
    )


def environment(creds, base_url):
    """The nine variables a command needs to use the emulator at `base_url` with `creds` (only
    these: merge them into os.environ yourself)."""
    env = dict((name, creds[name]) for name in ('TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'FLEX_EMULATOR_API_KEY', 'FLEX_EMULATOR_API_SECRET'))
    env.update(
        TWILIO_FLEX_API_URL=base_url + '/flex-api',
        TWILIO_STUDIO_API_URL=base_url + '/studio',
        TWILIO_CONVERSATIONS_API_URL=base_url + '/conversations',
        TWILIO_SYNC_API_URL=base_url + '/sync',
        FLEX_EMULATOR_URL=base_url,
    )
    return env


def _command(creds, state, max_in_flight, port, twilio_limits):
    command = [sys.executable, EMULATOR, '--host', '127.0.0.1', '--port', str(port), '--quiet',
               '--account-sid', creds['TWILIO_ACCOUNT_SID'], '--auth-token', creds['TWILIO_AUTH_TOKEN'],
               '--api-key', creds['FLEX_EMULATOR_API_KEY'], '--api-secret', creds['FLEX_EMULATOR_API_SECRET']]
    if state:
        command += ['--state', state]
    if max_in_flight:
        command += ['--max-in-flight', str(max_in_flight)]
    if twilio_limits:
        command.append('--twilio-limits')
    return command


def _spawn(creds, state=None, max_in_flight=None, port=0, twilio_limits=False, detached=False):
    """Start the emulator and wait for its ready line: (process, base_url).

    A detached emulator gets a session of its own and no terminal streams, so that it outlives
    this process and the shell or playbook that ran it.
    """
    options = {}
    if detached:
        options = dict(stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    process = subprocess.Popen(_command(creds, state, max_in_flight, port, twilio_limits), stdout=subprocess.PIPE,
                               universal_newlines=True, **options)
    # Wait with a deadline: an emulator that neither speaks nor exits must not hang the caller.
    ready, _w, _x = select.select([process.stdout], [], [], READY_TIMEOUT)
    line = process.stdout.readline() if ready else ''
    match = READY.search(line)
    if not match:
        if process.poll() is None:
            process.kill()
        process.wait()
        # A detached emulator's stderr goes nowhere (a pipe held open would block the caller), so
        # say how it ended; run without --background to see its own message.
        raise SystemExit('the emulator did not start (exit code %s): %r' % (process.returncode, line))
    if detached:
        # It writes nothing more to stdout; closing our end lets this process go.
        process.stdout.close()
    return process, match.group(1)


def start(creds, state=None, max_in_flight=None, port=0, twilio_limits=False):
    """Start an emulator process for `creds` (see credentials()) on 127.0.0.1: (process, base_url).
    It ends with stop(process)."""
    return _spawn(creds, state, max_in_flight, port, twilio_limits)


def stop(process):
    """Stop an emulator started by start(): SIGTERM, then SIGKILL if it lingers."""
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None and not process.stdout.closed:
        process.stdout.close()


def _write_private(path, data):
    """Write `data` as JSON to `path` with mode 0600 from the first byte, atomically."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix='.with-emulator-', suffix='.json', dir=directory)  # mkstemp creates it 0600
    try:
        with os.fdopen(handle, 'w') as stream:
            json.dump(data, stream, indent=2)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _emulator_running(pid, account_sid):
    """Whether `pid` is still the emulator started for `account_sid`.

    On Linux the command line is checked, so a recycled pid is never signalled; where /proc is
    missing the pid alone has to do. A zombie (exited, not yet reaped) counts as gone.
    """
    proc = '/proc/{0}'.format(pid)
    if os.path.isdir('/proc/self'):
        try:
            with open(proc + '/cmdline', 'rb') as stream:
                arguments = stream.read().split(b'\0')
            with open(proc + '/stat') as stream:
                state = stream.read().rsplit(')', 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state != 'Z' and any(argument.endswith(b'flex_emulator.py') for argument in arguments) and account_sid.encode() in arguments
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_connection(path):
    with open(path) as stream:
        return json.load(stream)


def background(path, state=None, max_in_flight=None, port=0, twilio_limits=False):
    """Start a detached emulator and describe it in `path`; refuse if `path` names one that runs."""
    if os.path.exists(path):
        try:
            known = _read_connection(path)
            running = _emulator_running(int(known['pid']), known['account_sid'])
        except (OSError, ValueError, KeyError, TypeError):
            running = False
        if running:
            raise SystemExit('%s names an emulator that is still running (pid %s); stop it first with --stop' % (path, known['pid']))
    creds = credentials()
    process, base_url = _spawn(creds, state, max_in_flight, port, twilio_limits, detached=True)
    try:
        _write_private(path, {'url': base_url, 'account_sid': creds['TWILIO_ACCOUNT_SID'], 'auth_token': creds['TWILIO_AUTH_TOKEN'],
                              'api_key': creds['FLEX_EMULATOR_API_KEY'], 'api_secret': creds['FLEX_EMULATOR_API_SECRET'],
                              'pid': process.pid})
    except BaseException:
        stop(process)
        raise
    return process.pid, base_url


def stop_background(path):
    """Stop the emulator `path` describes and remove `path`; nothing to do when either is gone."""
    try:
        known = _read_connection(path)
    except FileNotFoundError:
        return
    except (OSError, ValueError) as error:
        raise SystemExit('cannot read %s: %s' % (path, error))
    pid, account_sid = int(known['pid']), known['account_sid']
    if _emulator_running(pid, account_sid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        while _emulator_running(pid, account_sid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _emulator_running(pid, account_sid):
            os.kill(pid, signal.SIGKILL)
    os.unlink(path)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--state', help='keep the emulated account in this file')
    parser.add_argument('--max-in-flight', type=int, help='the emulator answers 429 beyond this many requests in flight')
    parser.add_argument('--port', type=int, default=0, help='port for the emulator (default: a free one)')
    parser.add_argument('--twilio-limits', action='store_true', help="apply Twilio's documented Flex Flow rate limits and 2500-flow cap")
    parser.add_argument('--background', metavar='FILE', help='start the emulator detached, describe it in FILE (JSON, mode 0600) and exit')
    parser.add_argument('--stop', metavar='FILE', help='stop the emulator FILE describes and remove FILE')
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    args.command = args.command[1:] if args.command[:1] == ['--'] else args.command
    modes = [mode for mode in ('background', 'stop') if getattr(args, mode)]
    if len(modes) > 1 or (modes and args.command):
        parser.error('use one of --background FILE, --stop FILE or a command to run')
    if args.stop and (args.state or args.max_in_flight or args.port or args.twilio_limits):
        parser.error('--stop FILE takes no other option')
    if not modes and not args.command:
        parser.error('a command to run is needed')
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.stop:
        stop_background(args.stop)
        return 0
    if args.background:
        background(args.background, args.state, args.max_in_flight, args.port, args.twilio_limits)
        return 0
    creds = credentials()
    process, base = start(creds, args.state, args.max_in_flight, args.port, args.twilio_limits)
    env = dict(os.environ, **environment(creds, base))
    try:
        return subprocess.call(args.command, env=env)
    finally:
        stop(process)


if __name__ == '__main__':
    sys.exit(main())
