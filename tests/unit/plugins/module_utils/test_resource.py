# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_resource and _resource_set at the level of their tables, without any request: ApiField
(normalize, serialize, problem, argument), Variants, the argument specs built from the tables,
dotted paths, Desired, and what Resources compares, shapes, locates and plans. The modules'
behaviour over HTTP is specified per family (tests/unit/plugins/modules)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils._conversations_address import (
    ADDRESS_TYPES,
    CONVERSATIONS_ADDRESS_FIELDS,
    ConversationsAddresses,
)
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import (
    CHANNEL_TYPES,
    FLEX_FLOW_FIELDS,
    INTEGRATION_RULES,
    FlexFlows,
)
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import (
    ApiField,
    Variants,
    argument_spec_from_fields,
    get_path,
    recorded,
    resource_options,
    set_path,
)
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import Change, Refusal
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource_set import set_argument_spec
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    CHAT_SERVICE_SID,
    FLOW_SID,
    FLOW_SID_2,
    STUDIO_SID,
    WORKFLOW_SID,
    WORKSPACE_SID,
    address_configuration,
    flex_flow,
)

BOOL = ApiField('enabled', 'Enabled', 'enabled', kind='bool')
INT = ApiField('integration.retry_count', 'Integration.RetryCount', 'integration.retry_count', kind='int', minimum=0, maximum=3)
AT_LEAST_ONE = ApiField('integration.timeout', 'Integration.Timeout', 'integration.timeout', kind='int', minimum=1)
TEXT = ApiField('contact_identity', 'ContactIdentity', 'contact_identity')
NONBLANK = ApiField('integration.channel', 'Integration.Channel', 'integration.channel', nonblank=True)
NAME = ApiField('friendly_name', 'FriendlyName', 'friendly_name', name=True)
SID = ApiField('chat_service_sid', 'ChatServiceSid', 'chat_service_sid', kind='sid', sid_prefix='IS')
URL = ApiField('integration.url', 'Integration.Url', 'integration.url', kind='url')
LIST = ApiField('auto_creation.webhook_filters', 'AutoCreation.WebhookFilters', 'auto_creation.webhook_filters', kind='list')
METHOD = ApiField('auto_creation.webhook_method', 'AutoCreation.WebhookMethod', 'auto_creation.webhook_method', choices=('get', 'post'),
                  ignore_case=True)
SECRET = ApiField('token', 'Token', 'token', no_log=True)
SHORT = ApiField('friendly_name', 'FriendlyName', 'friendly_name', name=True, max_length=10)
LONG_ENOUGH = ApiField('code', 'Code', 'code', min_length=3)
PATTERNED = ApiField('code', 'Code', 'code', pattern='^[A-Z]{2}$')
AT_MOST_NINE = ApiField('priority', 'Priority', 'priority', kind='int', maximum=9)
SHORT_ITEMS = ApiField('filters', 'Filters', 'filters', kind='list', max_length=5)


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
    (METHOD, 'POST', 'post'),
    (METHOD, 'post', 'post'),
    (LIST, ['onMessageAdded', 'onParticipantAdded'], frozenset(['onMessageAdded', 'onParticipantAdded'])),
    (LIST, ('b', 'a', 'b'), frozenset(['a', 'b'])),
    (LIST, 'onMessageAdded', frozenset(['onMessageAdded'])),
    (LIST, [], None),
    (LIST, None, None),
])
def test_normalize(field, value, expected):
    normalized = field.normalize(value)

    assert normalized == expected
    assert type(normalized) is type(expected)


def test_a_list_compares_as_a_set_and_case_sensitively_unless_told():
    assert LIST.normalize(['a', 'b']) == LIST.normalize(['b', 'a'])
    assert LIST.normalize(['A']) != LIST.normalize(['a'])
    folded = ApiField('x', 'X', 'x', kind='list', ignore_case=True)
    assert folded.normalize(['A', 'b']) == folded.normalize(['a', 'B'])


def test_display_sorts_a_set_and_leaves_the_rest():
    assert LIST.display(frozenset(['b', 'a'])) == ['a', 'b']
    assert TEXT.display('x') == 'x'
    assert BOOL.display(None) is None


