# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The reasoning of the webchat_addresses role (plugins/plugin_utils), behind its filters: the input's
problems and the entries each set module gets (webchat_addresses_plan), the legacy addresses a site
moving to Conversations may retire (webchat_addresses_flex_flow_entries), the published fact and the
site's record (webchat_addresses_outcome), and the connection variables (connection_variables,
connection_options), checked against the role's argument spec. The role's integration target runs
them in playbooks; here every case is checked on its own, message by message."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

import pytest
import yaml

from ansible.errors import AnsibleFilterError
from ansible_collections.twilio_ops.flex.plugins.module_utils._products import CREDENTIALS, LOCATION, PRODUCTS
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.connection_variables import connection_options, connection_variables
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_outcome import (
    webchat_addresses_flex_flow_entries,
    webchat_addresses_outcome,
)
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_plan import webchat_addresses_plan
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_record import RECORD_NOTE

SITE = 'site1'
RECORD_FILE = '/records/site1.json'
FLOW = 'FW' + 'b' * 32
CHAT = 'IS' + 'a' * 32
TOKEN_LIKE = '0123456789abcdef0123456789abcdef'
KEY_EN = 'CV' + 'e' * 32
KEY_PT = 'CV' + 'f' * 32
KEY_IT = 'CV' + '1' * 32

# What vars/main.yml passes for a site that sets nothing but its languages (the role's defaults).
SETTINGS = dict(site=SITE, api='flex_flows', name_prefix='WebChat', studio_flow='Webchat Flow', chat_service_sid='',
                conversation_service_sid='', purge=False, allow_purge_all=False, remove_legacy=False, record_file=RECORD_FILE)
ROLE = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'roles', 'webchat_addresses')


def fo(digit):
    return 'FO' + str(digit) * 32


def ig(digit):
    return 'IG' + str(digit) * 32


def record_text(addresses, site=SITE):
    return json.dumps(dict(format=1, site=site, note=RECORD_NOTE, addresses=addresses))


def recorded(api, language, sid, made, **fields):
    item = dict(api=api, language=language, sid=sid, made=made, friendly_name=fields.pop('friendly_name', 'WebChat %s' % language))
    item.update(fields)
    return item


def plan(languages, record=None, connection=None, **settings):
    return webchat_addresses_plan(languages, dict(SETTINGS, **settings), connection or {}, record_text(record) if record is not None else '')


def problems(languages, record=None, connection=None, **settings):
    return plan(languages, record, connection, **settings)['problems']


def flex_result(operation, sid=None, name=None):
    """One entry's result of flex_flows."""
    flow = {} if operation == 'delete' or (sid is None and name is None) else dict(sid=sid, friendly_name=name, channel_type='web')
    result = dict(operation=operation, changed=operation != 'none', flex_flow=flow)
    if sid and flow:
        result['demo_url'] = 'https://demo.flex.twilio.com/chat?accountSid=AC0&flexFlowSid=%s' % sid
    return result


def address_result(operation, sid=None, key=None, name=None):
    """One entry's result of conversations_addresses."""
    address = {} if operation == 'delete' or key is None else dict(sid=sid, address=key, type='chat', friendly_name=name)
    return dict(operation=operation, changed=operation != 'none', address_configuration=address)


def run(results, owned=None, purged=None, **extra):
    """A set module's result: per-entry results, and what it owns and purged."""
    return dict(dict(changed=True, results=results, owned=owned or [], purged=purged or [], kept=[]), **extra)


# -- webchat_addresses_plan: the input's problems -----------------------------------------------------------

NOT_A_TAG = 'is not a BCP 47 language tag such as en, pt-BR, zh-Hant-TW'


