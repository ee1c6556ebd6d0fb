# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Canned Twilio data for the unit tests: SIDs, fake base URLs, API records shaped as the API
answers them, and the few requests nearly every test sends. The base URLs are on a reserved
test domain so a request that escaped the replay could never reach Twilio."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef'
AUTH_TOKEN = 'S3cr3t-token'
API_KEY = 'SK0123456789abcdef0123456789abcdef'
API_SECRET = 'S3cr3t-secret'
CHAT_SERVICE_SID = 'IS0123456789abcdef0123456789abcdef'
OTHER_CHAT_SERVICE_SID = 'ISfedcba9876543210fedcba9876543210'
FLOW_SID = 'FO11111111111111111111111111111111'
FLOW_SID_2 = 'FO22222222222222222222222222222222'
STUDIO_SID = 'FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
STUDIO_SID_2 = 'FWbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
WORKSPACE_SID = 'WScccccccccccccccccccccccccccccccc'
WORKFLOW_SID = 'WWdddddddddddddddddddddddddddddddd'

FLEX = 'https://flex.example.test'
STUDIO = 'https://studio.example.test'
FLEX_FLOWS = FLEX + '/v1/FlexFlows'
CONFIGURATION = FLEX + '/v1/Configuration'
STUDIO_FLOWS = STUDIO + '/v2/Flows'

NAME = 'WebChat en'
STUDIO_NAME = 'Webchat Flow'
DEMO_URL = 'https://demo.flex.twilio.com/chat?accountSid=%s&flexFlowSid=%s' % (ACCOUNT_SID, FLOW_SID)

# What every module run gets, so requests go to the fake hosts with known credentials.
CONNECTION = dict(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, flex_api_url=FLEX, studio_api_url=STUDIO)


def flex_flow(sid=FLOW_SID, name=NAME, integration=None, **overrides):
    """A Flex Flow as GET /v1/FlexFlows/{sid} answers it: a web flow on a Studio flow."""
    record = dict(
        sid=sid,
        account_sid=ACCOUNT_SID,
        friendly_name=name,
        chat_service_sid=CHAT_SERVICE_SID,
        channel_type='web',
        contact_identity=None,
        enabled=True,
        integration_type='studio',
        integration=dict(flow_sid=STUDIO_SID, retry_count=3) if integration is None else integration,
        long_lived=False,
        janitor_enabled=False,
        date_created='2026-11-25T10:00:00Z',
        date_updated='2026-11-25T10:00:00Z',
        url='%s/%s' % (FLEX_FLOWS, sid),
    )
    record.update(overrides)
    return record


def studio_flow(sid=STUDIO_SID, name=STUDIO_NAME, status='published'):
    """A Studio flow as the /v2/Flows list answers it."""
    return dict(sid=sid, account_sid=ACCOUNT_SID, friendly_name=name, status=status, revision=1,
                date_created='2026-11-01T10:00:00Z', date_updated='2026-11-01T10:00:00Z', url='%s/%s' % (STUDIO_FLOWS, sid))


def page(key, records, url, next_page_url=None):
    """One page of a Twilio list answer, with its meta block."""
    return {
        key: copy.deepcopy(records),
        'meta': dict(page=0, page_size=1000, first_page_url=url, previous_page_url=None, url=url,
                     next_page_url=next_page_url, key=key),
    }


def configuration(chat_service_sid=CHAT_SERVICE_SID):
    """The Flex Configuration singleton, trimmed to the fields the collection reads and a few others."""
    return dict(account_sid=ACCOUNT_SID, chat_service_instance_sid=chat_service_sid,
                flex_service_instance_sid='IS00000000000000000000000000000000',
                taskrouter_workspace_sid=WORKSPACE_SID, taskrouter_target_workflow_sid=WORKFLOW_SID,
                status='ok', url=CONFIGURATION)


def twilio_error(status, code, message):
    """Twilio's legacy error body."""
    return dict(status=status, code=code, message=message, more_info='https://www.twilio.com/docs/errors/%d' % code)


def list_flex_flows(records, name=None, next_page_url=None):
    """GET /v1/FlexFlows, first page: filtered by FriendlyName when looking up by name."""
    params = dict(PageSize=1000)
    if name is not None:
        params['FriendlyName'] = name
    return Call('GET', FLEX_FLOWS, params=params, json=page('flex_flows', records, FLEX_FLOWS, next_page_url))


def list_studio_flows(records):
    """GET /v2/Flows, first and only page (Studio has no name filter)."""
    return Call('GET', STUDIO_FLOWS, params=dict(PageSize=1000), json=page('flows', records, STUDIO_FLOWS))


def get_configuration(chat_service_sid=CHAT_SERVICE_SID):
    return Call('GET', CONFIGURATION, json=configuration(chat_service_sid))


def get_flex_flow(record, sid=FLOW_SID):
    """GET /v1/FlexFlows/{sid}; record None answers 404."""
    if record is None:
        return Call('GET', '%s/%s' % (FLEX_FLOWS, sid), status=404,
                    json=twilio_error(404, 20404, 'The requested resource /v1/FlexFlows/%s was not found' % sid))
    return Call('GET', '%s/%s' % (FLEX_FLOWS, sid), json=record)
