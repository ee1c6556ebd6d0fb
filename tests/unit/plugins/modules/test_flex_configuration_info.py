# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""flex_configuration_info against replayed HTTP: every test lists the exact requests the module must send.
Its retries are the client's, specified in module_utils/test_api_retries.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.modules import flex_configuration_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    CHAT_SERVICE_SID,
    CONFIGURATION,
    CONNECTION,
    configuration,
    get_configuration,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call


MODULE = flex_configuration_info


def test_returns_the_configuration(run):
    result, failed, replay = run({}, [get_configuration()])

    assert not failed, result
    assert result['changed'] is False
    assert result['flex_configuration'] == configuration()
    assert result['flex_configuration']['chat_service_instance_sid'] == CHAT_SERVICE_SID
    assert result['retries'] == []
    assert replay.warnings == []
    assert replay.session.headers['User-Agent'].startswith('twilio_ops.flex (Ansible module flex_configuration_info; ')


def test_check_mode_reads_as_usual(run):
    result, failed, dummy = run({}, [get_configuration()], check_mode=True)

    assert not failed, result
    assert result['flex_configuration'] == configuration()


def test_twilios_404_means_flex_is_not_set_up(run):
    calls = [Call('GET', CONFIGURATION, status=404, json=twilio_error(404, 20404, 'The requested resource /Configuration was not found'))]
    result, failed, dummy = run({}, calls)

    assert not failed, result
    assert result['flex_configuration'] == {}


def test_api_error_surfaces_the_twilio_code(run):
    calls = [Call('GET', CONFIGURATION, status=403, json=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, dummy = run({}, calls)

    assert failed
    assert result['msg'] == 'GET /v1/Configuration answered HTTP 403, Twilio error 20403: Forbidden (more info: https://www.twilio.com/docs/errors/20403)'
    assert result['error'] == dict(status=403, code=20403, message='Forbidden', more_info='https://www.twilio.com/docs/errors/20403',
                                   method='GET', path='/v1/Configuration')
    assert result['retries'] == []


def test_missing_credentials_fail_before_any_request(run):
    result, failed, replay = run({}, [], connection=dict(flex_api_url=CONNECTION['flex_api_url']))

    assert failed
    assert result['msg'].startswith('No Twilio credentials')
    assert replay.requests == []
