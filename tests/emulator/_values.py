# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Twilio value formats shared by the emulator: SIDs and timestamps."""

import calendar
import re
import time
import uuid

TIMESTAMP_FORMAT = '%Y-%m-%dT%H:%M:%SZ'


def new_sid(prefix):
    """A new SID as Twilio makes them: a two-letter prefix and 32 lower-case hex digits."""
    return prefix + uuid.uuid4().hex


def sid_pattern(prefix):
    """The spec's pattern for a SID with this prefix (hex digits of either case).

    Use it with .fullmatch() only: the spec's `^...$` with .match() would also accept a trailing
    newline, because `$` matches just before one.
    """
    return re.compile(prefix + '[0-9a-fA-F]{32}')


def timestamp_now(seconds=None):
    """The current time (or `seconds` since the epoch) in Twilio's ISO 8601 form, e.g. 2026-11-25T10:00:00Z."""
    return time.strftime(TIMESTAMP_FORMAT, time.gmtime(seconds))


def timestamp_seconds(timestamp):
    """Seconds since the epoch of a timestamp in Twilio's form."""
    return calendar.timegm(time.strptime(timestamp, TIMESTAMP_FORMAT))


def timestamp_after(previous, seconds=None):
    """Now (or `seconds` since the epoch), but at least one second after `previous`.

    Twilio timestamps have whole seconds only; without this, two writes within the same second
    would leave date_updated unchanged, and clients that detect changes by it would miss one.
    """
    now = timestamp_now(seconds)
    if previous is None or now > previous:
        return now
    return timestamp_now(timestamp_seconds(previous) + 1)
