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
from urllib.parse import quote

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
ADDRESS_SID = 'IG11111111111111111111111111111111'
ADDRESS_SID_2 = 'IG22222222222222222222222222222222'
DEPLOYMENT_KEY = 'CV0123456789abcdef0123456789abcdef'
DEPLOYMENT_KEY_2 = 'CVfedcba9876543210fedcba9876543210'
CONVERSATION_SERVICE_SID = 'IS99999999999999999999999999999999'
# 32 hex digits: the form of an auth token, for tests of a secret pasted where a SID belongs.
TOKEN_LIKE = '0123456789abcdef0123456789abcdef'

FLEX = 'https://flex.example.test'
STUDIO = 'https://studio.example.test'
CONVERSATIONS = 'https://conversations.example.test'
SYNC = 'https://sync.example.test'
FLEX_FLOWS = FLEX + '/v1/FlexFlows'
CONFIGURATION = FLEX + '/v1/Configuration'
STUDIO_FLOWS = STUDIO + '/v2/Flows'
ADDRESSES = CONVERSATIONS + '/v1/Configuration/Addresses'
CONVERSATIONS_CONFIGURATION = CONVERSATIONS + '/v1/Configuration'

NAME = 'WebChat en'
STUDIO_NAME = 'Webchat Flow'
DEMO_URL = 'https://demo.flex.twilio.com/chat?accountSid=%s&flexFlowSid=%s' % (ACCOUNT_SID, FLOW_SID)

# What every module run gets, so requests go to the fake hosts with known credentials.
CONNECTION = dict(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, flex_api_url=FLEX, studio_api_url=STUDIO,
                  conversations_api_url=CONVERSATIONS, sync_api_url=SYNC)


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


def page(key, records, url, next_page_url=None, page_size=1000):
    """One page of a Twilio list answer, with its meta block."""
    return {
        key: copy.deepcopy(records),
        'meta': dict(page=0, page_size=page_size, first_page_url=url, previous_page_url=None, url=url,
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


def create_flex_flow(form, answer, status=201):
    """POST /v1/FlexFlows with exactly this form."""
    return Call('POST', FLEX_FLOWS, form=form, status=status, json=answer)


def update_flex_flow(form, answer, sid=FLOW_SID, status=200):
    """POST /v1/FlexFlows/{sid} with exactly this form."""
    return Call('POST', '%s/%s' % (FLEX_FLOWS, sid), form=form, status=status, json=answer)


def delete_flex_flow(sid=FLOW_SID, status=204, answer=None):
    return Call('DELETE', '%s/%s' % (FLEX_FLOWS, sid), status=status, json=answer)


def not_found(method, url):
    """Twilio's own 404 (code 20404): the only answer that means "absent"."""
    path = url.split('.test', 1)[-1]
    return Call(method, url, status=404, json=twilio_error(404, 20404, 'The requested resource %s was not found' % path))


# A Flex Flow create that needs neither the Studio lookup nor the Configuration read: the
# scripts of tests that use it hold only the requests under test.
EXTERNAL = dict(friendly_name=NAME, chat_service_sid=CHAT_SERVICE_SID, integration_type='external',
                integration=dict(url='https://hooks.example.test/webchat'))
EXTERNAL_FORM = {
    'FriendlyName': NAME,
    'ChatServiceSid': CHAT_SERVICE_SID,
    'ChannelType': 'web',
    'IntegrationType': 'external',
    'Integration.Url': 'https://hooks.example.test/webchat',
}
EXTERNAL_FLOW = flex_flow(integration_type='external', integration=dict(url='https://hooks.example.test/webchat', retry_count=0))


# -- Flex Conversations address configurations ------------------------------------------------------

STUDIO_AUTO_CREATION = dict(enabled=True, type='studio', conversation_service_sid=CONVERSATION_SERVICE_SID,
                            studio_flow_sid=STUDIO_SID, studio_retry_count=3)


def address_configuration(sid=ADDRESS_SID, address=DEPLOYMENT_KEY, kind='chat', name=NAME, auto_creation=None, **overrides):
    """A Conversations address configuration as GET /v1/Configuration/Addresses/{sid} answers it: a
    Webchat 3 (chat) address on a Studio flow."""
    record = dict(
        sid=sid,
        account_sid=ACCOUNT_SID,
        type=kind,
        address=address,
        friendly_name=name,
        address_country=None,
        auto_creation=copy.deepcopy(STUDIO_AUTO_CREATION if auto_creation is None else auto_creation),
        date_created='2026-12-01T10:00:00Z',
        date_updated='2026-12-01T10:00:00Z',
        url='%s/%s' % (ADDRESSES, sid),
    )
    record.update(overrides)
    return record


def address_url(key):
    """The instance URL of an address, by SID or by the address itself (URL-encoded, / included)."""
    return '%s/%s' % (ADDRESSES, quote(key, safe=''))


def get_address(record, key=None):
    """GET /v1/Configuration/Addresses/{key}: key defaults to the record's address; record None
    answers Twilio's 404 (then key is required)."""
    key = key if key is not None else record['address']
    if record is None:
        return not_found('GET', address_url(key))
    return Call('GET', address_url(key), json=record)


def list_addresses(records, next_page_url=None, url=ADDRESSES, params=None):
    """GET /v1/Configuration/Addresses: 50 a page, the most the endpoint takes."""
    return Call('GET', url, params=dict(PageSize=50) if params is None else params,
                json=page('address_configurations', records, url, next_page_url, page_size=50))


def conversations_configuration(default_chat_service_sid=CONVERSATION_SERVICE_SID):
    """Conversations' own configuration singleton, with the default service new addresses get."""
    return dict(account_sid=ACCOUNT_SID, default_chat_service_sid=default_chat_service_sid,
                default_messaging_service_sid='MG0123456789abcdef0123456789abcdef', default_inactive_timer=None,
                default_closed_timer=None, url=CONVERSATIONS_CONFIGURATION, links={})


def get_conversations_configuration(default_chat_service_sid=CONVERSATION_SERVICE_SID):
    return Call('GET', CONVERSATIONS_CONFIGURATION, json=conversations_configuration(default_chat_service_sid))


def create_address(form, answer, status=201):
    """POST /v1/Configuration/Addresses with exactly this form (a list value is the key repeated)."""
    return Call('POST', ADDRESSES, form=form, status=status, json=answer)


def update_address(form, answer, sid=ADDRESS_SID):
    return Call('POST', address_url(sid), form=form, json=answer)


def delete_address(sid=ADDRESS_SID, status=204, answer=None):
    return Call('DELETE', address_url(sid), status=status, json=answer)
