# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""flex_flows, the set module over Flex Flows (_resource_set.ResourceSet with FlexFlows), against
replayed HTTP: one read of the account, every refusal before any write, per-entry results, the
diff list, ownership and purge, known_sid and ignore_case. The rules of one flow (validation,
comparison, refusals) are flex_flow's, specified in test_flex_flow.py; pacing is in test_api_retries.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import flex_flows
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ACCOUNT_SID,
    CHAT_SERVICE_SID,
    FLOW_SID,
    FLOW_SID_2,
    STUDIO_NAME,
    STUDIO_SID,
    STUDIO_SID_2,
    create_flex_flow,
    delete_flex_flow,
    flex_flow,
    get_configuration,
    list_flex_flows,
    list_studio_flows,
    studio_flow,
    twilio_error,
    update_flex_flow,
)

FLOW_SID_3 = 'FO33333333333333333333333333333333'
FLOW_SID_4 = 'FO44444444444444444444444444444444'
FLOW_SID_5 = 'FO55555555555555555555555555555555'
STUDIO_LIST = list_studio_flows([studio_flow(), studio_flow(STUDIO_SID_2, 'Sales')])


MODULE = flex_flows


def entry(name, **options):
    """An entry on the Studio flow "Webchat Flow", by name."""
    return dict(dict(friendly_name=name, studio_flow=STUDIO_NAME), **options)


def web(sid, name, **overrides):
    """A web flow on the Studio flow "Webchat Flow"."""
    return flex_flow(sid=sid, name=name, **overrides)


def create_form(name, **fields):
    form = {'FriendlyName': name, 'ChatServiceSid': CHAT_SERVICE_SID, 'ChannelType': 'web', 'IntegrationType': 'studio',
            'Integration.FlowSid': STUDIO_SID}
    form.update(fields)
    return form


def owned(sid, name, channel_type='web'):
    return dict(sid=sid, friendly_name=name, channel_type=channel_type)


def operations(result):
    return [(item['operation'], item['flex_flow'].get('sid'), item['flex_flow'].get('friendly_name')) for item in result['results']]


def methods(replay):
    return [(request['method'], request['url'].rsplit('/', 2)[-1]) for request in replay.requests]


# -- one read of the account --------------------------------------------------------------------------


def test_converged_entries_cost_one_studio_list_and_one_flex_flow_list_and_no_write(run):
    existing = [web(FLOW_SID, 'WebChat en'), web(FLOW_SID_2, 'WebChat fr'), web(FLOW_SID_3, 'WebChat de')]
    args = dict(entries=[entry('WebChat en'), entry('WebChat fr'), entry('WebChat de')])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows(existing)], diff=True)

    assert not failed, result
    assert result['changed'] is False
    assert operations(result) == [('none', FLOW_SID, 'WebChat en'), ('none', FLOW_SID_2, 'WebChat fr'), ('none', FLOW_SID_3, 'WebChat de')]
    assert [item['changed'] for item in result['results']] == [False] * 3
    assert [item['demo_url'] for item in result['results']] == [
        'https://demo.flex.twilio.com/chat?accountSid=%s&flexFlowSid=%s' % (ACCOUNT_SID, sid) for sid in (FLOW_SID, FLOW_SID_2, FLOW_SID_3)]
    assert result['diff'] == []
    assert (result['purged'], result['kept'], result['owned']) == ([], [], [])
    assert methods(replay) == [('GET', 'Flows'), ('GET', 'FlexFlows')]
    # The whole account, in one read: no name filter.
    assert replay.requests[1]['params'] == {'PageSize': 1000}


def test_entries_by_sid_cost_no_studio_list(run):
    args = dict(entries=[dict(friendly_name='WebChat en', integration=dict(flow_sid=STUDIO_SID)), dict(sid=FLOW_SID_2, enabled=True)])
    result, failed, replay = run(args, [list_flex_flows([web(FLOW_SID, 'WebChat en'), web(FLOW_SID_2, 'WebChat fr')])])

    assert not failed, result
    assert operations(result) == [('none', FLOW_SID, 'WebChat en'), ('none', FLOW_SID_2, 'WebChat fr')]
    assert methods(replay) == [('GET', 'FlexFlows')]


