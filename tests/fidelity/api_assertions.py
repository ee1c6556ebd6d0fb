# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Checks shared by the raw-HTTP tests: Twilio's error body, SIDs and timestamps."""

import re

ERROR_KEYS = {'code', 'message', 'more_info', 'status'}
TIMESTAMP = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')


def assert_error(response, status, code):
    """The response is Twilio's error body with this status and code; returns the body."""
    assert response.status_code == status, response.text
    assert response.headers['Content-Type'].startswith('application/json')
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert (body['status'], body['code']) == (status, code)
    assert body['more_info'] == 'https://www.twilio.com/docs/errors/{0}'.format(code)
    return body


def sid_of(prefix):
    """A SID as the emulator draws them: the prefix and 32 lower-case hex digits."""
    return re.compile('^' + prefix + '[0-9a-f]{32}$')
