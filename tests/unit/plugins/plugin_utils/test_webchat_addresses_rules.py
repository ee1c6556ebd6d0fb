# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One statement of each rule: the role's input checks and its record ask module_utils, which
the modules ask too; they keep no rules or tables of their own (test_webchat_addresses.py pins
the role's messages, which stay its own)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils import _api, _connection, _conversations_address, _fields, _resource
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import ApiField
from ansible_collections.twilio_ops.flex.plugins.module_utils._conversations_address import ConversationsAddresses
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import FlexFlows
from ansible_collections.twilio_ops.flex.plugins.plugin_utils import webchat_addresses_apis, webchat_addresses_input
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_plan import webchat_addresses_plan

SETTINGS = dict(site='site1', api='flex_flows', name_prefix='WebChat', studio_flow='Webchat Flow', record_file='/records/site1.json')
FLOW = 'FW' + 'b' * 32


def problems(languages, connection=None, **settings):
    return webchat_addresses_plan(languages, dict(SETTINGS, **settings), connection or {}, '')['problems']


@pytest.mark.parametrize('rule, stated_in, module_user', [
    ('both_given', _fields, _resource),
    ('is_blank', _fields, _resource),
    ('unpaired_api_key', _connection, _api),
    ('credential_sid_problem', _connection, _api),
    ('chat_address_problem', _conversations_address, _conversations_address),
], ids=['a Studio flow by name and SID', 'an empty Studio flow name', 'an API key without its secret', 'a credential that is not its SID',
        'a chat address that is not a deployment key'])
def test_the_role_and_the_modules_apply_one_statement_of_each_rule(rule, stated_in, module_user):
    assert getattr(webchat_addresses_input, rule) is getattr(stated_in, rule)
    assert getattr(module_user, rule) is getattr(stated_in, rule)


@pytest.mark.parametrize('check, name, message', [('blank', '  ', 'must not be empty'), ('padded', ' Support', 'white space')])
def test_the_roles_names_follow_the_name_fields_rules(monkeypatch, check, name, message):
    def refused():
        found = problems([{'language': 'en', 'friendly_name': name}]) + problems([{'language': 'en'}], name_prefix=name)
        return [problem for problem in found if message in problem]

    assert len(refused()) == 2
    # A name field that no longer refused such a value: nor would the role.
    monkeypatch.setattr(ApiField, check, lambda self, value: False)

    assert refused() == []


def test_the_credentials_that_are_sids_are_the_clients():
    assert list(_connection.CREDENTIAL_SIDS) == ['account_sid', 'api_key']
    assert problems([{'language': 'en'}], dict(account_sid='AC1')) == [
        'webchat_addresses_account_sid %s' % _connection.credential_sid_problem('account_sid', 'AC1')]


def test_the_sid_of_each_setting_is_checked_by_the_field_it_goes_to():
    assert [field.option for option, field in webchat_addresses_input.SERVICE_SETTINGS] == [
        'chat_service_sid', 'auto_creation.conversation_service_sid']
    assert webchat_addresses_input.studio_flow_sid_field('flex_flows') is FlexFlows.field('integration.flow_sid')
    assert webchat_addresses_input.studio_flow_sid_field('conversations') is ConversationsAddresses.field('auto_creation.studio_flow_sid')


@pytest.mark.parametrize('api, cls', [('flex_flows', FlexFlows), ('conversations', ConversationsAddresses)])
def test_what_a_record_keeps_is_the_familys_recorded(api, cls):
    item = dict(api=api, language='en', sid='XX', made=True, friendly_name='WebChat en', address='CV' + 'e' * 32)
    known = webchat_addresses_apis.known(api, item)

    assert sorted(known) == sorted(('sid',) + cls.recorded)
    # The file stores what is not the same for every address the role makes.
    assert sorted(webchat_addresses_apis.stored(api) + list(webchat_addresses_apis.MADE[api])) == sorted(cls.recorded)
    assert webchat_addresses_apis.FAMILIES[api] is cls