def test_results_follow_the_entries_and_the_configuration_is_read_once_for_every_create(run):
    existing = [web(FLOW_SID, 'WebChat en'), web(FLOW_SID_2, 'WebChat fr', enabled=False), web(FLOW_SID_3, 'WebChat it')]
    args = dict(entries=[entry('WebChat de'), entry('WebChat en'), entry('WebChat fr', enabled=True), entry('WebChat es'),
                         dict(friendly_name='WebChat it', state='absent')])
    calls = [STUDIO_LIST, list_flex_flows(existing), get_configuration(),
             create_flex_flow(create_form('WebChat de'), web(FLOW_SID_4, 'WebChat de')),
             update_flex_flow({'Enabled': 'true'}, web(FLOW_SID_2, 'WebChat fr'), sid=FLOW_SID_2),
             create_flex_flow(create_form('WebChat es'), web(FLOW_SID_5, 'WebChat es')),
             delete_flex_flow(FLOW_SID_3)]
    result, failed, replay = run(args, calls)

    assert not failed, result
    assert result['changed'] is True
    assert [(item['operation'], item['changed']) for item in result['results']] == [
        ('create', True), ('none', False), ('update', True), ('create', True), ('delete', True)]
    assert [item['flex_flow'].get('sid') for item in result['results']] == [FLOW_SID_4, FLOW_SID, FLOW_SID_2, FLOW_SID_5, None]
    assert result['results'][4]['flex_flow'] == {}
    assert 'demo_url' not in result['results'][4]
    # What it created is owned from now on, with what purge will compare.
    assert result['owned'] == [owned(FLOW_SID_4, 'WebChat de'), owned(FLOW_SID_5, 'WebChat es')]
    assert result['purged'] == []


def test_the_configuration_is_not_read_when_every_create_names_its_chat_service(run):
    args = dict(entries=[entry('WebChat de', chat_service_sid=CHAT_SERVICE_SID)])
    calls = [STUDIO_LIST, list_flex_flows([]), create_flex_flow(create_form('WebChat de'), web(FLOW_SID, 'WebChat de'))]
    result, failed, replay = run(args, calls)

    assert not failed, result
    assert methods(replay) == [('GET', 'Flows'), ('GET', 'FlexFlows'), ('POST', 'FlexFlows')]


def test_a_create_without_a_chat_service_anywhere_is_refused_without_a_write(run):
    calls = [STUDIO_LIST, list_flex_flows([]), get_configuration(None)]
    result, failed, replay = run(dict(entries=[entry('WebChat de'), entry('WebChat es')]), calls)

    assert failed
    problem = ("the account's Flex Configuration (chat_service_instance_sid) names no chat service (is Flex set up on this account?): "
               'set chat_service_sid')
    assert result['msg'] == 'Nothing was written: entry 1 "WebChat de": %s; entry 2 "WebChat es": %s' % (problem, problem)
    # The configuration is read once, however many creates need it.
    assert methods(replay) == [('GET', 'Flows'), ('GET', 'FlexFlows'), ('GET', 'Configuration')]


def test_an_empty_set_reads_the_account_and_changes_nothing(run):
    result, failed, replay = run(dict(entries=[]), [list_flex_flows([web(FLOW_SID, 'WebChat en')])])

    assert not failed, result
    assert result == dict(changed=False, results=[], purged=[], kept=[], owned=[], retries=[])


# -- check mode and diff ------------------------------------------------------------------------------


def test_check_mode_predicts_every_entry_and_writes_nothing(run):
    existing = [web(FLOW_SID, 'WebChat fr', enabled=False), web(FLOW_SID_2, 'WebChat it')]
    args = dict(entries=[entry('WebChat de'), entry('WebChat fr', enabled=True), dict(friendly_name='WebChat it', state='absent')],
                owned=[owned(FLOW_SID_2, 'WebChat it')])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows(existing), get_configuration()], check_mode=True)

    assert not failed, result
    assert result['changed'] is True
    assert [item['operation'] for item in result['results']] == ['create', 'update', 'delete']
    predicted = result['results'][0]['flex_flow']
    assert (predicted['sid'], predicted['account_sid'], predicted['friendly_name'], predicted['chat_service_sid']) == (
        None, ACCOUNT_SID, 'WebChat de', CHAT_SERVICE_SID)
    assert result['results'][1]['flex_flow'] == web(FLOW_SID, 'WebChat fr', enabled=True)
    # A flow to create has no SID yet: nothing to own. A flow to delete is owned no more.
    assert result['owned'] == []
    assert [request['method'] for request in replay.requests] == ['GET', 'GET', 'GET']


