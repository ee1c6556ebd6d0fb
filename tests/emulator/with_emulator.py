# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run one command with a fresh emulator up, and stop the emulator afterwards, whatever happens.

    python tests/emulator/with_emulator.py [--state FILE] [--max-in-flight N] -- COMMAND [ARG...]

The command sees the environment a user would set for real Twilio, pointed at the emulator:
TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FLEX_API_URL and TWILIO_STUDIO_API_URL (the modules'
own fallbacks), plus FLEX_EMULATOR_URL (for the /__emulator__/ hooks) and FLEX_EMULATOR_API_KEY /
FLEX_EMULATOR_API_SECRET (a second credential the emulator accepts). Exits with the command's code.
"""

import argparse
import os
import re
import secrets
import subprocess
import sys

EMULATOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'flex_emulator.py')
READY = re.compile(r'listening on (http://\S+)')


def credentials():
    """Fresh credentials per run, so no test can depend on a constant secret."""
    return dict(
        TWILIO_ACCOUNT_SID='AC' + secrets.token_hex(16),
        TWILIO_AUTH_TOKEN=secrets.token_hex(16),
        FLEX_EMULATOR_API_KEY='SK' + secrets.token_hex(16),
        FLEX_EMULATOR_API_SECRET=secrets.token_hex(16),
    )


def start(creds, state=None, max_in_flight=None, port=0):
    command = [sys.executable, EMULATOR, '--host', '127.0.0.1', '--port', str(port), '--quiet',
               '--account-sid', creds['TWILIO_ACCOUNT_SID'], '--auth-token', creds['TWILIO_AUTH_TOKEN'],
               '--api-key', creds['FLEX_EMULATOR_API_KEY'], '--api-secret', creds['FLEX_EMULATOR_API_SECRET']]
    if state:
        command += ['--state', state]
    if max_in_flight:
        command += ['--max-in-flight', str(max_in_flight)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, universal_newlines=True)
    line = process.stdout.readline()
    match = READY.search(line)
    if not match:
        process.kill()
        raise SystemExit('the emulator did not start: %r' % line)
    return process, match.group(1)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--state', help='keep the emulated account in this file')
    parser.add_argument('--max-in-flight', type=int, help='the emulator answers 429 beyond this many requests in flight')
    parser.add_argument('--port', type=int, default=0, help='port for the emulator (default: a free one)')
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    if not command:
        parser.error('a command to run is needed')
    creds = credentials()
    process, base = start(creds, args.state, args.max_in_flight, args.port)
    env = dict(os.environ, **creds)
    env.update(TWILIO_FLEX_API_URL=base + '/flex-api', TWILIO_STUDIO_API_URL=base + '/studio', FLEX_EMULATOR_URL=base)
    try:
        return subprocess.call(command, env=env)
    finally:
        stop(process)


if __name__ == '__main__':
    sys.exit(main())
