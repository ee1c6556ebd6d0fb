# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_resolve: Studio flow names into SIDs, and the chat service a new address gets, from what one
account read returned (no client)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import chat_service_sid, quoted, studio_flow_sids
from ansible_collections.twilio_ops.flex.tests.unit.canned import CHAT_SERVICE_SID, STUDIO_SID, STUDIO_SID_2, studio_flow


def test_quoted_shows_escapes():
    assert quoted('WebChat en') == '"WebChat en"'
    assert quoted('en\n') == '"en\\n"'


def test_quoted_shortens_a_long_text_to_its_start_and_end():
    assert quoted('x' * 64) == '"%s"' % ('x' * 64)
    assert quoted('a' * 40 + 'b' * 25 + 'c' * 12) == '"%s...%s"' % ('a' * 40, 'c' * 12)
    assert quoted('\u00e9' * 70) == '"%s...%s"' % ('\\u00e9' * 40, '\\u00e9' * 12)
    assert quoted(300) == '300'


def test_a_name_that_matches_one_published_flow():
    flows = [studio_flow(STUDIO_SID_2, 'Sales'), studio_flow()]
    assert studio_flow_sids(['Webchat Flow'], flows, 'integration.flow_sid') == ({'Webchat Flow': STUDIO_SID}, [], [])


def test_names_match_exactly_and_every_problem_is_listed():
    flows = [studio_flow(STUDIO_SID_2, 'Sales'), studio_flow(name='Support')]
    sids, problems, warnings = studio_flow_sids(['webchat flow', 'Sales', 'Nope'], flows, 'integration.flow_sid')

    assert sids == {'Sales': STUDIO_SID_2}
    assert problems == ['no Studio flow is named "webchat flow"; the account has: "Sales", "Support"',
                        'no Studio flow is named "Nope"; the account has: "Sales", "Support"']
    assert warnings == []


def test_an_account_without_flows_says_so():
    assert studio_flow_sids(['Webchat Flow'], [], 'x')[1] == ['no Studio flow is named "Webchat Flow"; the account has: no Studio flow at all']


def test_names_in_the_message_are_capped_at_twenty():
    flows = [studio_flow('FW%032x' % number, 'Flow %02d' % number) for number in range(25)]
    problem = studio_flow_sids(['Webchat Flow'], flows, 'x')[1][0]

    assert problem.endswith('"Flow 18", "Flow 19", ... (5 more)')
    assert 'Flow 20' not in problem


def test_several_flows_with_the_name_list_their_sids_and_the_option_to_use():
    flows = [studio_flow(), studio_flow(STUDIO_SID_2)]
    assert studio_flow_sids(['Webchat Flow'], flows, 'auto_creation.studio_flow_sid') == ({}, [
        '2 Studio flows are named "Webchat Flow" (%s, %s): rename them, or give the one you mean by SID in '
        'auto_creation.studio_flow_sid' % (STUDIO_SID, STUDIO_SID_2)], [])


def test_a_draft_flow_is_used_with_a_warning():
    sids, problems, warnings = studio_flow_sids(['Webchat Flow'], [studio_flow(status='draft')], 'x')

    assert sids == {'Webchat Flow': STUDIO_SID}
    assert problems == []
    assert warnings == ['Studio flow "Webchat Flow" (%s) is draft, not published: chats will not route to it until it is published'
                        % STUDIO_SID]


def test_chat_service_found_in_the_configuration():
    assert chat_service_sid(CHAT_SERVICE_SID, 'the configuration', 'chat_service_sid') == (CHAT_SERVICE_SID, None)


def test_no_chat_service_says_where_it_looked_and_which_option_to_set():
    for found in (None, '', 'IS123', 'FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 5):
        assert chat_service_sid(found, "the account's Flex Configuration (chat_service_instance_sid)", 'chat_service_sid') == (
            None, "the account's Flex Configuration (chat_service_instance_sid) names no chat service (is Flex set up on this account?): "
                  'set chat_service_sid')
