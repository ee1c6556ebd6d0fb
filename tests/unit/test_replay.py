# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The replay harness itself: a harness that let a wrong request through would make every
module test unable to fail, so its refusals are tested here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.twilio_ops.flex.plugins.modules import flex_configuration_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import CONFIGURATION, CONNECTION, configuration, get_configuration
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call, Replay, run_module


def test_run_module_returns_result_and_failed():
    result, failed = run_module(flex_configuration_info.main, dict(CONNECTION), [get_configuration()])

    assert failed is False
    assert result['flex_configuration'] == configuration()


def test_extra_request_fails_the_test():
    with pytest.raises(AssertionError, match='unexpected request #1 GET https://flex.example.test/v1/Configuration'):
        run_module(flex_configuration_info.main, dict(CONNECTION), [])


def test_unsent_expected_call_fails_the_test():
    with pytest.raises(AssertionError, match='before sending 1 expected call'):
        run_module(flex_configuration_info.main, dict(CONNECTION), [get_configuration(), get_configuration()])


@pytest.mark.parametrize('call', [
    Call('POST', CONFIGURATION),
    Call('GET', CONFIGURATION + '/'),
    Call('GET', CONFIGURATION, params={'PageSize': 1000}),
    Call('GET', CONFIGURATION, form={}),
])
def test_a_request_that_differs_fails_the_test(call):
    with pytest.raises(AssertionError, match='differs from the script'):
        run_module(flex_configuration_info.main, dict(CONNECTION), [call])


def test_answers_are_real_responses():
    answer = Call('GET', CONFIGURATION, status=429, json=dict(code=20429), headers={'Retry-After': '2'}).answer('GET', CONFIGURATION)

    assert isinstance(answer, requests.Response)
    assert answer.status_code == 429
    assert answer.reason == 'Too Many Requests'
    assert answer.json() == dict(code=20429)
    assert answer.headers['content-type'].startswith('application/json')
    assert answer.headers['retry-after'] == '2'


def test_raises_is_raised():
    with pytest.raises(requests.exceptions.ConnectionError):
        Call('GET', CONFIGURATION, raises=requests.exceptions.ConnectionError('down')).answer('GET', CONFIGURATION)


def test_fake_clock_advances_by_the_sleeps():
    replay = Replay([Call('GET', CONFIGURATION, status=503, headers={'Retry-After': '4'}), get_configuration()])
    result, failed = replay.run(flex_configuration_info.main, dict(CONNECTION))

    assert not failed, result
    assert replay.sleeps == [4.0]
    assert replay.now == 1004.0


def test_check_and_diff_flags_reach_the_module():
    seen = {}

    def main():
        module = AnsibleModule(argument_spec={}, supports_check_mode=True)
        seen.update(check_mode=module.check_mode, diff=module._diff)
        module.exit_json(changed=False)

    result, failed = run_module(main, {}, [], check_mode=True, diff=True)

    assert not failed, result
    assert seen == dict(check_mode=True, diff=True)