def test_diff_is_a_list_one_per_changed_flow_with_headers(run):
    existing = [web(FLOW_SID, 'WebChat en'), web(FLOW_SID_2, 'WebChat fr', enabled=False), web(FLOW_SID_3, 'WebChat it')]
    args = dict(entries=[entry('WebChat en'), entry('WebChat de', chat_service_sid=CHAT_SERVICE_SID), entry('WebChat fr', enabled=True),
                         dict(friendly_name='WebChat it', state='absent')])
    created = web(FLOW_SID_4, 'WebChat de')
    calls = [STUDIO_LIST, list_flex_flows(existing), create_flex_flow(create_form('WebChat de'), created),
             update_flex_flow({'Enabled': 'true'}, web(FLOW_SID_2, 'WebChat fr'), sid=FLOW_SID_2), delete_flex_flow(FLOW_SID_3)]
    result, failed, replay = run(args, calls, diff=True)

    assert not failed, result
    assert result['diff'] == [
        dict(before_header='"WebChat de" (absent)', after_header='"WebChat de" (%s, web): create' % FLOW_SID_4, before={}, after=created),
        dict(before_header='"WebChat fr" (%s, web)' % FLOW_SID_2, after_header='"WebChat fr" (%s, web): update' % FLOW_SID_2,
             before=dict(enabled=False), after=dict(enabled=True)),
        dict(before_header='"WebChat it" (%s, web)' % FLOW_SID_3, after_header='"WebChat it" (%s, web): delete' % FLOW_SID_3,
             before=web(FLOW_SID_3, 'WebChat it'), after={}),
    ]


def test_diff_in_check_mode_heads_a_create_by_its_name(run):
    args = dict(entries=[entry('WebChat de', chat_service_sid=CHAT_SERVICE_SID)])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows([])], check_mode=True, diff=True)

    assert not failed, result
    assert [(item['before_header'], item['after_header'], item['before']) for item in result['diff']] == [
        ('"WebChat de" (absent)', '"WebChat de": create', {})]
    assert result['diff'][0]['after'] == result['results'][0]['flex_flow']


def test_no_diff_without_diff_mode(run):
    calls = [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat fr', enabled=False)]),
             update_flex_flow({'Enabled': 'true'}, web(FLOW_SID, 'WebChat fr'))]
    result, failed, replay = run(dict(entries=[entry('WebChat fr', enabled=True)]), calls)

    assert not failed, result
    assert 'diff' not in result


# -- refusals: every reason, nothing written --------------------------------------------------------------


def test_invalid_entries_and_duplicates_fail_before_any_request_with_every_reason(run):
    args = dict(entries=[entry('WebChat en'), entry('WebChat en'), entry(' WebChat fr'), dict(friendly_name='WebChat de', integration=dict(retry_count=9)),
                         dict(sid=FLOW_SID, enabled=True), dict(sid=FLOW_SID, enabled=False)],
                owned=[owned('FO1', 'WebChat it')])
    result, failed, replay = run(args, [])

    assert failed
    assert result['msg'] == (
        'Invalid input, nothing was sent to Twilio: '
        'entry 3 " WebChat fr": friendly_name " WebChat fr" must not start or end with white space (Twilio keeps it, and lookups by '
        'name would miss it); '
        'entry 4 "WebChat de": integration.retry_count must be between 0 and 3, got 9; '
        'entry 1 "WebChat en" and entry 2 "WebChat en" name the same Flex Flow; '
        'entry 5 %s and entry 6 %s name the same Flex Flow; '
        'owned sid "FO1" is not a Flex Flow SID (FO followed by 32 hex digits)' % (FLOW_SID, FLOW_SID))
    assert replay.requests == []
    assert result['results'] == [] and result['changed'] is False


def test_an_entry_past_a_limit_twilio_documents_fails_the_run_before_any_request_and_a_long_name_is_shortened(run):
    # Twilio documents no length for a Flex Flow's name, but 0 to 3 retries; the entry is named by a
    # shortened form of its 300-character name, not the whole of it.
    long_name = 'WebChat fr ' + 'x' * 289
    args = dict(entries=[entry('WebChat de'), entry(long_name, integration=dict(retry_count=4))])
    result, failed, replay = run(args, [])

    assert failed
    assert result['msg'] == ('Invalid input, nothing was sent to Twilio: entry 2 "WebChat fr xxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxx": '
                             'integration.retry_count must be between 0 and 3, got 4')
    assert replay.requests == []


