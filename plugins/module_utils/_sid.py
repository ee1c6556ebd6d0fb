# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Twilio SIDs: two letters that name the resource type, then 32 hex digits. The modules check
their SID options with it, and so does the webchat_addresses role's input filter on the
controller, which is why this file imports nothing beyond the standard library."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

SID_RE = re.compile(r'([A-Z]{2})[0-9a-fA-F]{32}')
# What Twilio's spec says of every SID field: 34 characters, matching sid_pattern(prefix).
SID_LENGTH = 34

# The SID prefixes the collection checks, with the names users see in messages.
SID_TYPES = {
    'AC': 'Account',
    'SK': 'API Key',
    'FO': 'Flex Flow',
    'IS': 'Chat Service',
    'FW': 'Studio Flow',
    'WS': 'TaskRouter Workspace',
    'WW': 'TaskRouter Workflow',
    'IG': 'Conversations Address Configuration',
    'GO': 'Flex instance',
    'CV': 'Webchat deployment key',
}

_HEX32 = re.compile(r'[0-9a-fA-F]{32}')


def sid_pattern(prefix):
    """The pattern Twilio's spec gives a SID field of the resource type that prefix names."""
    return '^%s[0-9a-fA-F]{32}$' % prefix


def _article(noun):
    return ('an ' if noun[:1] in 'AEIOU' else 'a ') + noun


def sid_problem(value, prefix):
    """Why value is not a SID of the resource type that prefix names, or None when it is.
    fullmatch, not match with $: a SID with a trailing newline must not pass and end up in a URL."""
    match = SID_RE.fullmatch(value) if isinstance(value, str) else None
    if match and match.group(1) == prefix:
        return None
    expected = '%s SID (%s followed by 32 hex digits)' % (_article(SID_TYPES.get(prefix, prefix)), prefix)
    if match and match.group(1) in SID_TYPES:
        return 'is %s SID, expected %s' % (_article(SID_TYPES[match.group(1)]), expected)
    return 'is not %s' % expected


def shape(value):
    """What a value looks like, without showing it: for messages about options that may hold a
    secret (a token pasted into the account SID, say), which must never be echoed."""
    if value is None or value == '':
        return 'it is empty'
    text = str(value)
    if text != text.strip():
        return 'it starts or ends with white space or a line break'
    match = SID_RE.fullmatch(text)
    if match and match.group(1) in SID_TYPES:
        return 'it is %s SID' % _article(SID_TYPES[match.group(1)])
    if _HEX32.fullmatch(text):
        return 'it is 32 hex digits, the form of an auth token or API key secret'
    return 'it is %d characters long' % len(text)


def credential_problem(value, prefix):
    """sid_problem for an option that may hold a secret by mistake: the value is described by its
    shape, never shown."""
    problem = sid_problem(value, prefix)
    if problem is None or problem.startswith('is a'):
        # None, or "is an API Key SID, expected ...": a SID says what it is, and is no secret.
        return problem
    return '%s: %s' % (problem, shape(value))
