# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_resource: the field table (normalize, serialize, problem), the option spec built from it,
dotted paths, and the comparison and shaping a resource does without any request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import (
    CHANNEL_TYPES,
    FLEX_FLOW_FIELDS,
    FlexFlows,
    flex_flow_argument_spec,
    flex_flow_info_argument_spec,
)
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import (
    ApiField,
    argument_spec_from_fields,
    get_path,
    set_path,
)
from ansible_collections.twilio_ops.flex.tests.unit.canned import STUDIO_SID, flex_flow

BOOL = ApiField('enabled', 'Enabled', 'enabled', kind='bool')
INT = ApiField('integration.retry_count', 'Integration.RetryCount', 'integration.retry_count', kind='int', minimum=0, maximum=3)
AT_LEAST_ONE = ApiField('integration.timeout', 'Integration.Timeout', 'integration.timeout', kind='int', minimum=1)
TEXT = ApiField('contact_identity', 'ContactIdentity', 'contact_identity')
NAME = ApiField('friendly_name', 'FriendlyName', 'friendly_name', nonblank=True)
SID = ApiField('chat_service_sid', 'ChatServiceSid', 'chat_service_sid', kind='sid', sid_prefix='IS')
URL = ApiField('integration.url', 'Integration.Url', 'integration.url', kind='url')


# -- ApiField.normalize ------------------------------------------------------------------------

@pytest.mark.parametrize('field, value, expected', [
    (BOOL, True, True),
    (BOOL, False, False),
    (BOOL, 'true', True),
    (BOOL, ' True ', True),
    (BOOL, 'false', False),
    (BOOL, 'yes', False),
    (BOOL, 1, True),
    (BOOL, 0, False),
    (BOOL, None, None),
    (INT, 3, 3),
    (INT, '3', 3),
    (INT, 'three', 'three'),
    (INT, None, None),
    (TEXT, 'x', 'x'),
    (TEXT, '', None),
    (TEXT, None, None),
    (TEXT, 5, '5'),
    (NAME, ' spaced ', ' spaced '),
])
def test_normalize(field, value, expected):
    normalized = field.normalize(value)

    assert normalized == expected
    assert type(normalized) is type(expected)


# -- ApiField.serialize ------------------------------------------------------------------------

@pytest.mark.parametrize('field, value, expected', [
    (BOOL, True, 'true'),
    (BOOL, False, 'false'),
    (INT, 0, '0'),
    (INT, 3, '3'),
    (TEXT, 'WebChat en', 'WebChat en'),
    (TEXT, None, ''),
    (SID, 'IS0123456789abcdef0123456789abcdef', 'IS0123456789abcdef0123456789abcdef'),
])
def test_serialize(field, value, expected):
    assert field.serialize(value) == expected


# -- ApiField.problem --------------------------------------------------------------------------

@pytest.mark.parametrize('field, value, expected', [
    (SID, 'IS0123456789abcdef0123456789abcdef', None),
    (SID, 'IS123', "'IS123' is not a Chat Service SID (IS followed by 32 hex digits)"),
    (SID, 'FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
     "'FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is a Studio Flow SID, expected a Chat Service SID (IS followed by 32 hex digits)"),
    (NAME, 'WebChat en', None),
    (NAME, '', 'must not be empty or only whitespace'),
    (NAME, ' \t', 'must not be empty or only whitespace'),
    (URL, 'https://hooks.example.test/webchat', None),
    (URL, 'http://hooks.example.test', None),
    (URL, 'ftp://x', "'ftp://x' is not an absolute http(s) URL"),
    (URL, 'not a url', "'not a url' is not an absolute http(s) URL"),
    (URL, 'https://', "'https://' is not an absolute http(s) URL"),
    (URL, 'https://hooks.example.test/a b', "'https://hooks.example.test/a b' is not an absolute http(s) URL"),
    (URL, '/relative/path', "'/relative/path' is not an absolute http(s) URL"),
    (INT, 0, None),
    (INT, 3, None),
    (INT, 4, 'must be between 0 and 3, got 4'),
    (INT, -1, 'must be between 0 and 3, got -1'),
    (AT_LEAST_ONE, 1, None),
    (AT_LEAST_ONE, 0, 'must be at least 1, got 0'),
    (BOOL, False, None),
    (TEXT, '', None),
])
def test_problem(field, value, expected):
    assert field.problem(value) == expected