def test_refusals_after_the_reads_fail_the_whole_run_with_every_reason_and_no_write(run):
    sms = web(FLOW_SID_2, 'WebChat fr', channel_type='sms')
    twins = [web(FLOW_SID_3, 'WebChat de'), web(FLOW_SID_4, 'WebChat de')]
    args = dict(entries=[entry('WebChat en', enabled=False), entry('WebChat fr', channel_type='web'), entry('WebChat es', studio_flow='Nope'),
                         entry('WebChat de'), entry('WebChat it')])
    calls = [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat en')] + [sms] + twins), get_configuration()]
    result, failed, replay = run(args, calls)

    assert failed
    assert result['msg'] == (
        'Nothing was written: '
        'entry 3 "WebChat es": studio_flow: no Studio flow is named "Nope"; the account has: "Sales", "Webchat Flow"; '
        'entry 2 "WebChat fr": "WebChat fr" (%s, sms) has channel_type "sms", not "web": that cannot be changed on an existing Flex Flow; '
        'if it is the flow you mean, delete it (state=absent) and create it again; if it is someone else\'s (an SMS number, say), give '
        'yours another name; '
        'entry 4 "WebChat de": 2 Flex Flows have this friendly_name ("WebChat de" (%s, web), "WebChat de" (%s, web)); '
        'name the one you mean by sid' % (FLOW_SID_2, FLOW_SID_3, FLOW_SID_4))
    assert [request['method'] for request in replay.requests] == ['GET', 'GET', 'GET']
    assert result['results'] == [] and result['changed'] is False


def test_two_entries_that_reach_one_flow_are_refused(run):
    # By name, and by the known flow of another entry.
    args = dict(entries=[entry('WebChat en'), entry('WebChat pt', known=owned(FLOW_SID, 'WebChat en'))])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat en')])])

    assert failed
    assert result['msg'] == ('Nothing was written: entry 2 "WebChat pt": entry 1 "WebChat en" and this entry both mean '
                             '"WebChat en" (%s, web)' % FLOW_SID)


def flows(count):
    return [web('FO%032x' % number, 'Flow %d' % number) for number in range(count)]


def test_a_run_that_would_pass_2500_flows_is_refused(run):
    args = dict(entries=[entry('WebChat en', chat_service_sid=CHAT_SERVICE_SID)])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows(flows(2500))])

    assert failed
    assert result['msg'] == 'Nothing was written: this run would leave 2501 Flex Flows in the account; Twilio allows 2500'
    assert [request['method'] for request in replay.requests] == ['GET', 'GET']


def test_a_create_that_a_delete_makes_room_for_is_allowed(run):
    args = dict(entries=[entry('WebChat en', chat_service_sid=CHAT_SERVICE_SID), dict(friendly_name='Flow 7', state='absent')])
    calls = [STUDIO_LIST, list_flex_flows(flows(2500)), create_flex_flow(create_form('WebChat en'), web(FLOW_SID, 'WebChat en')),
             delete_flex_flow('FO%032x' % 7)]
    result, failed, replay = run(args, calls)

    assert not failed, result
    assert [item['operation'] for item in result['results']] == ['create', 'delete']


def test_an_account_already_past_the_cap_may_still_update_and_delete(run):
    args = dict(entries=[entry('Flow 1', enabled=False)])
    disabled = web('FO%032x' % 1, 'Flow 1', enabled=False)
    calls = [STUDIO_LIST, list_flex_flows(flows(2501)), update_flex_flow({'Enabled': 'false'}, disabled, sid=disabled['sid'])]
    result, failed, replay = run(args, calls)

    assert not failed, result
    assert result['results'][0]['operation'] == 'update'


# -- ownership and purge -------------------------------------------------------------------------------------


def test_purge_deletes_only_owned_flows_no_entry_claims(run):
    existing = [web(FLOW_SID, 'WebChat en'), web(FLOW_SID_2, 'WebChat it'), web(FLOW_SID_3, 'WebChat fr')]
    args = dict(entries=[entry('WebChat en')], purge=True,
                # WebChat fr has a name like the role's, but was never recorded as made: it stays.
                owned=[owned(FLOW_SID, 'WebChat en'), owned(FLOW_SID_2, 'WebChat it')])
    calls = [STUDIO_LIST, list_flex_flows(existing), delete_flex_flow(FLOW_SID_2)]
    result, failed, replay = run(args, calls, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert operations(result) == [('none', FLOW_SID, 'WebChat en')]
    assert result['purged'] == [dict(sid=FLOW_SID_2, operation='delete', resource=web(FLOW_SID_2, 'WebChat it'))]
    assert result['owned'] == [owned(FLOW_SID, 'WebChat en')]
    assert result['kept'] == []
    assert [item['after_header'] for item in result['diff']] == ['"WebChat it" (%s, web): delete' % FLOW_SID_2]


def test_without_purge_owned_flows_are_kept_and_still_owned(run):
    existing = [web(FLOW_SID, 'WebChat en'), web(FLOW_SID_2, 'WebChat it')]
    args = dict(entries=[entry('WebChat en')], owned=[owned(FLOW_SID_2, 'WebChat it')])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows(existing)])

    assert not failed, result
    assert result['changed'] is False
    assert result['purged'] == []
    assert result['owned'] == [owned(FLOW_SID_2, 'WebChat it')]