# -- ApiField.serialize ------------------------------------------------------------------------

@pytest.mark.parametrize('field, value, expected', [
    (BOOL, True, 'true'),
    (BOOL, False, 'false'),
    (INT, 0, '0'),
    (INT, 3, '3'),
    (TEXT, 'WebChat en', 'WebChat en'),
    (TEXT, None, ''),
    (SID, 'IS0123456789abcdef0123456789abcdef', 'IS0123456789abcdef0123456789abcdef'),
    # A list is sent as the same key repeated (requests does that for a list value), in the order given.
    (LIST, ['onParticipantAdded', 'onMessageAdded'], ['onParticipantAdded', 'onMessageAdded']),
    (LIST, None, []),
])
def test_serialize(field, value, expected):
    assert field.serialize(value) == expected


# -- ApiField.problem --------------------------------------------------------------------------

@pytest.mark.parametrize('field, value, expected', [
    (SID, 'IS0123456789abcdef0123456789abcdef', None),
    (SID, 'IS123', '"IS123" is not a Chat Service SID (IS followed by 32 hex digits)'),
    (SID, 'FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
     '"FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is a Studio Flow SID, expected a Chat Service SID (IS followed by 32 hex digits)'),
    (NONBLANK, 'chat', None),
    (NONBLANK, '', 'must not be empty or only whitespace'),
    (NONBLANK, ' \t', 'must not be empty or only whitespace'),
    (NONBLANK, ' chat ', None),
    (NAME, 'WebChat en', None),
    (NAME, '', 'must not be empty or only whitespace'),
    (NAME, ' WebChat en', '" WebChat en" must not start or end with white space (Twilio keeps it, and lookups by name would miss it)'),
    (NAME, 'WebChat en\n', '"WebChat en\\n" must not start or end with white space (Twilio keeps it, and lookups by name would miss it)'),
    (URL, 'https://hooks.example.test/webchat', None),
    (URL, 'http://hooks.example.test', None),
    (URL, 'https://hooks.example.test/webchat?token=1', None),
    (URL, 'ftp://x', '"ftp://x" is not an absolute http(s) URL such as https://example.com/webhook'),
    (URL, 'not a url', '"not a url" is not an absolute http(s) URL such as https://example.com/webhook'),
    (URL, 'https://', '"https://" is not an absolute http(s) URL such as https://example.com/webhook'),
    (URL, 'https://hooks.example.test/a b', '"https://hooks.example.test/a b" is not an absolute http(s) URL such as https://example.com/webhook'),
    (URL, '/relative/path', '"/relative/path" is not an absolute http(s) URL such as https://example.com/webhook'),
    (INT, 0, None),
    (INT, 3, None),
    (INT, 4, 'must be between 0 and 3, got 4'),
    (INT, -1, 'must be between 0 and 3, got -1'),
    (AT_LEAST_ONE, 1, None),
    (AT_LEAST_ONE, 0, 'must be at least 1, got 0'),
    (BOOL, False, None),
    (TEXT, '', None),
    (LIST, ['onMessageAdded'], None),
    (LIST, ['onMessageAdded', ' '], 'must not hold empty or blank items'),
    (LIST, [''], 'must not hold empty or blank items'),
    (LIST, [], "must not be empty: Twilio's API cannot be sent an empty list (leave the option out to keep what the resource has)"),
    # The limits Twilio documents: the value and the limit named, a long value shortened.
    (SHORT, 'x' * 10, None),
    (SHORT, 'x' * 11, '"xxxxxxxxxxx" is 11 characters long; Twilio allows at most 10'),
    (SHORT, 'y' * 300, '"%s...%s" is 300 characters long; Twilio allows at most 10' % ('y' * 40, 'y' * 12)),
    (LONG_ENOUGH, 'abc', None),
    (LONG_ENOUGH, 'ab', '"ab" is 2 characters long; Twilio needs at least 3'),
    (PATTERNED, 'US', None),
    (PATTERNED, 'USA', '"USA" does not match ^[A-Z]{2}$, the pattern Twilio requires'),
    (PATTERNED, 'US\n', '"US\\n" does not match ^[A-Z]{2}$, the pattern Twilio requires'),
    (AT_MOST_NINE, 9, None),
    (AT_MOST_NINE, 10, 'must be at most 9, got 10'),
    (SHORT_ITEMS, ['a', 'abcdef'], 'item "abcdef" is 6 characters long; Twilio allows at most 5'),
    (METHOD, 'POST', None),
    (METHOD, 'put', 'must be one of get, post, got "put"'),
])
def test_problem(field, value, expected):
    assert field.problem(value) == expected