@pytest.mark.parametrize('languages, settings, connection, expected', [
    # Language tags: well-formed, and unique in their canonical case.
    ([{'language': 'EN_us'}], {}, {}, ['language "EN_us" ' + NOT_A_TAG]),
    # \Z, not $: a tag from a YAML block scalar keeps its newline, and must not pass.
    ([{'language': 'en\n'}], {}, {}, ['language "en\\n" ' + NOT_A_TAG]),
    ([{'language': ''}], {}, {}, ['language "" ' + NOT_A_TAG]),
    ([{}], {}, {}, ['language "" ' + NOT_A_TAG]),
    ([{'language': 'en'}, {'language': 'es'}, {'language': 'en'}], {}, {},
     ['language "en" is listed more than once (as "en": language tags are compared in their canonical case)']),
    ([{'language': 'pt-BR'}, {'language': 'pt-br'}], {}, {},
     ['language "pt-br" is listed more than once (as "pt-BR": language tags are compared in their canonical case)']),
    ([{'language': 'zh-Hant-TW'}, {'language': 'ZH-HANT-tw'}], {}, {},
     ['language "ZH-HANT-tw" is listed more than once (as "zh-Hant-TW": language tags are compared in their canonical case)']),
    # Names: not empty, no white space around, unique without case (a given name may clash with a default one).
    ([{'language': 'en', 'friendly_name': '  '}], {}, {}, ['language "en": friendly_name must not be empty']),
    ([{'language': 'en', 'friendly_name': ' Support'}], {}, {},
     ['language "en": friendly_name " Support" must not start or end with white space']),
    ([{'language': 'en', 'friendly_name': 'Support'}, {'language': 'es', 'friendly_name': 'support'}], {}, {},
     ['language "es": the name "support" is already used by another language (names are compared without case)']),
    ([{'language': 'en'}, {'language': 'es', 'friendly_name': 'WEBCHAT EN'}], {}, {},
     ['language "es": the name "WEBCHAT EN" is already used by another language (names are compared without case)']),
    # Studio flows.
    ([{'language': 'en', 'studio_flow': 'Webchat Flow', 'studio_flow_sid': FLOW}], {}, {},
     ['language "en": set studio_flow (a name) or studio_flow_sid, not both']),
    ([{'language': 'en', 'studio_flow_sid': 'FO' + '0' * 32}], {}, {},
     ['language "en": studio_flow_sid "FO%s" is a Flex Flow SID, expected a Studio Flow SID (FW followed by 32 hex digits)' % ('0' * 32)]),
    ([{'language': 'en', 'studio_flow': ''}], {}, {}, ['language "en": studio_flow must not be empty']),
    ([{'language': 'en'}], dict(studio_flow=''), {}, ['language "en" names no Studio flow and webchat_addresses_studio_flow is empty']),
    ([{'language': 'en'}], dict(studio_flow='  '), {}, ['language "en" names no Studio flow and webchat_addresses_studio_flow is empty']),
    # The site's settings.
    ([{'language': 'en'}], dict(name_prefix=''), {}, ['webchat_addresses_name_prefix must not be empty']),
    ([{'language': 'en'}], dict(name_prefix=None), {}, ['webchat_addresses_name_prefix must not be empty']),
    ([{'language': 'en'}], dict(name_prefix=' WebChat'), {}, ['webchat_addresses_name_prefix must not start or end with white space']),
    ([{'language': 'en'}], dict(chat_service_sid='IS123'), {},
     ['webchat_addresses_chat_service_sid "IS123" is not a Chat Service SID (IS followed by 32 hex digits)']),
    ([{'language': 'en', 'deployment_key': KEY_EN}], dict(api='conversations', conversation_service_sid=FLOW), {},
     ['webchat_addresses_conversation_service_sid "%s" is a Studio Flow SID, expected a Chat Service SID (IS followed by 32 hex digits)' % FLOW]),
    ([{'language': 'en'}], dict(api='legacy'), {}, ['webchat_addresses_api must be one of flex_flows, conversations, got "legacy"']),
    # The connection: credentials described, never shown; URLs only for the products the site's API uses.
    ([{'language': 'en'}], {}, dict(account_sid='AC1'),
     ['webchat_addresses_account_sid is not an Account SID (AC followed by 32 hex digits): it is 3 characters long']),
    ([{'language': 'en'}], {}, dict(api_key='SK' + '0' * 32), ['webchat_addresses_api_key and webchat_addresses_api_secret go together: set both or neither']),
    ([{'language': 'en'}], {}, dict(api_secret='s3cret'), ['webchat_addresses_api_key and webchat_addresses_api_secret go together: set both or neither']),
    ([{'language': 'en'}], {}, dict(flex_api_url='flex-api.twilio.com'),
     ['webchat_addresses_flex_api_url is not an absolute http(s) base URL such as https://flex-api.twilio.com']),
    ([{'language': 'en'}], {}, dict(studio_api_url='https://studio.twilio.com?region=ie1'),
     ['webchat_addresses_studio_api_url is not an absolute http(s) base URL such as https://studio.twilio.com']),
    ([{'language': 'en'}], {}, dict(conversations_api_url='not a url'), []),
    ([{'language': 'en', 'deployment_key': KEY_EN}], dict(api='conversations'), dict(conversations_api_url='not a url'),
     ['webchat_addresses_conversations_api_url is not an absolute http(s) base URL such as https://conversations.twilio.com']),
    # The edge and region, shown (no secret): a name each, and only the region us1, for either API.
    ([{'language': 'en'}], {}, dict(edge='sydney', region='us1'), []),
    ([{'language': 'en'}], {}, dict(region='ie1'),
     ['webchat_addresses_region "ie1" is not us1: the collection works on a Flex account, and Twilio offers the Twilio Flex API and '
      'Twilio Sync API only in its US1 region (https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability); '
      'leave the region unset or set it to us1 (an edge alone goes to us1)']),
    ([{'language': 'en', 'deployment_key': KEY_EN}], dict(api='conversations'), dict(edge='Dublin', region='au1'),
     ['webchat_addresses_edge "Dublin" is not a Twilio edge name (in lower case: dublin): lower-case letters and digits, with single '
      'hyphens inside, such as sydney, dublin or ashburn',
      'webchat_addresses_region "au1" is not us1: the collection works on a Flex account, and Twilio offers the Twilio Flex API and '
      'Twilio Sync API only in its US1 region (https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability); '
      'leave the region unset or set it to us1 (an edge alone goes to us1)']),
    # Every problem is reported at once, the site's settings first.
    ([{'language': 'EN_us'}, {'language': 'es', 'studio_flow': 'Webchat Flow', 'studio_flow_sid': FLOW}], dict(name_prefix=''), {},
     ['webchat_addresses_name_prefix must not be empty', 'language "EN_us" ' + NOT_A_TAG,
      'language "es": set studio_flow (a name) or studio_flow_sid, not both']),
])
def test_each_input_problem_is_named(languages, settings, connection, expected):
    assert problems(languages, connection=connection, **settings) == expected