def test_purge_in_check_mode_predicts_and_deletes_nothing(run):
    args = dict(entries=[], purge=True, owned=[owned(FLOW_SID_2, 'WebChat it')])
    result, failed, replay = run(args, [list_flex_flows([web(FLOW_SID_2, 'WebChat it')])], check_mode=True)

    assert not failed, result
    assert result['changed'] is True
    assert [item['sid'] for item in result['purged']] == [FLOW_SID_2]
    assert [request['method'] for request in replay.requests] == ['GET']


def test_an_owned_flow_changed_by_hand_is_kept_with_a_warning(run):
    existing = [web(FLOW_SID, 'WebChat it (old)'), web(FLOW_SID_2, 'WebChat de', channel_type='sms')]
    args = dict(entries=[], purge=True, owned=[owned(FLOW_SID, 'WebChat it'), owned(FLOW_SID_2, 'WebChat de')])
    result, failed, replay = run(args, [list_flex_flows(existing)])

    assert not failed, result
    assert result['changed'] is False
    assert result['purged'] == []
    reasons = ['made by this collection, but its %s changed since (by hand?); left as it is, delete it yourself if it should go' % field
               for field in ('friendly_name', 'channel_type')]
    assert result['kept'] == [dict(sid=FLOW_SID, reason=reasons[0], resource=existing[0]),
                              dict(sid=FLOW_SID_2, reason=reasons[1], resource=existing[1])]
    assert replay.warnings == ['purge: "WebChat it (old)" (%s, web) was %s' % (FLOW_SID, reasons[0]),
                               'purge: "WebChat de" (%s, sms) was %s' % (FLOW_SID_2, reasons[1])]
    # Still owned: a later run may purge it once it is as it was made.
    assert result['owned'] == args['owned']
    assert [request['method'] for request in replay.requests] == ['GET']


@pytest.mark.parametrize('item, missing', [(dict(sid=FLOW_SID), 'channel_type, friendly_name'),
                                           (dict(sid=FLOW_SID, friendly_name='Support SMS'), 'channel_type')])
def test_an_owned_flow_must_be_recorded_with_its_name_and_channel(item, missing, run):
    # Purge compares what the record says with the flow: a record that says nothing would prove nothing.
    result, failed, replay = run(dict(entries=[], purge=True, owned=[item]), [])

    assert failed
    assert result['msg'] == 'missing required arguments: %s found in owned' % missing
    assert replay.requests == []


def test_owned_flows_that_no_longer_exist_are_dropped_from_owned(run):
    args = dict(entries=[entry('WebChat en')], owned=[owned(FLOW_SID, 'WebChat en'), owned(FLOW_SID_2, 'WebChat gone')])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat en')])])

    assert not failed, result
    assert result['changed'] is False
    assert result['owned'] == [owned(FLOW_SID, 'WebChat en')]


def test_an_owned_flow_renamed_by_its_entry_is_owned_under_its_new_name(run):
    args = dict(entries=[entry('WebChat pt-BR', known=owned(FLOW_SID, 'WebChat pt'))], owned=[owned(FLOW_SID, 'WebChat pt')])
    calls = [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat pt')]),
             update_flex_flow({'FriendlyName': 'WebChat pt-BR'}, web(FLOW_SID, 'WebChat pt-BR'))]
    result, failed, replay = run(args, calls)

    assert not failed, result
    assert result['owned'] == [owned(FLOW_SID, 'WebChat pt-BR')]


def test_a_flow_updated_but_not_made_here_is_not_owned(run):
    calls = [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat en', enabled=False)]),
             update_flex_flow({'Enabled': 'true'}, web(FLOW_SID, 'WebChat en'))]
    result, failed, replay = run(dict(entries=[entry('WebChat en', enabled=True)]), calls)

    assert not failed, result
    assert result['owned'] == []


def test_a_create_answered_without_the_flow_fails_and_still_returns_what_was_made_before(run):
    # A proxy's (or a broken) answer to the second create: the first flow stays owned, so a record keeps it.
    args = dict(entries=[entry('WebChat en', chat_service_sid=CHAT_SERVICE_SID), entry('WebChat fr', chat_service_sid=CHAT_SERVICE_SID)])
    calls = [STUDIO_LIST, list_flex_flows([]), create_flex_flow(create_form('WebChat en'), web(FLOW_SID, 'WebChat en')),
             create_flex_flow(create_form('WebChat fr'), [])]
    result, failed, replay = run(args, calls)

    assert failed
    assert result['msg'].startswith('POST /v1/FlexFlows: the answer is not a JSON object with a Flex Flow SID (FO...) as Twilio sends; ')
    assert operations(result) == [('create', FLOW_SID, 'WebChat en')]
    assert result['owned'] == [owned(FLOW_SID, 'WebChat en')]
    assert result['unreached'] == 0