def test_a_sid_field_carries_twilios_limits_of_every_sid():
    assert (SID.min_length, SID.max_length, SID.pattern) == (34, 34, '^IS[0-9a-fA-F]{32}$')
    assert (TEXT.min_length, TEXT.max_length, TEXT.pattern) == (None, None, None)


def test_argument_of_each_kind():
    assert BOOL.argument() == dict(type='bool')
    assert INT.argument() == dict(type='int')
    assert SID.argument() == dict(type='str')
    assert URL.argument() == dict(type='str')
    assert LIST.argument() == dict(type='list', elements='str')
    assert SECRET.argument() == dict(type='str', no_log=True)
    assert ApiField('channel_type', 'ChannelType', 'channel_type', choices=CHANNEL_TYPES).argument() == dict(
        type='str', choices=['web', 'sms', 'facebook', 'whatsapp', 'line', 'custom'])


# -- Variants ------------------------------------------------------------------------------------

RULES = Variants('kind', {
    'a': (('x',), ('shared',)),
    'b': (('y', 'z'), ('shared', 'only_b')),
    'c': ((), ()),
})


def test_variants_options_and_owners():
    assert RULES.options() == {'x', 'y', 'z', 'shared', 'only_b'}
    assert RULES.owners('shared') == ['a', 'b']
    assert RULES.owners('only_b') == ['b']
    assert RULES.owners('nobody') == []


@pytest.mark.parametrize('given, implied, conflicting', [
    ({'x'}, 'a', False),
    ({'y'}, 'b', False),
    ({'y', 'z', 'only_b'}, 'b', False),
    ({'shared'}, None, False),       # accepted by two kinds, needed by none: implies nothing
    ({'only_b'}, None, False),       # accepted only: implies nothing
    ({'x', 'y'}, None, True),
    (set(), None, False),
])
def test_variants_implied_only_by_needed_options(given, implied, conflicting):
    assert RULES.implied(given) == implied
    assert RULES.conflicting(given) is conflicting


def test_flex_flow_integration_rules():
    assert INTEGRATION_RULES.selector == 'integration_type'
    assert INTEGRATION_RULES.implied({'integration.url'}) == 'external'
    assert INTEGRATION_RULES.implied({'integration.retry_count'}) is None
    assert INTEGRATION_RULES.owners('integration.creation_on_message') == ['external', 'studio', 'task']
    assert INTEGRATION_RULES.owners('integration.retry_count') == ['external', 'studio']


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


def test_flex_flow_argument_spec_adds_state_sid_and_studio_flow():
    # The connection options are TwilioModule's, added to every module's own.
    spec = FlexFlows.argument_spec()

    assert spec['state'] == dict(type='str', default='present', choices=['present', 'absent'])
    assert spec['sid'] == dict(type='str')
    assert spec['studio_flow'] == dict(type='str')
    assert 'auth_token' not in spec
    assert spec == resource_options(FlexFlows)
    # Nothing in the table may carry a default that would be compared and sent without the user asking.
    assert [name for name in argument_spec_from_fields(FLEX_FLOW_FIELDS) if 'default' in spec[name]] == []


def test_info_argument_spec_is_sid_and_the_given_filters():
    spec = FlexFlows.info_argument_spec(friendly_name=dict(type='str'))

    assert spec['sid'] == dict(type='str') and spec['friendly_name'] == dict(type='str')
    assert set(spec) == set(['sid', 'friendly_name'])
    assert 'state' not in spec and 'channel_type' not in spec