def test_a_plan_with_problems_has_no_entries():
    found = plan([{'language': 'EN_us'}, {'language': 'fr'}])

    assert found['languages'] == []
    assert found['flex_flows'] == dict(run=False, entries=[], languages=[], owned=[])
    assert found['conversations'] == dict(run=False, entries=[], languages=[], owned=[])


def test_empty_or_null_settings_and_connection_count_as_not_set():
    # The role passes what the site leaves unset as '' (and a site may set null).
    assert problems([{'language': 'en'}], connection=dict(account_sid='', api_key=None, api_secret='', flex_api_url='', studio_api_url=None,
                                                          edge='', region=None),
                    chat_service_sid=None, conversation_service_sid='') == []
    assert problems([{'language': 'en'}], connection=dict(api_key='SK' + '0' * 32, api_secret='x', flex_api_url='http://127.0.0.1:8642/flex-api',
                                                          studio_api_url='https://studio.twilio.com')) == []


@pytest.mark.parametrize('option, secret', [('account_sid', TOKEN_LIKE), ('api_key', TOKEN_LIKE), ('api_key', 'sk-live-0123456789')])
def test_a_secret_pasted_into_a_sid_variable_is_described_never_quoted(option, secret):
    found = problems([{'language': 'en'}], connection={option: secret, 'api_secret': 'x', 'api_key': 'SK' + '0' * 32, **{option: secret}})

    assert len(found) == 1
    assert found[0].startswith('webchat_addresses_%s is not a' % option)
    assert found[0].endswith(': it is 32 hex digits, the form of an auth token or API key secret' if secret == TOKEN_LIKE
                             else ': it is 18 characters long')
    assert secret not in found[0]


@pytest.mark.parametrize('languages', [None, 'en', [{'language': 'en'}, 'fr']])
def test_languages_that_are_not_a_list_of_dicts_are_refused(languages):
    with pytest.raises(AnsibleFilterError, match='must be a list of dictionaries'):
        webchat_addresses_plan(languages, SETTINGS)


@pytest.mark.parametrize('languages', [[], [{'language': 'en', 'state': 'absent'}]], ids=['none listed', 'only absent ones'])
def test_purge_with_no_language_listed_needs_allow_purge_all(languages):
    assert problems(languages, purge=True) == [
        'no language is listed and webchat_addresses_purge is on: that would delete every address this role made for the site; '
        'set webchat_addresses_allow_purge_all: true if that is what you want']
    assert problems(languages, purge=True, allow_purge_all=True) == []
    assert problems(languages) == []


def test_conversations_mode_needs_deployment_keys_and_refuses_legacy_options():
    languages = [{'language': 'en', 'janitor_enabled': True, 'long_lived': False}, {'language': 'fr', 'state': 'absent'},
                 {'language': 'de', 'deployment_key': 'CV123'}, {'language': 'it', 'deployment_key': KEY_IT},
                 {'language': 'es', 'deployment_key': KEY_IT}]
    assert problems(languages, api='conversations') == [
        'language "en" needs a deployment_key (the CV... SID of its Webchat deployment key, made in the Twilio Console)',
        'language "en": janitor_enabled has no counterpart in Conversations (Conversations closes inactive conversations with its state '
        'timers instead); remove it',
        'language "en": long_lived has no counterpart in Conversations (Flex Conversations parks an interaction instead); remove it',
        'language "de": deployment_key "CV123" is not a Webchat deployment key SID (CV followed by 32 hex digits)',
        'language "es": deployment_key "%s" is also the key of language "it"' % KEY_IT,
    ]


def test_two_languages_with_one_deployment_key_in_another_case_are_refused():
    assert problems([{'language': 'en', 'deployment_key': 'CV' + 'a' * 32}, {'language': 'fr', 'deployment_key': 'CV' + 'A' * 32}],
                    api='conversations') == ['language "fr": deployment_key "CV%s" is also the key of language "en"' % ('A' * 32)]


def test_flex_flows_mode_ignores_deployment_keys_and_allows_legacy_options():
    assert problems([{'language': 'en', 'deployment_key': KEY_EN, 'janitor_enabled': True, 'long_lived': True}]) == []


@pytest.mark.parametrize('value', [True, 'yes', 'true', 1])
def test_remove_legacy_only_in_conversations_mode(value):
    assert problems([{'language': 'en'}], remove_legacy=value) == [
        'webchat_addresses_remove_legacy needs webchat_addresses_api: conversations (it retires the legacy address of each language once '
        'its Conversations address exists)']
    assert problems([{'language': 'en', 'deployment_key': KEY_EN}], api='conversations', remove_legacy=value) == []


