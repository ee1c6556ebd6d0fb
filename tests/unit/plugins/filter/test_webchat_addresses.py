# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The webchat_addresses_* filters: the role's input checks, its plan of addresses once the
account is read, and the purge selection. The role's integration target runs them in playbooks;
here every case is checked on its own, message by message."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.twilio_ops.flex.plugins.filter.webchat_addresses import (
    FilterModule,
    webchat_addresses_input,
    webchat_addresses_plan,
    webchat_addresses_unlisted,
)

CHAT = 'IS' + 'a' * 32
FLOW = 'FW' + 'b' * 32
OTHER_FLOW = 'FW' + 'c' * 32
ACCOUNT = {
    'chat_service_sid': CHAT,
    'studio_flows': [
        {'sid': FLOW, 'friendly_name': 'Webchat Flow'},
        {'sid': OTHER_FLOW, 'friendly_name': 'Webchat Flow PT'},
        {'sid': 'FW' + 'd' * 32, 'friendly_name': 'Twin'},
        {'sid': 'FW' + 'e' * 32, 'friendly_name': 'Twin'},
    ],
}


def problems(languages, **settings):
    return webchat_addresses_input(languages, **settings)['problems']


def test_the_role_can_call_all_three():
    assert sorted(FilterModule().filters()) == ['webchat_addresses_input', 'webchat_addresses_plan', 'webchat_addresses_unlisted']


def test_good_input_has_no_problem_and_reads_what_it_names():
    found = webchat_addresses_input([{'language': 'en'}, {'language': 'pt-BR', 'studio_flow': 'Webchat Flow PT'},
                                     {'language': 'es', 'studio_flow': 'Webchat Flow'}])
    assert found == dict(problems=[], studio_flow_names=['Webchat Flow', 'Webchat Flow PT'],
                         account_reads=['configuration', 'studio_flows'])


@pytest.mark.parametrize('languages, settings, reads', [
    # The site names its chat service: the Flex Configuration is not read.
    ([{'language': 'en'}], dict(chat_service_sid=CHAT), ['studio_flows']),
    # Every language names its flow by SID: the Studio flows are not read.
    ([{'language': 'en', 'studio_flow_sid': FLOW}], {}, ['configuration']),
    ([{'language': 'en', 'studio_flow_sid': FLOW}], dict(chat_service_sid=CHAT), []),
])
def test_account_reads_skip_what_the_site_gives(languages, settings, reads):
    assert webchat_addresses_input(languages, **settings)['account_reads'] == reads