def test_conversations_address_argument_spec():
    spec = ConversationsAddresses.argument_spec()

    assert spec['type'] == dict(type='str', choices=list(ADDRESS_TYPES))
    assert spec['address'] == dict(type='str')
    assert spec['address_country'] == dict(type='str')
    assert spec['state'] == dict(type='str', default='present', choices=['present', 'absent'])
    assert spec['auto_creation']['options'] == dict(
        enabled=dict(type='bool'), type=dict(type='str', choices=['webhook', 'studio', 'default']),
        conversation_service_sid=dict(type='str'), studio_flow_sid=dict(type='str'), studio_retry_count=dict(type='int'),
        webhook_url=dict(type='str'), webhook_method=dict(type='str', choices=['get', 'post']),
        webhook_filters=dict(type='list', elements='str'), studio_flow=dict(type='str'))
    assert 'studio_flow' not in spec
    # Each call builds a new spec: adding studio_flow to one must not leak into the table's.
    assert 'studio_flow' not in argument_spec_from_fields(CONVERSATIONS_ADDRESS_FIELDS)['auto_creation']['options']
    assert ConversationsAddresses.argument_spec() == ConversationsAddresses.argument_spec()


@pytest.mark.parametrize('family, recorded', [
    (FlexFlows, dict(sid=dict(type='str', required=True), friendly_name=dict(type='str', required=True),
                     channel_type=dict(type='str', choices=list(CHANNEL_TYPES), required=True))),
    (ConversationsAddresses, dict(
        sid=dict(type='str', required=True), type=dict(type='str', choices=list(ADDRESS_TYPES), required=True),
        address=dict(type='str', required=True))),
], ids=['flex_flows', 'conversations_addresses'])
def test_set_argument_spec(family, recorded):
    # What a record says of a resource (owned, an entry's known) is all required: nothing is trusted unchecked.
    spec = set_argument_spec(family)

    assert spec['entries'] == dict(type='list', elements='dict', required=True,
                                   options=dict(family.argument_spec(), known=dict(type='dict', options=recorded)))
    assert spec['owned'] == dict(type='list', elements='dict', default=[], options=recorded)
    assert spec['purge'] == dict(type='bool', default=False)
    assert spec['ignore_case'] == dict(type='bool', default=False)
    assert 'auth_token' not in spec


def test_a_record_keeps_the_sid_and_the_recorded_fields_as_the_api_answers_them():
    assert recorded(FlexFlows, flex_flow(channel_type='sms')) == dict(sid=FLOW_SID, friendly_name='WebChat en', channel_type='sms')
    assert recorded(ConversationsAddresses, address_configuration()) == dict(
        sid=address_configuration()['sid'], type='chat', address=address_configuration()['address'])


@pytest.mark.parametrize('family, label, plural', [(FlexFlows, 'Flex Flow', 'Flex Flows'),
                                                   (ConversationsAddresses, 'Conversations address', 'Conversations addresses')])
def test_the_plural_of_each_family(family, label, plural):
    assert (family.label, family.plural) == (label, plural)


@pytest.mark.parametrize('fields', [FLEX_FLOW_FIELDS, CONVERSATIONS_ADDRESS_FIELDS], ids=['flex_flow', 'conversations_address'])
def test_every_field_option_form_and_response_is_unique(fields):
    for attribute in ('option', 'form', 'response'):
        names = [getattr(field, attribute) for field in fields]
        assert len(names) == len(set(names)), attribute


def test_create_only_fields_of_each_family():
    assert [field.option for field in FLEX_FLOW_FIELDS if field.create_only] == ['channel_type']
    assert [field.option for field in CONVERSATIONS_ADDRESS_FIELDS if field.create_only] == ['type', 'address', 'address_country']
    assert [field.option for field in CONVERSATIONS_ADDRESS_FIELDS if field.ignore_case] == [
        'type', 'address_country', 'auto_creation.type', 'auto_creation.webhook_method']


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


# -- a family without requests -----------------------------------------------------------------