NOT_AN_ADDRESS = 'has an address that is not {api, language, sid, made, friendly_name (flex_flows) or address (conversations), ...}: '
REMEDY = '; fix it, or move it away to start a new one (purge then deletes nothing made before)'


@pytest.mark.parametrize('text, problem', [
    ('{', 'is not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))'),
    ('[]', 'is not a record this role wrote (format 1 with a list of addresses)'),
    (json.dumps(dict(format=2, site=SITE, addresses=[])), 'is not a record this role wrote (format 1 with a list of addresses)'),
    (json.dumps(dict(format=1, site=SITE, addresses={})), 'is not a record this role wrote (format 1 with a list of addresses)'),
    (json.dumps(dict(format=1, site='site2', addresses=[])), 'belongs to the site "site2", not "site1"'),
    (json.dumps(dict(format=1, site=SITE, addresses=[dict(api='x')])), NOT_AN_ADDRESS + '{"api": "x"}'),
    (json.dumps(dict(format=1, site=SITE, addresses=[dict(api='flex_flows', language='en', sid=fo(1), friendly_name='WebChat en', made='yes')])),
     NOT_AN_ADDRESS + '{"api": "flex_flows", "language": "en", "sid": "%s", "friendly_name": "WebChat en", "made": "yes"}' % fo(1)),
    # What the record says of an address is checked against the account before its SID is used: without it, nothing could be.
    (json.dumps(dict(format=1, site=SITE, addresses=[dict(api='flex_flows', language='en', sid=fo(1), made=True)])),
     NOT_AN_ADDRESS + '{"api": "flex_flows", "language": "en", "sid": "%s", "made": true}' % fo(1)),
    (json.dumps(dict(format=1, site=SITE, addresses=[dict(api='conversations', language='en', sid=ig(1), friendly_name='WebChat en', made=True)])),
     NOT_AN_ADDRESS + '{"api": "conversations", "language": "en", "sid": "%s", "friendly_name": "WebChat en", "made": true}' % ig(1)),
    # Which of the two the role made is not known: neither may be purged, or forgotten.
    (json.dumps(dict(format=1, site=SITE, addresses=[dict(api='flex_flows', language='en', sid=fo(number), friendly_name='WebChat en',
                                                          made=True) for number in (1, 2)])),
     'has two addresses of the language "en" in flex_flows'),
], ids=['not JSON', 'a list', 'another format', 'addresses not a list', 'another site', 'foreign item', 'made not a bool',
        'flex flow without its name', 'chat address without its address', 'two addresses of one language'])
def test_a_corrupt_or_foreign_record_is_a_problem(text, problem):
    found = webchat_addresses_plan([{'language': 'en'}], SETTINGS, {}, text)

    assert found['problems'] == ['the record "%s" %s%s' % (RECORD_FILE, problem, REMEDY)]
    assert found['record'] == []


@pytest.mark.parametrize('text', ['', '  \n', None])
def test_no_record_yet_is_an_empty_record(text):
    found = webchat_addresses_plan([{'language': 'en'}], SETTINGS, {}, text)

    assert found['problems'] == []
    assert found['record'] == []


def test_a_record_already_parsed_is_read_as_its_text():
    # ansible-core before 2.19 turns the file lookup's JSON text into a dict on its way in.
    record = dict(format=1, site=SITE, addresses=[dict(api='flex_flows', language='en', sid=fo(1), made=True, friendly_name='WebChat en')])

    from_text = webchat_addresses_plan([{'language': 'en'}], SETTINGS, {}, json.dumps(record))
    from_dict = webchat_addresses_plan([{'language': 'en'}], SETTINGS, {}, record)

    assert from_dict == from_text
    assert from_dict['record'] == record['addresses'] and from_dict['problems'] == []
    assert webchat_addresses_plan([{'language': 'en'}], SETTINGS, {}, dict(record, site='site2'))['problems'] == [
        'the record "%s" belongs to the site "site2", not "site1"%s' % (RECORD_FILE, REMEDY)]

# -- webchat_addresses_plan: the entries -------------------------------------------------------------------


def test_flex_flow_entries_one_per_language_in_canonical_case_and_order():
    languages = [
        {'language': 'pt-br'},
        {'language': 'zh-hant-tw', 'studio_flow_sid': FLOW, 'enabled': 'no', 'janitor_enabled': 'yes'},
        {'language': 'de', 'friendly_name': 'Deutsch', 'studio_flow': 'German Flow', 'long_lived': False},
        {'language': 'FR', 'state': 'absent'},
    ]
    found = plan(languages, chat_service_sid=CHAT)

    assert found['problems'] == []
    assert [language['language'] for language in found['languages']] == ['pt-BR', 'zh-Hant-TW', 'de', 'fr']
    assert found['flex_flows'] == dict(run=True, languages=['pt-BR', 'zh-Hant-TW', 'de', 'fr'], owned=[], entries=[
        dict(friendly_name='WebChat pt-BR', channel_type='web', state='present', enabled=True, integration_type='studio',
             studio_flow='Webchat Flow', chat_service_sid=CHAT),
        dict(friendly_name='WebChat zh-Hant-TW', channel_type='web', state='present', enabled=False, integration_type='studio',
             integration=dict(flow_sid=FLOW), chat_service_sid=CHAT, janitor_enabled=True),
        dict(friendly_name='Deutsch', channel_type='web', state='present', enabled=True, integration_type='studio',
             studio_flow='German Flow', chat_service_sid=CHAT, long_lived=False),
        dict(friendly_name='WebChat fr', channel_type='web', state='absent'),
    ])
    assert found['conversations'] == dict(run=False, entries=[], languages=[], owned=[])
    assert found['legacy'] == []