@pytest.mark.parametrize('languages, settings, expected', [
    ([{'language': 'en'}, {'language': 'es'}, {'language': 'en'}], {},
     ['language "en" is listed more than once (language codes are compared without case)']),
    ([{'language': 'pt-BR'}, {'language': 'pt-br'}], {},
     ['language "pt-br" is listed more than once (language codes are compared without case)']),
    ([{'language': 'EN_us'}], {},
     ['language "EN_us" is not a language code such as en or pt-BR'
      ' (2 or 3 lowercase letters, then optional -subtags of 2 to 8 letters or digits)']),
    # \Z, not $: a code from a YAML block scalar keeps its newline, and must not pass.
    ([{'language': 'en\n'}], {},
     ['language "en\\n" is not a language code such as en or pt-BR'
      ' (2 or 3 lowercase letters, then optional -subtags of 2 to 8 letters or digits)']),
    ([{'language': 'en', 'studio_flow': 'Webchat Flow', 'studio_flow_sid': FLOW}], {},
     ['language "en": set studio_flow (a name) or studio_flow_sid, not both']),
    ([{'language': 'en', 'studio_flow_sid': 'FO' + '0' * 32}], {},
     ['language "en": studio_flow_sid "FO%s" is a Flex Flow SID, expected a Studio Flow SID (FW followed by 32 hex digits)'
      % ('0' * 32)]),
    ([{'language': 'en', 'friendly_name': '  '}], {}, ['language "en": friendly_name must not be empty']),
    ([{'language': 'en', 'studio_flow': ''}], {}, ['language "en": studio_flow must not be empty']),
    ([{'language': 'en', 'friendly_name': 'Support'}, {'language': 'es', 'friendly_name': 'Support'}], {},
     ['language "es": the name "Support" is already used by another language']),
    # A given name may clash with another language's default one.
    ([{'language': 'en'}, {'language': 'es', 'friendly_name': 'WebChat en'}], {},
     ['language "es": the name "WebChat en" is already used by another language']),
    ([{'language': 'en'}], dict(studio_flow=''),
     ['language "en" names no Studio flow and webchat_addresses_studio_flow is empty']),
    ([{'language': 'en'}], dict(name_prefix=''), ['webchat_addresses_name_prefix must not be empty']),
    ([{'language': 'en'}], dict(name_prefix=None), ['webchat_addresses_name_prefix must not be empty']),
    ([{'language': 'en'}], dict(name_prefix=' WebChat'), ['webchat_addresses_name_prefix must not start or end with whitespace']),
    ([{'language': 'en'}], dict(chat_service_sid='IS123'),
     ['webchat_addresses_chat_service_sid "IS123" is not a Chat Service SID (IS followed by 32 hex digits)']),
    ([{'language': 'en'}], dict(account_sid='AC1'),
     ['webchat_addresses_account_sid "AC1" is not an Account SID (AC followed by 32 hex digits)']),
    ([{'language': 'en'}], dict(api_key='SK' + '0' * 32),
     ['webchat_addresses_api_key and webchat_addresses_api_secret go together: set both or neither']),
    ([{'language': 'en'}], dict(api_secret_set=True),
     ['webchat_addresses_api_key and webchat_addresses_api_secret go together: set both or neither']),
    ([{'language': 'en'}], dict(flex_api_url='flex-api.twilio.com'),
     ['webchat_addresses_flex_api_url must be an http:// or https:// URL']),
    ([{'language': 'en'}], dict(studio_api_url='ftp://studio.twilio.com'),
     ['webchat_addresses_studio_api_url must be an http:// or https:// URL']),
    # Every problem is reported at once, the site's settings first.
    ([{'language': 'EN'}, {'language': 'es', 'studio_flow': 'Webchat Flow', 'studio_flow_sid': FLOW}], dict(name_prefix=''),
     ['webchat_addresses_name_prefix must not be empty',
      'language "EN" is not a language code such as en or pt-BR'
      ' (2 or 3 lowercase letters, then optional -subtags of 2 to 8 letters or digits)',
      'language "es": set studio_flow (a name) or studio_flow_sid, not both']),
])
def test_each_input_problem_is_named(languages, settings, expected):
    assert problems(languages, **settings) == expected


def test_set_empty_or_null_settings_count_as_not_set():
    # The role passes what the site leaves unset as null, and a site may set '' to mean "not set".
    assert problems([{'language': 'en'}], chat_service_sid='', account_sid=None, api_key='', flex_api_url='',
                    studio_api_url=None) == []
    assert problems([{'language': 'en'}], api_key='SK' + '0' * 32, api_secret_set=True,
                    flex_api_url='http://127.0.0.1:8642/flex-api', studio_api_url='https://studio.twilio.com') == []


@pytest.mark.parametrize('secret', ['sk-live-0123456789', 'hunter2'])
def test_a_secret_pasted_as_api_key_is_never_quoted(secret):
    found = problems([{'language': 'en'}], api_key=secret, api_secret_set=True)
    assert found == ['webchat_addresses_api_key is not an API Key SID (SK followed by 32 hex digits)']
    assert secret not in ' '.join(found)


@pytest.mark.parametrize('languages', [None, 'en', [{'language': 'en'}, 'fr']])
def test_languages_that_are_not_a_list_of_dicts_are_refused(languages):
    with pytest.raises(AnsibleFilterError, match='must be a list of dictionaries'):
        webchat_addresses_input(languages)


def test_plan_gives_one_address_per_language_in_order():
    languages = [
        {'language': 'en'},
        {'language': 'pt-BR', 'studio_flow': 'Webchat Flow PT', 'enabled': 'no', 'janitor_enabled': 'yes'},
        {'language': 'de', 'friendly_name': 'Deutsch', 'studio_flow_sid': OTHER_FLOW, 'long_lived': False},
    ]
    plan = webchat_addresses_plan(languages, ACCOUNT)
    assert plan['problems'] == []
    assert plan['chat_service_sid'] == CHAT
    assert plan['addresses'] == [
        dict(language='en', friendly_name='WebChat en', chat_service_sid=CHAT, flow_sid=FLOW, enabled=True,
             janitor_enabled=None, long_lived=None),
        dict(language='pt-BR', friendly_name='WebChat pt-BR', chat_service_sid=CHAT, flow_sid=OTHER_FLOW, enabled=False,
             janitor_enabled=True, long_lived=None),
        dict(language='de', friendly_name='Deutsch', chat_service_sid=CHAT, flow_sid=OTHER_FLOW, enabled=True,
             janitor_enabled=None, long_lived=False),
    ]


