# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Parsing of form and query parameters with the checks the OpenAPI spec declares for them.

Every parser takes the parameter name and the raw string as sent and returns the typed value,
or raises a 400 ApiError that names the parameter. A form value arrives as a list (a key can be
repeated); the first value counts, as it does for a single-valued parameter on Twilio.
"""

import json
import re
from urllib.parse import urlsplit

from _responses import invalid_value, missing_parameter
from _values import sid_pattern

# Patterns here are used with .fullmatch(): `$` with .match() would let a trailing newline through.
INTEGER = re.compile(r'-?[0-9]+')
# An ISO 8601 duration in the form Twilio's Conversations timers use (PT1M, PT10M, P1D, P1DT12H...).
DURATION = re.compile(r'P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?)?')
COUNTRY = re.compile(r'[A-Za-z]{2}')


class Field:
    """One form parameter: its name in the request, its key in the resource and its parser."""

    def __init__(self, param, key, parse):
        self.param = param
        self.key = key
        self.parse = parse


def first(values, name):
    """The first value sent for `name`, or None when it was not sent."""
    sent = values.get(name)
    return sent[0] if sent else None


def parse_fields(form, fields, required=()):
    """The typed values of the `fields` present in `form`, keyed by Field.key.

    Missing required parameters are reported first, in the order given, as Twilio does.
    """
    for name in required:
        if first(form, name) is None:
            raise missing_parameter(name)
    values = {}
    for field in fields:
        raw = first(form, field.param)
        if raw is not None:
            values[field.key] = field.parse(field.param, raw)
    return values


def text(name, raw):
    """Any string, as sent."""
    return raw


def nullable_text(name, raw):
    """Any string; an empty one clears the value (null)."""
    return raw or None


def non_blank(name, raw):
    """A string with at least one non-whitespace character."""
    if not raw.strip():
        raise invalid_value(name, 'must not be empty or only whitespace')
    return raw


def boolean(name, raw):
    """Only lower-case `true` and `false`; Twilio's spec rejects `True`, `1`, `yes` and the like."""
    if raw == 'true':
        return True
    if raw == 'false':
        return False
    raise invalid_value(name, raw)


def integer(minimum=None, maximum=None):
    """A parser for a decimal integer within the given bounds."""
    def parse(name, raw):
        if not INTEGER.fullmatch(raw):
            raise invalid_value(name, raw)
        value = int(raw)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise invalid_value(name, raw)
        return value
    return parse


def enum(*choices):
    """A parser for one of `choices`, compared case-sensitively as the spec's enums are."""
    def parse(name, raw):
        if raw not in choices:
            raise invalid_value(name, raw)
        return raw
    return parse


def enum_any_case(*choices):
    """A parser for one of `choices` in any letter case, returned as sent (the spec's
    createWhatsappCaseInsensitive example sends and gets back `whAtsAPP`)."""
    def parse(name, raw):
        if raw.lower() not in choices:
            raise invalid_value(name, raw)
        return raw
    return parse


def upper_enum(*choices):
    """A parser for one of the lower-case `choices`, returned upper case (the spec's request enum
    for webhook methods is `get`/`post`, while every answer in its examples says `POST`)."""
    def parse(name, raw):
        if raw not in choices:
            raise invalid_value(name, raw)
        return raw.upper()
    return parse


def sid(prefix):
    """A parser for a SID with this two-letter prefix."""
    pattern = sid_pattern(prefix)

    def parse(name, raw):
        if not pattern.fullmatch(raw):
            raise invalid_value(name, raw)
        return raw
    return parse


def text_up_to(maximum):
    """A parser for a string of at most `maximum` characters; an empty one clears the value."""
    def parse(name, raw):
        if len(raw) > maximum:
            raise invalid_value(name, '{0} characters, more than {1}'.format(len(raw), maximum))
        return raw or None
    return parse


def country_code(name, raw):
    """Two letters, as an ISO 3166-1 alpha-2 code has; kept as sent."""
    if not COUNTRY.fullmatch(raw):
        raise invalid_value(name, raw)
    return raw


def duration(minimum_seconds):
    """A parser for an ISO 8601 duration of at least `minimum_seconds`; an empty one clears the timer."""
    def parse(name, raw):
        if raw == '':
            return None
        match = DURATION.fullmatch(raw)
        if not match or raw in ('P', 'PT') or raw.endswith('T'):
            raise invalid_value(name, raw)
        days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
        if ((days * 24 + hours) * 60 + minutes) * 60 + seconds < minimum_seconds:
            raise invalid_value(name, raw)
        return raw
    return parse


def http_uri(name, raw):
    """An absolute http or https URI (the spec's `format: uri` for webhook URLs)."""
    parts = urlsplit(raw)
    if parts.scheme not in ('http', 'https') or not parts.hostname or re.search(r'\s', raw):
        raise invalid_value(name, raw)
    return raw


def json_object(name, raw):
    """A JSON document whose top level is an object (a Studio flow definition)."""
    try:
        value = json.loads(raw)
    except ValueError:
        raise invalid_value(name, raw) from None
    if not isinstance(value, dict):
        raise invalid_value(name, raw)
    return value
