# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""TwilioModule's exit of the read-only modules (run_read): a failure carries the error and the retries so
far. The rest of the client's specification, and how these tests drive it: api_support.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.tests.unit.canned import CONFIGURATION, twilio_error
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call


# -- TwilioModule.run_read, the read-only modules' exit -------------------------------------------------------------------


def test_a_read_only_module_fails_with_the_error_and_the_retries_so_far(run_configuration):
    calls = [Call('GET', CONFIGURATION, status=503, headers={'Retry-After': '1'}),
             Call('GET', CONFIGURATION, status=403, json=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, replay = run_configuration(calls)

    assert failed
    assert result['error'] == dict(status=403, code=20403, message='Forbidden', more_info='https://www.twilio.com/docs/errors/20403',
                                   method='GET', path='/v1/Configuration')
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason=503, wait=1.0, outcome='retrying')]
    assert 'changed' not in result
