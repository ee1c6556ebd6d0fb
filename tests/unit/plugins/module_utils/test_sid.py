# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_sid: what a SID must look like, and how a value that may be a secret is described without
being shown."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import credential_problem, shape, sid_problem

FLOW_SID = 'FO11111111111111111111111111111111'
TOKEN_LIKE = '0123456789abcdef0123456789abcdef'


@pytest.mark.parametrize('value, prefix, expected', [
    (FLOW_SID, 'FO', None),
    ('FO0123456789ABCDEF0123456789ABCDEF', 'FO', None),
    ('FO123', 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    ('fo11111111111111111111111111111111', 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    ('FO1111111111111111111111111111111g', 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    ('FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'FO', 'is a Studio Flow SID, expected a Flex Flow SID (FO followed by 32 hex digits)'),
    ('ZZaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    (None, 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    (12, 'IS', 'is not a Chat Service SID (IS followed by 32 hex digits)'),
    ('SK0123456789abcdef0123456789abcdef', 'AC', 'is an API Key SID, expected an Account SID (AC followed by 32 hex digits)'),
    ('CV0123456789abcdef0123456789abcdef', 'IG',
     'is a Webchat deployment key SID, expected a Conversations Address Configuration SID (IG followed by 32 hex digits)'),
    ('IG0123456789abcdef0123456789abcdef', 'CV',
     'is a Conversations Address Configuration SID, expected a Webchat deployment key SID (CV followed by 32 hex digits)'),
    ('x', 'QQ', 'is not a QQ SID (QQ followed by 32 hex digits)'),
])
def test_sid_problem(value, prefix, expected):
    assert sid_problem(value, prefix) == expected


@pytest.mark.parametrize('suffix', ['\n', ' ', '\t'])
def test_sid_problem_rejects_trailing_whitespace(suffix):
    # A SID from a YAML block scalar ends in a newline; it must not pass and end up in a URL.
    assert sid_problem(FLOW_SID + suffix, 'FO') == 'is not a Flex Flow SID (FO followed by 32 hex digits)'


@pytest.mark.parametrize('value, expected', [
    (None, 'it is empty'),
    ('', 'it is empty'),
    (' AC0123456789abcdef0123456789abcdef', 'it starts or ends with white space or a line break'),
    ('AC0123456789abcdef0123456789abcdef\n', 'it starts or ends with white space or a line break'),
    ('SK0123456789abcdef0123456789abcdef', 'it is an API Key SID'),
    (TOKEN_LIKE, 'it is 32 hex digits, the form of an auth token or API key secret'),
    (TOKEN_LIKE.upper(), 'it is 32 hex digits, the form of an auth token or API key secret'),
    ('ZZ0123456789abcdef0123456789abcdef', 'it is 34 characters long'),
    ('hunter2', 'it is 7 characters long'),
])
def test_shape_describes_without_showing(value, expected):
    described = shape(value)
    assert described == expected
    if value and value.strip():
        assert value.strip() not in described


@pytest.mark.parametrize('value, expected', [
    ('AC0123456789abcdef0123456789abcdef', None),
    (TOKEN_LIKE, 'is not an Account SID (AC followed by 32 hex digits): it is 32 hex digits, the form of an auth token or API key secret'),
    ('hunter2', 'is not an Account SID (AC followed by 32 hex digits): it is 7 characters long'),
    ('', 'is not an Account SID (AC followed by 32 hex digits): it is empty'),
    # Another SID is no secret: it says what it is.
    ('SK0123456789abcdef0123456789abcdef', 'is an API Key SID, expected an Account SID (AC followed by 32 hex digits)'),
])
def test_credential_problem(value, expected):
    problem = credential_problem(value, 'AC')
    assert problem == expected
    if value and not value.startswith('SK'):
        assert value not in (problem or '')