def test_argument_of_each_kind():
    assert BOOL.argument() == dict(type='bool')
    assert INT.argument() == dict(type='int')
    assert SID.argument() == dict(type='str')
    assert URL.argument() == dict(type='str')
    assert ApiField('channel_type', 'ChannelType', 'channel_type', choices=CHANNEL_TYPES).argument() == dict(
        type='str', choices=['web', 'sms', 'facebook', 'whatsapp', 'line', 'custom'])


# -- argument specs ----------------------------------------------------------------------------

def test_argument_spec_from_fields_nests_dotted_options():
    spec = argument_spec_from_fields(FLEX_FLOW_FIELDS)

    assert sorted(spec) == ['channel_type', 'chat_service_sid', 'contact_identity', 'enabled', 'friendly_name',
                            'integration', 'integration_type', 'janitor_enabled', 'long_lived']
    assert spec['integration'] == dict(type='dict', options=dict(
        flow_sid=dict(type='str'), url=dict(type='str'), workspace_sid=dict(type='str'), workflow_sid=dict(type='str'),
        channel=dict(type='str'), timeout=dict(type='int'), priority=dict(type='int'), creation_on_message=dict(type='bool'),
        retry_count=dict(type='int')))
    assert spec['integration_type'] == dict(type='str', choices=['studio', 'external', 'task'])
    assert spec['enabled'] == dict(type='bool')


def test_argument_spec_from_no_fields():
    assert argument_spec_from_fields(()) == {}


def test_flex_flow_argument_spec_adds_state_sid_studio_flow_and_connection():
    spec = flex_flow_argument_spec()

    assert spec['state'] == dict(type='str', default='present', choices=['present', 'absent'])
    assert spec['sid'] == dict(type='str')
    assert spec['studio_flow'] == dict(type='str')
    assert spec['auth_token']['no_log'] is True
    # Nothing in the spec may carry a default that would be compared and sent without the user asking.
    assert [name for name in argument_spec_from_fields(FLEX_FLOW_FIELDS) if 'default' in spec[name]] == []


def test_flex_flow_info_argument_spec():
    spec = flex_flow_info_argument_spec()

    assert spec['channel_type'] == dict(type='str', choices=list(CHANNEL_TYPES))
    assert 'state' not in spec


def test_every_field_option_form_and_response_is_unique():
    for attribute in ('option', 'form', 'response'):
        names = [getattr(field, attribute) for field in FLEX_FLOW_FIELDS]
        assert len(names) == len(set(names)), attribute


# -- dotted paths ------------------------------------------------------------------------------

@pytest.mark.parametrize('data, dotted, expected', [
    (dict(a=1), 'a', 1),
    (dict(a=dict(b=2)), 'a.b', 2),
    (dict(a=dict(b=2)), 'a.c', None),
    (dict(a=dict(b=2)), 'x.b', None),
    (dict(a=None), 'a.b', None),
    (dict(a='text'), 'a.b', None),
    (dict(a=dict(b=False)), 'a.b', False),
    (None, 'a', None),
])
def test_get_path(data, dotted, expected):
    assert get_path(data, dotted) == expected


@pytest.mark.parametrize('data, dotted, value, expected', [
    ({}, 'a', 1, dict(a=1)),
    ({}, 'a.b', 1, dict(a=dict(b=1))),
    (dict(a=dict(c=3)), 'a.b', 1, dict(a=dict(c=3, b=1))),
    (dict(a=None), 'a.b', 1, dict(a=dict(b=1))),
    (dict(a='text'), 'a.b', 1, dict(a=dict(b=1))),
    (dict(a=dict(b=2)), 'a.b', None, dict(a=dict(b=None))),
])
def test_set_path(data, dotted, value, expected):
    set_path(data, dotted, value)

    assert data == expected