def test_flex_flow_entries_leave_the_chat_service_to_the_module_when_the_site_names_none():
    entry = plan([{'language': 'en'}])['flex_flows']['entries'][0]

    assert 'chat_service_sid' not in entry
    # ignore_case is the module's job (the role sets it on the module), not the entries'.
    assert 'ignore_case' not in entry


def test_known_comes_from_the_record_of_the_same_api_and_language_with_what_it_says():
    record = [recorded('flex_flows', 'pt-BR', fo(1), True), recorded('conversations', 'en', ig(2), True, address=KEY_EN),
              recorded('flex_flows', 'de', fo(3), False)]
    entries = plan([{'language': 'pt-br'}, {'language': 'en'}, {'language': 'de', 'state': 'absent'}], record)['flex_flows']['entries']

    # The module checks the flow still has the recorded name and channel before it trusts the SID.
    assert [entry.get('known') for entry in entries] == [dict(sid=fo(1), friendly_name='WebChat pt-BR', channel_type='web'), None,
                                                         dict(sid=fo(3), friendly_name='WebChat de', channel_type='web')]


def test_conversations_entries():
    record = [recorded('conversations', 'pt-BR', ig(1), True, address=KEY_PT), recorded('conversations', 'it', ig(2), True, address=KEY_IT)]
    languages = [
        {'language': 'en', 'deployment_key': KEY_EN, 'studio_flow_sid': FLOW, 'enabled': False},
        {'language': 'pt-br', 'deployment_key': KEY_PT},
        {'language': 'de', 'state': 'absent', 'deployment_key': 'CV' + '3' * 32},
        {'language': 'it', 'state': 'absent'},
        {'language': 'fr', 'state': 'absent'},
    ]
    found = plan(languages, record, api='conversations', conversation_service_sid=CHAT)

    assert found['problems'] == []
    assert found['conversations'] == dict(run=True, languages=['en', 'pt-BR', 'de', 'it'], owned=[], entries=[
        dict(type='chat', address=KEY_EN, friendly_name='WebChat en',
             auto_creation=dict(enabled=False, type='studio', studio_flow_sid=FLOW, conversation_service_sid=CHAT)),
        dict(type='chat', address=KEY_PT, friendly_name='WebChat pt-BR', known=dict(sid=ig(1), type='chat', address=KEY_PT),
             auto_creation=dict(enabled=True, type='studio', studio_flow='Webchat Flow', conversation_service_sid=CHAT)),
        dict(address='CV' + '3' * 32, type='chat', state='absent'),
        # The address the record knows, whatever key is given (none here).
        dict(address=KEY_IT, type='chat', state='absent', known=dict(sid=ig(2), type='chat', address=KEY_IT)),
        # fr: no key, no record: nothing known to retire, no entry.
    ])
    assert found['flex_flows']['run'] is False


def test_owned_offered_to_purge_are_the_made_addresses_of_languages_no_longer_listed():
    record = [
        recorded('flex_flows', 'en', fo(1), True),          # listed: never purged
        recorded('flex_flows', 'it', fo(2), True),          # unlisted and made: offered
        recorded('flex_flows', 'es', fo(3), False),         # unlisted but adopted: never purged
        recorded('flex_flows', 'de', fo(4), True),          # listed as absent: retired by its entry, and offered
        recorded('conversations', 'nl', ig(5), True, address=KEY_IT),
    ]
    found = plan([{'language': 'EN'}, {'language': 'de', 'state': 'absent'}], record, purge=True)

    assert found['flex_flows']['owned'] == [dict(sid=fo(2), friendly_name='WebChat it', channel_type='web'),
                                            dict(sid=fo(4), friendly_name='WebChat de', channel_type='web')]
    assert found['conversations']['owned'] == [dict(sid=ig(5), address=KEY_IT, type='chat')]
    # A module runs for each API with something to do, here a purge of Conversations addresses.
    assert (found['flex_flows']['run'], found['conversations']['run']) == (True, True)


def test_without_purge_nothing_is_offered():
    record = [recorded('flex_flows', 'it', fo(2), True)]
    found = plan([{'language': 'en'}], record)

    assert found['flex_flows']['owned'] == []