class FakeModule:
    """Only what a family reads from a module when it neither validates connections nor sends."""

    check_mode = False
    _diff = False

    def __init__(self, spec, **params):
        self.params = dict((name, None) for name in spec)
        self.params.update(params)
        # Placeholders: the methods under test must never reach the network.
        self.client = object()
        self.account = object()
        self.warnings = []

    def warn_once(self, warning):
        self.warnings.append(warning)


class FakeLookup:
    """Answers locate() and the rename check from a fixed list of records."""

    def __init__(self, records, family):
        self.records = records
        self.family = family

    def by_sid(self, sid):
        return next((record for record in self.records if record['sid'] == sid), None)

    def by_identity(self, identity):
        return [record for record in self.records if self.family.matches(record, identity)]


def flows(**params):
    # A placeholder client and account: these methods must never reach the network.
    family = FlexFlows(FakeModule(FlexFlows.argument_spec()))
    return family, family.desired(dict(dict((name, None) for name in FlexFlows.argument_spec()), **dict(dict(state='present'), **params)))


def addresses(**params):
    family = ConversationsAddresses(FakeModule(ConversationsAddresses.argument_spec()))
    return family, family.desired(dict(dict((name, None) for name in ConversationsAddresses.argument_spec()),
                                       **dict(dict(state='present'), **params)))


def test_desired_values_hold_only_what_the_user_set_as_given():
    # Compared through ApiField.normalize, sent as given (a country code keeps its case).
    family, desired = flows(friendly_name='WebChat en', enabled=False, contact_identity='',
                            integration=dict(flow_sid=STUDIO_SID, retry_count=2, url=None))

    assert desired.values == {'friendly_name': 'WebChat en', 'contact_identity': '', 'enabled': False,
                              'integration.flow_sid': STUDIO_SID, 'integration.retry_count': 2}
    assert desired.identity == ('WebChat en',)
    assert desired.state == 'present'


@pytest.mark.parametrize('params, where, label', [
    (dict(friendly_name='WebChat en'), None, '"WebChat en"'),
    (dict(friendly_name='WebChat en'), 'entry 2', 'entry 2 "WebChat en"'),
    (dict(sid=FLOW_SID), 'entry 1', 'entry 1 %s' % FLOW_SID),
    (dict(), 'entry 3', 'entry 3 ?'),
])
def test_desired_label_names_the_entry(params, where, label):
    family = FlexFlows(FakeModule(FlexFlows.argument_spec()))
    desired = family.desired(dict(dict((name, None) for name in FlexFlows.argument_spec()), **params), where=where)

    assert desired.label == label


def test_differences_compare_only_wanted_options_after_normalizing():
    family, desired = flows(enabled=True, integration=dict(retry_count=1))
    current = flex_flow(enabled='true', janitor_enabled=True, integration=dict(flow_sid=STUDIO_SID, retry_count='3'))

    assert family.differences(current, desired.values) == {'integration.retry_count': 1}


def test_differences_of_a_missing_nested_value():
    family, desired = flows(integration=dict(retry_count=0))

    assert family.differences(flex_flow(integration=None), desired.values) == {'integration.retry_count': 0}
    assert family.differences(flex_flow(integration=dict(retry_count=0)), desired.values) == {}


def test_differences_never_hold_a_create_only_field():
    family, desired = flows(channel_type='sms', enabled=False)

    assert family.differences(flex_flow(), desired.values) == {'enabled': False}


def test_differences_compare_a_list_as_a_set_and_a_method_without_case():
    family, desired = addresses(auto_creation=dict(webhook_filters=['onMessageAdded', 'onParticipantAdded'], webhook_method='post'))
    current = address_configuration(auto_creation=dict(type='webhook', webhook_method='POST',
                                                       webhook_filters=['onParticipantAdded', 'onMessageAdded']))

    assert family.differences(current, desired.values) == {}


def test_clearing_a_value_sends_an_empty_field():
    family, desired = flows(contact_identity='')
    changes = family.differences(flex_flow(contact_identity='+15005550006'), desired.values)

    assert changes == {'contact_identity': ''}
    assert family.form(changes) == {'ContactIdentity': ''}