# -- comparing and shaping, without requests -------------------------------------------------------

class FakeModule:
    """Only what FlexFlows reads from a module when it neither validates nor sends anything."""

    check_mode = False
    _diff = False

    def __init__(self, **params):
        self.params = dict((name, None) for name in flex_flow_argument_spec())
        self.params.update(state='present', **params)


def resource(**params):
    # A placeholder client: these methods must never reach the network.
    flows = FlexFlows(FakeModule(**params), client=object())
    flows.wanted = flows.user_values()
    return flows


def test_user_values_hold_only_what_the_user_set_normalized():
    flows = resource(friendly_name='WebChat en', enabled=False, contact_identity='',
                     integration=dict(flow_sid=STUDIO_SID, retry_count=2, url=None))

    assert flows.wanted == {'friendly_name': 'WebChat en', 'contact_identity': None, 'enabled': False,
                            'integration.flow_sid': STUDIO_SID, 'integration.retry_count': 2}


def test_differences_compare_only_wanted_options_after_normalizing():
    flows = resource(enabled=True, integration=dict(retry_count=1))
    current = flex_flow(enabled='true', janitor_enabled=True, integration=dict(flow_sid=STUDIO_SID, retry_count='3'))

    assert flows.differences(current) == {'integration.retry_count': 1}


def test_differences_of_a_missing_nested_value():
    flows = resource(integration=dict(retry_count=0))

    assert flows.differences(flex_flow(integration=None)) == {'integration.retry_count': 0}
    assert flows.differences(flex_flow(integration=dict(retry_count=0))) == {}


def test_clearing_a_value_sends_an_empty_field():
    flows = resource(contact_identity='')
    changes = flows.differences(flex_flow(contact_identity='+15005550006'))

    assert changes == {'contact_identity': None}
    assert flows.form(changes) == {'ContactIdentity': ''}


def test_form_uses_the_api_names():
    flows = resource()

    assert flows.form({'enabled': True, 'integration.retry_count': 2, 'friendly_name': 'x'}) == {
        'Enabled': 'true', 'Integration.RetryCount': '2', 'FriendlyName': 'x'}


def test_shaped_without_base_has_read_only_keys_empty():
    flows = resource()

    assert flows.shaped({'friendly_name': 'x', 'integration.flow_sid': STUDIO_SID}) == dict(
        sid=None, account_sid=None, date_created=None, date_updated=None, url=None,
        friendly_name='x', integration=dict(flow_sid=STUDIO_SID))


def test_shaped_over_a_base_leaves_the_base_untouched():
    flows = resource()
    base = flex_flow()
    shaped = flows.shaped({'integration.retry_count': 1}, base)

    assert shaped['integration'] == dict(flow_sid=STUDIO_SID, retry_count=1)
    assert base['integration'] == dict(flow_sid=STUDIO_SID, retry_count=3)


@pytest.mark.parametrize('params, expected', [
    (dict(integration_type='external'), 'external'),
    (dict(studio_flow='Webchat Flow'), 'studio'),
    (dict(integration=dict(flow_sid=STUDIO_SID)), 'studio'),
    (dict(integration=dict(url='https://hooks.example.test')), 'external'),
    (dict(integration=dict(workspace_sid='WScccccccccccccccccccccccccccccccc')), 'task'),
    (dict(integration=dict(retry_count=1)), None),
    (dict(), None),
])
def test_integration_type_is_given_or_implied(params, expected):
    assert resource(**params).integration_type() == expected


def test_unknown_option_is_a_key_error():
    with pytest.raises(KeyError):
        resource().field('no_such_option')