def test_an_unexpected_error_after_a_create_still_returns_what_was_made(monkeypatch, run):
    # A defect in the collection must not lose the flows made before it: the role records them from owned.
    def broken(self, resource):
        if resource.get('friendly_name') == 'WebChat fr':
            raise KeyError('demo_url')
        return {}
    monkeypatch.setattr(flex_flows.FlexFlows, 'describe', broken)
    args = dict(entries=[entry('WebChat en', chat_service_sid=CHAT_SERVICE_SID), entry('WebChat fr', chat_service_sid=CHAT_SERVICE_SID)])
    calls = [STUDIO_LIST, list_flex_flows([]), create_flex_flow(create_form('WebChat en'), web(FLOW_SID, 'WebChat en')),
             create_flex_flow(create_form('WebChat fr'), web(FLOW_SID_2, 'WebChat fr'))]
    result, failed, replay = run(args, calls)

    assert failed
    assert result['msg'] == "unexpected error, please report it: KeyError: 'demo_url'"
    assert 'Traceback' in result['exception']
    assert result['owned'] == [owned(FLOW_SID, 'WebChat en'), owned(FLOW_SID_2, 'WebChat fr')]
    assert operations(result) == [('create', FLOW_SID, 'WebChat en')]


# -- known --------------------------------------------------------------------------------------------------


def test_a_known_flow_still_as_recorded_is_renamed_in_place(run):
    args = dict(entries=[entry('WebChat pt-BR', known=owned(FLOW_SID, 'WebChat pt'))])
    calls = [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat pt'), web(FLOW_SID_2, 'WebChat en')]),
             update_flex_flow({'FriendlyName': 'WebChat pt-BR'}, web(FLOW_SID, 'WebChat pt-BR'))]
    result, failed, replay = run(args, calls, diff=True)

    assert not failed, result
    assert operations(result) == [('update', FLOW_SID, 'WebChat pt-BR')]
    assert result['diff'][0]['before'] == dict(friendly_name='WebChat pt')


def test_a_known_flow_that_is_gone_falls_back_to_the_name(run):
    args = dict(entries=[entry('WebChat pt-BR', known=owned(FLOW_SID_2, 'WebChat pt'))])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat pt-BR')])])

    assert not failed, result
    assert operations(result) == [('none', FLOW_SID, 'WebChat pt-BR')]


def test_a_known_flow_that_is_gone_and_no_flow_by_name_creates(run):
    args = dict(entries=[entry('WebChat pt-BR', known=owned(FLOW_SID_2, 'WebChat pt'), chat_service_sid=CHAT_SERVICE_SID)])
    calls = [STUDIO_LIST, list_flex_flows([]), create_flex_flow(create_form('WebChat pt-BR'), web(FLOW_SID, 'WebChat pt-BR'))]
    result, failed, replay = run(args, calls)

    assert not failed, result
    assert operations(result) == [('create', FLOW_SID, 'WebChat pt-BR')]


def test_a_recorded_flow_that_vanished_is_made_anew_with_a_warning_naming_the_old_and_new_sid(run):
    # Web pages embed the SID: the operator must hear that it changed.
    args = dict(entries=[entry('WebChat pt-BR', known=owned(FLOW_SID_2, 'WebChat pt-BR'), chat_service_sid=CHAT_SERVICE_SID)])
    calls = [STUDIO_LIST, list_flex_flows([]), create_flex_flow(create_form('WebChat pt-BR'), web(FLOW_SID, 'WebChat pt-BR'))]
    result, failed, replay = run(args, calls)

    assert not failed, result
    assert result['results'][0]['replaces'] == FLOW_SID_2
    assert replay.warnings == ['entry 1 "WebChat pt-BR": the recorded Flex Flow %s is gone (deleted by hand?), so a new one was made, %s, '
                               'in its place: web pages that embed %s must be changed' % (FLOW_SID_2, FLOW_SID, FLOW_SID_2)]


def test_check_mode_says_a_vanished_recorded_flow_would_be_made_anew(run):
    args = dict(entries=[entry('WebChat pt-BR', known=owned(FLOW_SID_2, 'WebChat pt-BR'), chat_service_sid=CHAT_SERVICE_SID)])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows([])], check_mode=True)

    assert not failed, result
    assert result['results'][0]['replaces'] == FLOW_SID_2
    assert replay.warnings[0].startswith('entry 1 "WebChat pt-BR": the recorded Flex Flow %s is gone (deleted by hand?), so one would be made '
                                         'in its place' % FLOW_SID_2)


