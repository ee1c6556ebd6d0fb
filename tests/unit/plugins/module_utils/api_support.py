# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the tests of _api, the HTTP client every module uses, share. Its specification is split by
concern: test_api_connection.py (the connection options, their documentation, credentials and
where they came from, base URLs per product), test_api_retries.py (Retry-After, the retry loop,
transport failures, the recovery of a create whose outcome is unknown, pacing inside the
documented rate limits), test_api_paging.py (following next pages), test_api_answers.py (error
bodies and their classification, the checks that only Twilio's own answers count: 404s, shapes,
redirects; the account SID seen in answers) and test_api_read.py (the read-only modules' exit).

Each behaviour is driven through the module that needs the shortest script, with the run fixture
(tests/unit/conftest.py) or the two in conftest.py beside this file: flex_configuration_info (one
GET), flex_flow_info (a list), flex_flow (a lookup and a create) or flex_flows (several writes)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

# The only names of plugins/module_utils the tests of _api use directly (the rest goes through the
# modules' main()): imported here alone, so that a name that moves changes one line.
from ansible_collections.twilio_ops.flex.plugins.module_utils import _api  # pylint: disable=unused-import
from ansible_collections.twilio_ops.flex.plugins.module_utils._connection import connection_argument_spec, resolve_connection  # pylint: disable=unused-import
from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError  # pylint: disable=unused-import
from ansible_collections.twilio_ops.flex.tests.unit.canned import API_SECRET, AUTH_TOKEN, CONFIGURATION, FLEX_FLOWS
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

FLEX_HINT = "is flex_api_url right (https://flex.example.test; Twilio's is https://flex-api.twilio.com)?"
NEXT_PAGE = FLEX_FLOWS + '?PageSize=1000&Page=1&PageToken=PAFO1'


def response(status, json=None, headers=None, content=None):
    """A real requests.Response, built the way the replay builds its answers."""
    return Call('GET', CONFIGURATION, status=status, json=json, headers=headers, content=content).answer('GET', CONFIGURATION)


def assert_no_secrets(result, replay, *secrets):
    text = json.dumps([result, replay.warnings])
    for secret in secrets or (AUTH_TOKEN, API_SECRET):
        assert secret not in text