def test_remove_legacy_plans_a_legacy_delete_per_language_retired_or_not():
    record = [recorded('flex_flows', 'pt-BR', fo(1), True)]
    languages = [{'language': 'pt-br', 'deployment_key': KEY_PT}, {'language': 'en', 'deployment_key': KEY_EN},
                 {'language': 'it', 'state': 'absent', 'deployment_key': KEY_IT}]
    found = plan(languages, record, api='conversations', remove_legacy=True)

    assert found['legacy'] == [
        dict(language='pt-BR', entry=dict(legacy('pt-BR'), known=dict(sid=fo(1), friendly_name='WebChat pt-BR', channel_type='web')),
             retired=False),
        dict(language='en', entry=legacy('en'), retired=False),
        # A retired language's legacy address goes whether or not a chat address exists.
        dict(language='it', entry=legacy('it'), retired=True),
    ]
    assert found['flex_flows'] == dict(run=True, entries=[], languages=[], owned=[])


# -- webchat_addresses_flex_flow_entries ---------------------------------------------------------------------


def moving_site():
    return plan([{'language': 'en', 'deployment_key': KEY_EN}, {'language': 'pt-BR', 'deployment_key': KEY_PT},
                 {'language': 'it', 'deployment_key': KEY_IT}], api='conversations', remove_legacy=True)


def legacy(language):
    return dict(friendly_name='WebChat %s' % language, channel_type='web', state='absent')


def test_a_retired_language_loses_its_legacy_address_while_the_site_moves():
    found = plan([{'language': 'en', 'deployment_key': KEY_EN}, {'language': 'de', 'state': 'absent'}], api='conversations', remove_legacy=True)

    assert found['conversations']['languages'] == ['en']
    # Nothing is created for de, so nothing waits: its legacy address is deleted in the same run.
    assert webchat_addresses_flex_flow_entries(found, run([address_result('none', ig(1), KEY_EN, 'WebChat en')])) == [
        legacy('en'), legacy('de')]
    assert webchat_addresses_flex_flow_entries(found, run([], failed=True, msg='failed')) == [legacy('de')]


def test_a_legacy_delete_only_for_languages_whose_chat_address_exists():
    conversations = run([address_result('create', ig(1), KEY_EN, 'WebChat en'), address_result('none', ig(2), KEY_PT, 'WebChat pt-BR'),
                         address_result('update', ig(3), KEY_IT, 'WebChat it')])

    assert webchat_addresses_flex_flow_entries(moving_site(), conversations) == [legacy('en'), legacy('pt-BR'), legacy('it')]


def test_a_predicted_create_in_check_mode_counts_as_existing():
    conversations = run([address_result('create', None, KEY_EN, 'WebChat en')])

    assert webchat_addresses_flex_flow_entries(moving_site(), conversations) == [legacy('en')]


def test_never_for_a_language_the_conversations_run_failed_on_or_did_not_reach():
    # The run failed at pt-BR: its result, and it's after it, are missing.
    conversations = run([address_result('create', ig(1), KEY_EN, 'WebChat en')], failed=True, msg='POST ... answered HTTP 400',
                        unreached=1)

    assert webchat_addresses_flex_flow_entries(moving_site(), conversations) == [legacy('en')]


@pytest.mark.parametrize('conversations', [None, {}, dict(skipped=True, changed=False), dict(failed=True, msg='Invalid input')],
                         ids=['none', 'empty', 'skipped', 'failed before any result'])
def test_no_legacy_delete_without_conversations_results(conversations):
    assert webchat_addresses_flex_flow_entries(moving_site(), conversations) == []


def test_a_chat_address_absent_after_the_run_keeps_the_legacy_one():
    conversations = run([address_result('none'), address_result('delete'), address_result('create', ig(3), KEY_IT, 'WebChat it')])

    assert webchat_addresses_flex_flow_entries(moving_site(), conversations) == [legacy('it')]


def test_flex_flows_mode_entries_are_the_plans_own():
    found = plan([{'language': 'en'}])

    assert webchat_addresses_flex_flow_entries(found) == found['flex_flows']['entries']


# -- webchat_addresses_outcome ---------------------------------------------------------------------------------


def outcome(found, flex_flows=None, conversations=None):
    return webchat_addresses_outcome(found, SITE, flex_flows, conversations)


def test_first_run_publishes_each_listed_language_and_records_what_it_made():
    found = plan([{'language': 'en'}, {'language': 'pt-br', 'friendly_name': 'Português'}, {'language': 'fr', 'state': 'absent'}])
    flex_flows = run([flex_result('create', fo(1), 'WebChat en'), flex_result('create', fo(2), 'Português'), flex_result('none')],
                     owned=[dict(sid=fo(1)), dict(sid=fo(2))])
    result = outcome(found, flex_flows)

    assert result['provisioned'] == [
        dict(language='en', api='flex_flows', sid=fo(1), friendly_name='WebChat en', address=None,
             demo_url='https://demo.flex.twilio.com/chat?accountSid=AC0&flexFlowSid=%s' % fo(1)),
        dict(language='pt-BR', api='flex_flows', sid=fo(2), friendly_name='Português', address=None,
             demo_url='https://demo.flex.twilio.com/chat?accountSid=AC0&flexFlowSid=%s' % fo(2)),
    ]
    assert result['record'] == dict(format=1, site=SITE, note=RECORD_NOTE, addresses=[
        dict(api='flex_flows', language='en', sid=fo(1), friendly_name='WebChat en', made=True),
        dict(api='flex_flows', language='pt-BR', sid=fo(2), friendly_name='Português', made=True),
    ])