@pytest.mark.parametrize('check_mode', [False, True])
def test_twins_of_a_recorded_flow_are_reported_with_their_dates_and_left_alone(check_mode, run):
    # Two runs at once without a lock made "WebChat en" twice; the record knows one. The other is
    # reported in every run, check mode included, and never deleted (it is not owned).
    mine = web(FLOW_SID, 'WebChat en', date_created='2026-12-01T10:00:00Z')
    twin = web(FLOW_SID_2, 'WebChat en', date_created='2026-12-01T10:00:01Z')
    sms = web(FLOW_SID_3, 'WebChat en', channel_type='sms')
    args = dict(entries=[entry('WebChat en', known=owned(FLOW_SID, 'WebChat en'))], purge=True, owned=[owned(FLOW_SID, 'WebChat en')])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows([mine, twin, sms])], check_mode=check_mode)

    assert not failed, result
    assert result['results'][0]['duplicates'] == [dict(sid=FLOW_SID_2, friendly_name='WebChat en', channel_type='web',
                                                       date_created='2026-12-01T10:00:01Z')]
    assert result['purged'] == [] and result['changed'] is False
    assert replay.warnings == ['entry 1 "WebChat en": "WebChat en" (%s, web) has 1 twin(s) with the same friendly_name and channel_type: '
                               '%s created 2026-12-01T10:00:01Z; only %s is managed, and a twin is deleted only if this collection '
                               'recorded it as made' % (FLOW_SID, FLOW_SID_2, FLOW_SID)]


def test_absent_that_finds_nothing_says_why(run):
    args = dict(entries=[entry('WebChat it', state='absent'), entry('WebChat ko', state='absent', known=owned(FLOW_SID_2, 'WebChat ko'))])
    result, failed, replay = run(args, [list_flex_flows([web(FLOW_SID, 'WebChat en')])])

    assert not failed, result
    assert replay.warnings == [
        'entry 1 "WebChat it": state=absent found nothing to delete: no record of it, and no Flex Flow has this friendly_name',
        'entry 2 "WebChat ko": state=absent found nothing to delete: the recorded %s is gone, and no Flex Flow has this friendly_name'
        % FLOW_SID_2]