def test_form_uses_the_api_names():
    family, desired = flows()

    assert family.form({'enabled': True, 'integration.retry_count': 2, 'friendly_name': 'x'}) == {
        'Enabled': 'true', 'Integration.RetryCount': '2', 'FriendlyName': 'x'}


def test_form_sends_a_list_as_the_key_repeated():
    family, desired = addresses(auto_creation=dict(webhook_filters=['onParticipantAdded', 'onMessageAdded']))

    assert family.form(desired.values) == {'AutoCreation.WebhookFilters': ['onParticipantAdded', 'onMessageAdded']}


def test_shaped_without_base_has_read_only_keys_empty():
    family, desired = flows()

    assert family.shaped({'friendly_name': 'x', 'integration.flow_sid': STUDIO_SID}) == dict(
        sid=None, account_sid=None, date_created=None, date_updated=None, url=None,
        friendly_name='x', integration=dict(flow_sid=STUDIO_SID))


def test_shaped_over_a_base_leaves_the_base_untouched():
    family, desired = flows()
    base = flex_flow()
    shaped = family.shaped({'integration.retry_count': 1}, base)

    assert shaped['integration'] == dict(flow_sid=STUDIO_SID, retry_count=1)
    assert base['integration'] == dict(flow_sid=STUDIO_SID, retry_count=3)


def test_shaped_shows_a_list_sorted():
    family, desired = addresses()

    assert family.shaped({'auto_creation.webhook_filters': frozenset(['b', 'a'])}, {}) == dict(auto_creation=dict(webhook_filters=['a', 'b']))


@pytest.mark.parametrize('params, current, expected', [
    (dict(integration_type='external'), None, ('external', 'given')),
    (dict(studio_flow='Webchat Flow'), None, ('studio', 'implied')),
    (dict(integration=dict(flow_sid=STUDIO_SID)), None, ('studio', 'implied')),
    (dict(integration=dict(url='https://hooks.example.test')), None, ('external', 'implied')),
    (dict(integration=dict(workspace_sid=WORKSPACE_SID)), None, ('task', 'implied')),
    (dict(integration=dict(retry_count=1)), None, (None, None)),
    (dict(), None, (None, None)),
    (dict(integration=dict(retry_count=1)), flex_flow(integration_type='task'), ('task', 'current')),
    (dict(integration_type='external'), flex_flow(integration_type='task'), ('external', 'given')),
    (dict(), flex_flow(integration_type=None), (None, None)),
])
def test_variant_is_given_implied_or_the_current_one(params, current, expected):
    family, desired = flows(**params)

    assert family.variants.of(family, desired, current) == expected


def test_unknown_option_is_a_key_error():
    family, desired = flows()

    with pytest.raises(KeyError):
        family.field('no_such_option')


@pytest.mark.parametrize('ignore_case, matches', [(False, False), (True, True)])
def test_matches_by_identity_with_or_without_case(ignore_case, matches):
    family, desired = flows()

    assert family.matches(flex_flow(name='WebChat pt-br'), ('WebChat pt-BR',), ignore_case) is matches
    assert family.matches(flex_flow(name='WebChat pt-BR'), ('WebChat pt-BR',), ignore_case) is True


def test_summary_of_each_family():
    assert FlexFlows.summary(None, flex_flow(channel_type='sms')) == '"WebChat en" (%s, sms)' % FLOW_SID
    assert ConversationsAddresses.summary(None, address_configuration()) == 'chat address "%s" (%s)' % (
        address_configuration()['address'], address_configuration()['sid'])


# -- locate and plan, from a fixed listing ----------------------------------------------------------

def test_locate_by_known_first_when_it_is_still_as_recorded():
    # Recorded as 'Old name' and still so: the entry's flow, to be renamed in place.
    family, desired = flows(friendly_name='WebChat en', known=dict(sid=FLOW_SID_2, friendly_name='Old name', channel_type='web'))
    recorded_flow = flex_flow(sid=FLOW_SID_2, name='Old name')
    lookup = FakeLookup([flex_flow(), recorded_flow], family)

    assert family.locate(desired, lookup) is recorded_flow
    assert family.module.warnings == []