def test_made_is_kept_across_runs_for_the_same_sid_and_adopted_addresses_are_not_made():
    record = [recorded('flex_flows', 'en', fo(1), True), recorded('flex_flows', 'de', fo(4), True)]
    found = plan([{'language': 'en'}, {'language': 'es'}, {'language': 'de'}], record)
    # en: the same flow; es: found by name, made by someone else; de: the made one is gone, another was found by name.
    flex_flows = run([flex_result('none', fo(1), 'WebChat en'), flex_result('none', fo(3), 'WebChat es'),
                      flex_result('update', fo(5), 'WebChat de')])

    assert outcome(found, flex_flows)['record']['addresses'] == [
        dict(api='flex_flows', language='de', sid=fo(5), friendly_name='WebChat de', made=False),
        dict(api='flex_flows', language='en', sid=fo(1), friendly_name='WebChat en', made=True),
        dict(api='flex_flows', language='es', sid=fo(3), friendly_name='WebChat es', made=False),
    ]


def test_a_recreated_address_is_made_again():
    record = [recorded('flex_flows', 'en', fo(1), True)]
    found = plan([{'language': 'en'}], record)
    flex_flows = run([flex_result('create', fo(2), 'WebChat en')])

    assert outcome(found, flex_flows)['record']['addresses'] == [
        dict(api='flex_flows', language='en', sid=fo(2), friendly_name='WebChat en', made=True)]


def test_deleted_purged_and_vanished_addresses_leave_the_record():
    record = [recorded('flex_flows', 'en', fo(1), True), recorded('flex_flows', 'fr', fo(2), True),
              recorded('flex_flows', 'it', fo(3), True), recorded('flex_flows', 'nl', fo(4), True),
              recorded('flex_flows', 'da', fo(5), True)]
    found = plan([{'language': 'en'}, {'language': 'fr', 'state': 'absent'}], record, purge=True)
    assert [item['sid'] for item in found['flex_flows']['owned']] == [fo(2), fo(3), fo(4), fo(5)]
    # fr: deleted by its entry; it: purged; nl: gone before the run (dropped from owned); da: kept (changed by hand).
    flex_flows = run([flex_result('none', fo(1), 'WebChat en'), flex_result('delete')], purged=[dict(sid=fo(3), operation='delete')],
                     owned=[dict(sid=fo(1)), dict(sid=fo(5))])

    result = outcome(found, flex_flows)
    assert result['record']['addresses'] == [
        dict(api='flex_flows', language='da', sid=fo(5), friendly_name='WebChat da', made=True),
        dict(api='flex_flows', language='en', sid=fo(1), friendly_name='WebChat en', made=True),
    ]
    assert [item['language'] for item in result['provisioned']] == ['en']


def test_a_partial_failure_keeps_what_was_made_and_what_was_not_reached():
    record = [recorded('flex_flows', 'de', fo(4), True)]
    found = plan([{'language': 'en'}, {'language': 'es'}, {'language': 'de', 'enabled': False}], record, purge=True)
    flex_flows = run([flex_result('create', fo(1), 'WebChat en')], owned=[dict(sid=fo(4)), dict(sid=fo(1))], failed=True,
                     msg='POST /v1/FlexFlows answered HTTP 400', unreached=2)
    result = outcome(found, flex_flows)

    assert result['record']['addresses'] == [
        dict(api='flex_flows', language='de', sid=fo(4), friendly_name='WebChat de', made=True),
        dict(api='flex_flows', language='en', sid=fo(1), friendly_name='WebChat en', made=True),
    ]
    assert [(item['language'], item['sid']) for item in result['provisioned']] == [('en', fo(1)), ('es', None), ('de', None)]


def test_a_run_that_failed_before_any_result_or_was_skipped_changes_nothing():
    record = [recorded('flex_flows', 'en', fo(1), True), recorded('flex_flows', 'it', fo(2), True)]
    found = plan([{'language': 'en'}], record, purge=True)

    for flex_flows in (dict(failed=True, msg='Unsupported parameters'), dict(skipped=True), None, {}):
        assert outcome(found, flex_flows)['record']['addresses'] == sorted(record, key=lambda item: item['language'])


def test_check_mode_predictions_are_published_but_not_recorded():
    found = plan([{'language': 'en'}])
    result = outcome(found, run([dict(operation='create', changed=True, flex_flow=dict(sid=None, friendly_name='WebChat en'))]))

    assert result['provisioned'] == [dict(language='en', api='flex_flows', sid=None, friendly_name='WebChat en', address=None, demo_url=None)]
    assert result['record']['addresses'] == []