def test_plan_uses_the_chat_service_the_site_gives_and_reads_nothing_else():
    # Nothing was read: the read task was skipped, and its result says only that.
    plan = webchat_addresses_plan([{'language': 'en', 'studio_flow_sid': FLOW}], {'skipped': True}, chat_service_sid=CHAT,
                                  name_prefix='Chat')
    assert plan == dict(problems=[], chat_service_sid=CHAT, addresses=[
        dict(language='en', friendly_name='Chat en', chat_service_sid=CHAT, flow_sid=FLOW, enabled=True,
             janitor_enabled=None, long_lived=None)])


def test_plan_names_every_name_it_cannot_resolve_and_the_account_flows():
    plan = webchat_addresses_plan([{'language': 'en', 'studio_flow': 'No Such Flow'}, {'language': 'es', 'studio_flow': 'Twin'},
                                   {'language': 'fr'}], ACCOUNT)
    assert plan['addresses'] == []
    assert plan['problems'] == [
        'no Studio flow is named "No Such Flow"',
        '2 Studio flows are named "Twin" (FW%s, FW%s): rename them, or give the language a studio_flow_sid' % ('d' * 32, 'e' * 32),
        'the account has: Twin, Twin, Webchat Flow, Webchat Flow PT',
    ]


def test_plan_stops_when_the_account_has_no_chat_service():
    plan = webchat_addresses_plan([{'language': 'en'}], dict(ACCOUNT, chat_service_sid=None))
    assert plan == dict(problems=["the site's Flex Configuration has no chat_service_instance_sid"
                                  ' (is Flex set up on this account?): set webchat_addresses_chat_service_sid'],
                        chat_service_sid=None, addresses=[])


def test_plan_of_an_account_without_flows_says_so():
    plan = webchat_addresses_plan([{'language': 'en'}], dict(chat_service_sid=CHAT, studio_flows=[]))
    assert plan['problems'] == ['no Studio flow is named "Webchat Flow"', 'the account has: ']


def web(sid_letter, name, channel_type='web'):
    return {'sid': 'FO' + sid_letter * 32, 'friendly_name': name, 'channel_type': channel_type}


def test_unlisted_picks_only_prefix_and_language_code_names_of_unlisted_languages():
    flows = [
        web('1', 'WebChat en'),            # listed
        web('2', 'WebChat fr'),            # unlisted: picked
        web('3', 'WebChat PT-br'),         # not a language code (uppercase language)
        web('4', 'WebChat Sales fr'),      # longer prefix: "Sales fr" is not a language code
        web('5', 'Flex Web Channel'),      # hand-made
        web('6', 'WebChat de', 'sms'),     # another channel type
        web('7', 'WebChat ES'),            # not a language code
        web('8', 'WebChat es-MX'),         # unlisted: picked
        web('9', 'WebChat it'),            # a listed language uses this name
        web('a', 'WebChat pt-br'),         # listed, compared without case
        web('b', 'WebChatfr'),             # no space after the prefix
        {'sid': 'FO' + 'c' * 32, 'friendly_name': None, 'channel_type': 'web'},
    ]
    addresses = [dict(language='en', friendly_name='WebChat en'), dict(language='pt-BR', friendly_name='WebChat pt-BR'),
                 dict(language='nl', friendly_name='WebChat it')]
    assert webchat_addresses_unlisted(flows, addresses) == [
        dict(sid='FO' + '2' * 32, friendly_name='WebChat fr'),
        dict(sid='FO' + '8' * 32, friendly_name='WebChat es-MX'),
    ]


def test_unlisted_follows_the_prefix():
    flows = [web('1', 'WebChat fr'), web('2', 'Chat fr')]
    assert webchat_addresses_unlisted(flows, [], name_prefix='Chat') == [dict(sid='FO' + '2' * 32, friendly_name='Chat fr')]
    assert webchat_addresses_unlisted([], []) == []