def test_locate_by_a_known_sid_that_is_gone_falls_back_to_the_name():
    family, desired = flows(friendly_name='WebChat en', known=dict(sid='FO' + '9' * 32, friendly_name='WebChat en', channel_type='web'))

    assert family.locate(desired, FakeLookup([flex_flow()], family)) == flex_flow()
    assert family.module.warnings == []


@pytest.mark.parametrize('changed, by_hand', [('friendly_name', dict(name='Sales team chat')), ('channel_type', dict(channel_type='sms')),
                                              ('friendly_name and channel_type', dict(name='Support SMS', channel_type='sms'))])
def test_locate_leaves_a_known_sid_that_is_no_longer_as_recorded_and_looks_by_name(changed, by_hand):
    # A SID is no proof of ownership either: a flow changed since it was recorded is someone else's now.
    family, desired = flows(friendly_name='WebChat en', known=dict(sid=FLOW_SID_2, friendly_name='WebChat en', channel_type='web'))
    taken_over = flex_flow(sid=FLOW_SID_2, **by_hand)

    assert family.locate(desired, FakeLookup([taken_over], family)) is (taken_over if 'name' not in by_hand else None)
    assert family.module.warnings == ['"WebChat en": %s is recorded with another %s (changed by hand since?); it is left as it is, and the '
                                      'entry is looked up by friendly_name' % (family.summary(taken_over), changed)]


def test_locate_by_a_sid_that_does_not_exist_is_refused_unless_absent():
    family, desired = flows(sid=FLOW_SID)

    with pytest.raises(Refusal, match='^no Flex Flow has sid %s; to create one, give friendly_name without sid$' % FLOW_SID):
        family.locate(desired, FakeLookup([], family))
    assert family.locate(family.desired(dict(desired.params, state='absent')), FakeLookup([], family)) is None


def test_locate_refuses_an_ambiguous_name_listing_sids_and_channel_types():
    family, desired = flows(friendly_name='WebChat en')
    lookup = FakeLookup([flex_flow(), flex_flow(sid=FLOW_SID_2, channel_type='sms')], family)

    with pytest.raises(Refusal) as refused:
        family.locate(desired, lookup)
    assert str(refused.value) == ('2 Flex Flows have this friendly_name ("WebChat en" (%s, web), "WebChat en" (%s, sms)); '
                                  'name the one you mean by sid' % (FLOW_SID, FLOW_SID_2))


def test_plan_create_takes_the_defaults_and_the_implied_variant():
    family, desired = flows(friendly_name='WebChat en', chat_service_sid=CHAT_SERVICE_SID,
                            integration=dict(workspace_sid=WORKSPACE_SID, workflow_sid=WORKFLOW_SID))
    change = family.plan(desired, None, FakeLookup([], family))

    assert isinstance(change, Change)
    assert change.operation == 'create'
    assert change.values == {'friendly_name': 'WebChat en', 'chat_service_sid': CHAT_SERVICE_SID, 'channel_type': 'web',
                             'integration.workspace_sid': WORKSPACE_SID, 'integration.workflow_sid': WORKFLOW_SID,
                             'integration_type': 'task'}
    # The default is the create's, not the entry's: it is not compared with an existing flow.
    assert 'channel_type' not in desired.values


def test_plan_update_holds_only_what_differs_and_none_when_nothing_does():
    family, desired = flows(friendly_name='WebChat en', enabled=False)

    assert family.plan(desired, flex_flow(), FakeLookup([flex_flow()], family)).values == {'enabled': False}
    assert family.plan(desired, flex_flow(enabled=False), FakeLookup([], family)).operation == 'none'


def test_plan_absent_deletes_what_was_found_and_nothing_otherwise():
    family, desired = flows(friendly_name='WebChat en', state='absent')

    assert family.plan(desired, flex_flow(), None).operation == 'delete'
    assert family.plan(desired, None, None).operation == 'none'