def test_conversations_outcome_publishes_the_address_and_retires_the_legacy_record():
    record = [recorded('flex_flows', 'en', fo(1), True), recorded('flex_flows', 'pt-BR', fo(2), True)]
    found = plan([{'language': 'en', 'deployment_key': KEY_EN}, {'language': 'pt-BR', 'deployment_key': KEY_PT}], record,
                 api='conversations', remove_legacy=True)
    conversations = run([address_result('create', ig(1), KEY_EN, 'WebChat en')], failed=True, msg='POST ... answered HTTP 500', unreached=0)
    legacy_entries = webchat_addresses_flex_flow_entries(found, conversations)
    assert legacy_entries == [dict(legacy('en'), known=dict(sid=fo(1), friendly_name='WebChat en', channel_type='web'))]
    flex_flows = run([flex_result('delete')])
    result = outcome(found, flex_flows, conversations)

    assert result['provisioned'] == [
        dict(language='en', api='conversations', sid=ig(1), friendly_name='WebChat en', address=KEY_EN, demo_url=None),
        dict(language='pt-BR', api='conversations', sid=None, friendly_name='WebChat pt-BR', address=None, demo_url=None),
    ]
    # en moved: its chat address is made and its legacy flow is gone; pt-BR failed: its legacy flow stays.
    assert result['record']['addresses'] == [
        dict(api='conversations', language='en', sid=ig(1), friendly_name='WebChat en', made=True, address=KEY_EN),
        dict(api='flex_flows', language='pt-BR', sid=fo(2), friendly_name='WebChat pt-BR', made=True),
    ]


# -- the connection variables ------------------------------------------------------------------------------------


def test_connection_variables_one_per_credential_then_one_url_per_product_then_edge_and_region():
    assert connection_variables() == connection_variables('webchat_addresses') == [
        'webchat_addresses_account_sid', 'webchat_addresses_auth_token', 'webchat_addresses_api_key', 'webchat_addresses_api_secret',
        'webchat_addresses_flex_api_url', 'webchat_addresses_studio_api_url', 'webchat_addresses_conversations_api_url',
        'webchat_addresses_sync_api_url', 'webchat_addresses_edge', 'webchat_addresses_region']
    assert connection_variables('other')[0] == 'other_account_sid'


def test_connection_options_keep_only_what_the_site_sets():
    values = ['AC' + '0' * 32, 's3cret', '', None, 'https://flex.example.test', '', 'https://conversations.example.test', '', 'sydney', '']

    assert connection_options(values) == dict(account_sid='AC' + '0' * 32, auth_token='s3cret', flex_api_url='https://flex.example.test',
                                              conversations_api_url='https://conversations.example.test', edge='sydney')
    assert connection_options([''] * 10) == {}
    assert connection_options([''] * 9 + ['us1']) == dict(region='us1')


def argument_specs_text():
    with open(os.path.join(ROLE, 'meta', 'argument_specs.yml')) as handle:
        return handle.read()


def test_the_role_argument_spec_has_exactly_one_variable_per_connection_variable():
    text = argument_specs_text()
    options = yaml.safe_load(text)['argument_specs']['main']['options']
    secrets = dict(('webchat_addresses_%s' % option, secret) for option, env, secret in CREDENTIALS)

    for name in connection_variables('webchat_addresses'):
        # Once in the text: YAML would let a second definition silently replace the first.
        assert len(re.findall(r'^      %s:$' % name, text, re.MULTILINE)) == 1, name
        option = options[name]
        assert option['type'] == 'str', name
        assert option.get('no_log', False) is secrets.get(name, False), name
        # No default: what the site leaves unset must fall back to module_defaults and TWILIO_*.
        assert 'default' not in option, name
    connection_like = [name for name in options
                       if name.endswith('_api_url') or name in ['webchat_addresses_%s' % option for option, env, secret in CREDENTIALS]
                       or name in ['webchat_addresses_%s' % option for option, env in LOCATION]]
    assert sorted(connection_like) == sorted(connection_variables('webchat_addresses'))


@pytest.mark.parametrize('product', PRODUCTS, ids=[product.key for product in PRODUCTS])
def test_the_role_documents_each_products_default_url_and_environment_variable(product):
    option = yaml.safe_load(argument_specs_text())['argument_specs']['main']['options'][product.role_variable('webchat_addresses')]
    text = ' '.join(option['description'])

    assert 'E(%s)' % product.env in text
    assert 'V(%s)' % product.default in text


@pytest.mark.parametrize('option, env', LOCATION, ids=[option for option, env in LOCATION])
def test_the_role_documents_the_edge_and_regions_environment_variable(option, env):
    option = yaml.safe_load(argument_specs_text())['argument_specs']['main']['options']['webchat_addresses_%s' % option]

    assert 'E(%s)' % env in ' '.join(option['description'])


def test_the_role_defaults_set_no_connection_variable():
    with open(os.path.join(ROLE, 'defaults', 'main.yml')) as handle:
        defaults = yaml.safe_load(handle) or {}

    assert [name for name in connection_variables('webchat_addresses') if name in defaults] == []