def test_a_rename_of_a_known_flow_onto_another_flows_name_is_refused(run):
    args = dict(entries=[entry('WebChat en', known=owned(FLOW_SID, 'WebChat pt'))])
    result, failed, replay = run(args, [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat pt'), web(FLOW_SID_2, 'WebChat en')])])

    assert failed
    assert result['msg'] == ('Nothing was written: entry 1 "WebChat en": "WebChat pt" (%s, web) cannot be renamed to "WebChat en": '
                             '"WebChat en" (%s, web) already has that friendly_name' % (FLOW_SID, FLOW_SID_2))


def test_a_known_sid_must_be_a_flex_flow_sid(run):
    result, failed, replay = run(dict(entries=[entry('WebChat en', known=owned(STUDIO_SID, 'WebChat en'))]), [])

    assert failed
    assert result['msg'] == ('Invalid input, nothing was sent to Twilio: entry 1 "WebChat en": known.sid "%s" is a Studio Flow SID, '
                             'expected a Flex Flow SID (FO followed by 32 hex digits)' % STUDIO_SID)


@pytest.mark.parametrize('state', ['present', 'absent'])
def test_a_known_flow_renamed_by_hand_is_left_alone_and_the_entry_found_by_name(state, run):
    # The record says "WebChat fr"; someone renamed it "Partner portal chat" since: it is theirs now.
    taken_over = web(FLOW_SID, 'Partner portal chat')
    args = dict(entries=[entry('WebChat fr', known=owned(FLOW_SID, 'WebChat fr'), state=state, chat_service_sid=CHAT_SERVICE_SID)])
    calls = [STUDIO_LIST, list_flex_flows([taken_over])]
    if state == 'present':
        calls = calls + [create_flex_flow(create_form('WebChat fr'), web(FLOW_SID_2, 'WebChat fr'))]
    result, failed, replay = run(args, calls[1:] if state == 'absent' else calls)

    assert not failed, result
    assert operations(result) == ([('create', FLOW_SID_2, 'WebChat fr')] if state == 'present' else [('none', None, None)])
    nothing = ['entry 1 "WebChat fr": state=absent found nothing to delete: the recorded %s was changed since, and is left alone, and no '
               'Flex Flow has this friendly_name' % FLOW_SID]
    assert replay.warnings == ['entry 1 "WebChat fr": "Partner portal chat" (%s, web) is recorded with another friendly_name (changed by '
                               'hand since?); it is left as it is, and the entry is looked up by friendly_name' % FLOW_SID] + (
                                   nothing if state == 'absent' else [])
    assert [request['method'] for request in replay.requests].count('DELETE') == 0


# -- ignore_case ----------------------------------------------------------------------------------------------


def test_ignore_case_matches_a_name_in_another_case_and_renames_it(run):
    calls = [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat pt-br')]),
             update_flex_flow({'FriendlyName': 'WebChat pt-BR'}, web(FLOW_SID, 'WebChat pt-BR'))]
    result, failed, replay = run(dict(entries=[entry('WebChat pt-BR')], ignore_case=True), calls, diff=True)

    assert not failed, result
    assert operations(result) == [('update', FLOW_SID, 'WebChat pt-BR')]
    assert result['diff'] == [dict(before_header='"WebChat pt-br" (%s, web)' % FLOW_SID, after_header='"WebChat pt-BR" (%s, web): update' % FLOW_SID,
                                   before=dict(friendly_name='WebChat pt-br'), after=dict(friendly_name='WebChat pt-BR'))]


def test_without_ignore_case_a_name_in_another_case_is_another_flow(run):
    calls = [STUDIO_LIST, list_flex_flows([web(FLOW_SID, 'WebChat pt-br')]),
             create_flex_flow(create_form('WebChat pt-BR'), web(FLOW_SID_2, 'WebChat pt-BR'))]
    result, failed, replay = run(dict(entries=[entry('WebChat pt-BR', chat_service_sid=CHAT_SERVICE_SID)]), calls)

    assert not failed, result
    assert operations(result) == [('create', FLOW_SID_2, 'WebChat pt-BR')]


def test_ignore_case_with_two_flows_differing_only_in_case_is_ambiguous(run):
    existing = [web(FLOW_SID, 'WebChat pt-br'), web(FLOW_SID_2, 'WEBCHAT PT-BR')]
    result, failed, replay = run(dict(entries=[entry('WebChat pt-BR')], ignore_case=True), [STUDIO_LIST, list_flex_flows(existing)])

    assert failed
    assert result['msg'] == ('Nothing was written: entry 1 "WebChat pt-BR": 2 Flex Flows have this friendly_name ('
                             '"WebChat pt-br" (%s, web), "WEBCHAT PT-BR" (%s, web)); name the one you mean by sid' % (FLOW_SID, FLOW_SID_2))
    assert [request['method'] for request in replay.requests] == ['GET', 'GET']


def test_ignore_case_makes_entries_differing_only_in_case_duplicates(run):
    result, failed, replay = run(dict(entries=[entry('WebChat pt-BR'), entry('webchat PT-br')], ignore_case=True), [])

    assert failed
    assert result['msg'] == ('Invalid input, nothing was sent to Twilio: entry 1 "WebChat pt-BR" and entry 2 "webchat PT-br" '
                             'name the same Flex Flow')
    assert replay.requests == []


# -- a write that fails midway ---------------------------------------------------------------------------------


def midway(run):
    args = dict(entries=[entry('WebChat de', chat_service_sid=CHAT_SERVICE_SID), entry('WebChat es', chat_service_sid=CHAT_SERVICE_SID),
                         entry('WebChat it', chat_service_sid=CHAT_SERVICE_SID)],
                owned=[owned(FLOW_SID_3, 'WebChat en')])
    calls = [STUDIO_LIST, list_flex_flows([web(FLOW_SID_3, 'WebChat en')]),
             create_flex_flow(create_form('WebChat de'), web(FLOW_SID, 'WebChat de')),
             create_flex_flow(create_form('WebChat es'), twilio_error(400, 20001, 'Invalid ChatServiceSid'), status=400)]
    return run(args, calls, diff=True)


def test_a_write_failing_midway_returns_the_results_so_far_and_owns_what_it_created(run):
    result, failed, replay = midway(run)

    assert failed
    assert result['msg'] == ('POST /v1/FlexFlows answered HTTP 400, Twilio error 20001: Invalid ChatServiceSid '
                             '(more info: https://www.twilio.com/docs/errors/20001)')
    assert result['error']['code'] == 20001
    assert result['changed'] is True
    assert operations(result) == [('create', FLOW_SID, 'WebChat de')]
    assert result['owned'] == [owned(FLOW_SID_3, 'WebChat en'), owned(FLOW_SID, 'WebChat de')]
    assert [item['after_header'] for item in result['diff']] == ['"WebChat de" (%s, web): create' % FLOW_SID]
    assert 'unreached' in result


def test_unreached_counts_the_entries_after_the_failed_write(run):
    result, failed, replay = midway(run)

    assert result['unreached'] == 1
