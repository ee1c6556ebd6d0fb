# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""flex_flow against replayed HTTP: every test lists the exact requests the module must send."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys

import pytest
import requests

from ansible_collections.twilio_ops.flex.plugins.module_utils import _api
from ansible_collections.twilio_ops.flex.plugins.modules import flex_flow as flex_flow_module
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ACCOUNT_SID,
    API_KEY,
    API_SECRET,
    AUTH_TOKEN,
    CHAT_SERVICE_SID,
    CONFIGURATION,
    CONNECTION,
    DEMO_URL,
    FLEX,
    FLEX_FLOWS,
    FLOW_SID,
    FLOW_SID_2,
    NAME,
    OTHER_CHAT_SERVICE_SID,
    STUDIO_FLOWS,
    STUDIO_NAME,
    STUDIO_SID,
    STUDIO_SID_2,
    WORKFLOW_SID,
    WORKSPACE_SID,
    configuration,
    flex_flow,
    get_configuration,
    get_flex_flow,
    list_flex_flows,
    list_studio_flows,
    page,
    studio_flow,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call, Replay

FLOW_URL = '%s/%s' % (FLEX_FLOWS, FLOW_SID)

# A create that needs neither the Studio lookup nor the Configuration read: the retry and
# recovery tests use it so their scripts hold only the requests under test.
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


def run(args, calls, check_mode=False, diff=False, connection=None, uniform=None):
    """Run flex_flow with the fake connection options plus args; returns (result, failed, replay)."""
    module_args = dict(CONNECTION if connection is None else connection)
    module_args.update(args)
    replay = Replay(calls, uniform=uniform)
    result, failed = replay.run(flex_flow_module.main, module_args, check_mode=check_mode, diff=diff)
    return result, failed, replay


def post_create(form, answer, status=201):
    return Call('POST', FLEX_FLOWS, form=form, status=status, json=answer)


def post_update(form, answer, sid=FLOW_SID):
    return Call('POST', '%s/%s' % (FLEX_FLOWS, sid), form=form, json=answer)


def delete(sid=FLOW_SID, status=204, json_body=None):
    return Call('DELETE', '%s/%s' % (FLEX_FLOWS, sid), status=status, json=json_body)


# -- create ------------------------------------------------------------------------------------

CREATE_ARGS = dict(friendly_name=NAME, studio_flow=STUDIO_NAME, enabled=True, janitor_enabled=False)
CREATE_FORM = {
    'FriendlyName': NAME,
    'ChatServiceSid': CHAT_SERVICE_SID,
    'ChannelType': 'web',
    'Enabled': 'true',
    'IntegrationType': 'studio',
    'Integration.FlowSid': STUDIO_SID,
    'JanitorEnabled': 'false',
}
CREATE_READS = [
    Call('GET', STUDIO_FLOWS, params={'PageSize': 1000},
         json=page('flows', [studio_flow(STUDIO_SID_2, 'Other flow'), studio_flow()], STUDIO_FLOWS)),
    Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, json=page('flex_flows', [], FLEX_FLOWS)),
    Call('GET', CONFIGURATION, json=configuration()),
]


def test_create_by_name_resolves_studio_flow_and_discovers_chat_service():
    created = flex_flow()
    result, failed, replay = run(CREATE_ARGS, CREATE_READS + [post_create(CREATE_FORM, created)])

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'create'
    assert result['flex_flow'] == created
    assert result['demo_url'] == DEMO_URL
    assert result['retries'] == []
    assert 'diff' not in result
    assert replay.warnings == []
    assert [r['timeout'] for r in replay.requests] == [30.0] * 4


def test_create_with_diff_shows_the_whole_new_flow():
    created = flex_flow()
    result, failed, dummy = run(CREATE_ARGS, CREATE_READS + [post_create(CREATE_FORM, created)], diff=True)

    assert not failed, result
    assert result['diff'] == dict(before={}, after=created)


def test_create_in_check_mode_reads_but_does_not_post():
    result, failed, dummy = run(CREATE_ARGS, CREATE_READS, check_mode=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'create'
    flow = result['flex_flow']
    assert flow['sid'] is None
    assert flow['account_sid'] == ACCOUNT_SID
    assert flow['friendly_name'] == NAME
    assert flow['chat_service_sid'] == CHAT_SERVICE_SID
    assert flow['channel_type'] == 'web'
    assert flow['integration_type'] == 'studio'
    assert flow['integration'] == dict(flow_sid=STUDIO_SID)
    assert flow['enabled'] is True
    assert 'demo_url' not in result
    assert 'diff' not in result


def test_create_in_check_mode_with_diff():
    result, failed, dummy = run(CREATE_ARGS, CREATE_READS, check_mode=True, diff=True)

    assert not failed, result
    assert result['diff']['before'] == {}
    assert result['diff']['after']['friendly_name'] == NAME
    assert result['diff']['after']['integration'] == dict(flow_sid=STUDIO_SID)


def test_create_with_given_chat_service_does_not_read_configuration():
    args = dict(CREATE_ARGS, chat_service_sid=OTHER_CHAT_SERVICE_SID, channel_type='sms', contact_identity='+15005550006')
    form = dict(CREATE_FORM, ChatServiceSid=OTHER_CHAT_SERVICE_SID, ChannelType='sms', ContactIdentity='+15005550006')
    created = flex_flow(chat_service_sid=OTHER_CHAT_SERVICE_SID, channel_type='sms', contact_identity='+15005550006')
    result, failed, dummy = run(args, CREATE_READS[:2] + [post_create(form, created)])

    assert not failed, result
    assert result['changed'] is True
    assert result['flex_flow'] == created
    # The demo widget is for web flows only.
    assert 'demo_url' not in result


def test_create_task_flow_serializes_integers_and_booleans():
    args = dict(friendly_name=NAME, chat_service_sid=CHAT_SERVICE_SID, integration=dict(
        workspace_sid=WORKSPACE_SID, workflow_sid=WORKFLOW_SID, channel='chat', timeout=60, priority=0, creation_on_message=True),
        long_lived=True)
    form = {
        'FriendlyName': NAME,
        'ChatServiceSid': CHAT_SERVICE_SID,
        'ChannelType': 'web',
        # Implied: workspace and workflow are options of the task integration only.
        'IntegrationType': 'task',
        'Integration.WorkspaceSid': WORKSPACE_SID,
        'Integration.WorkflowSid': WORKFLOW_SID,
        'Integration.Channel': 'chat',
        'Integration.Timeout': '60',
        'Integration.Priority': '0',
        'Integration.CreationOnMessage': 'true',
        'LongLived': 'true',
    }
    created = flex_flow(integration_type='task', long_lived=True, integration=dict(
        workspace_sid=WORKSPACE_SID, workflow_sid=WORKFLOW_SID, channel='chat', timeout=60, priority=0, creation_on_message=True))
    result, failed, dummy = run(args, [list_flex_flows([], name=NAME), post_create(form, created)])

    assert not failed, result
    assert result['operation'] == 'create'
    assert result['flex_flow'] == created


def test_create_without_integration_fails_before_the_post():
    result, failed, replay = run(dict(friendly_name=NAME), [list_flex_flows([], name=NAME)])

    assert failed
    assert 'needs an integration' in result['msg']
    assert 'studio_flow' in result['msg']
    assert [r['method'] for r in replay.requests] == ['GET']


def test_create_fails_when_configuration_has_no_chat_service():
    calls = CREATE_READS[:2] + [Call('GET', CONFIGURATION, json=dict(configuration(), chat_service_instance_sid=None))]
    result, failed, dummy = run(CREATE_ARGS, calls)

    assert failed
    assert 'chat_service_sid' in result['msg']
    assert 'chat_service_instance_sid' in result['msg']


def test_sid_only_that_does_not_exist_fails_without_a_write():
    result, failed, dummy = run(dict(sid=FLOW_SID, studio_flow=STUDIO_NAME),
                                [list_studio_flows([studio_flow()]), get_flex_flow(None)])

    assert failed
    assert result['msg'] == 'No Flex Flow has sid %s; to create one, give friendly_name without sid' % FLOW_SID


def test_neither_sid_nor_friendly_name_fails_before_any_request():
    result, failed, dummy = run(dict(studio_flow=STUDIO_NAME), [])

    assert failed
    assert 'sid' in result['msg'] and 'friendly_name' in result['msg']


# -- idempotence and update ------------------------------------------------------------------


def test_second_run_reads_only_and_reports_no_change():
    existing = flex_flow()
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow()]), list_flex_flows([existing], name=NAME)], diff=True)

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'
    assert result['flex_flow'] == existing
    assert result['demo_url'] == DEMO_URL
    assert 'diff' not in result
    assert [r['method'] for r in replay.requests] == ['GET', 'GET']


def test_api_values_are_normalized_before_comparing():
    # The API may answer strings where the user gave booleans or integers, and null for ''.
    existing = flex_flow(enabled='true', janitor_enabled='False', contact_identity=None,
                         integration=dict(flow_sid=STUDIO_SID, retry_count='2'))
    args = dict(friendly_name=NAME, enabled=True, janitor_enabled=False, contact_identity='',
                integration=dict(flow_sid=STUDIO_SID, retry_count=2))
    result, failed, dummy = run(args, [list_flex_flows([existing], name=NAME)])

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'


UPDATE_ARGS = dict(friendly_name=NAME, studio_flow=STUDIO_NAME, enabled=True, janitor_enabled=False, integration=dict(retry_count=1))


def update_calls(existing):
    return [list_studio_flows([studio_flow()]), list_flex_flows([existing], name=NAME)]


def test_update_sends_only_the_fields_that_differ_and_diffs_only_them():
    existing = flex_flow(enabled=False)
    updated = flex_flow(enabled=True, integration=dict(flow_sid=STUDIO_SID, retry_count=1))
    calls = update_calls(existing) + [post_update({'Enabled': 'true', 'Integration.RetryCount': '1'}, updated)]
    result, failed, dummy = run(UPDATE_ARGS, calls, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'update'
    assert result['flex_flow'] == updated
    assert result['demo_url'] == DEMO_URL
    assert result['diff'] == dict(
        before=dict(enabled=False, integration=dict(retry_count=3)),
        after=dict(enabled=True, integration=dict(retry_count=1)),
    )


def test_update_without_diff_mode_has_no_diff():
    existing = flex_flow(enabled=False)
    updated = flex_flow(enabled=True, integration=dict(flow_sid=STUDIO_SID, retry_count=1))
    calls = update_calls(existing) + [post_update({'Enabled': 'true', 'Integration.RetryCount': '1'}, updated)]
    result, failed, dummy = run(UPDATE_ARGS, calls)

    assert not failed, result
    assert result['changed'] is True
    assert 'diff' not in result


def test_update_in_check_mode_shows_would_be_values_without_posting():
    existing = flex_flow(enabled=False)
    result, failed, dummy = run(UPDATE_ARGS, update_calls(existing), check_mode=True, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'update'
    assert result['flex_flow'] == flex_flow(enabled=True, integration=dict(flow_sid=STUDIO_SID, retry_count=1))
    assert result['diff']['after'] == dict(enabled=True, integration=dict(retry_count=1))


def test_switching_to_another_studio_flow_changes_only_the_flow_sid():
    existing = flex_flow()
    updated = flex_flow(integration=dict(flow_sid=STUDIO_SID_2, retry_count=3))
    calls = [list_studio_flows([studio_flow(), studio_flow(STUDIO_SID_2, 'Webchat Flow v2')]),
             list_flex_flows([existing], name=NAME),
             post_update({'Integration.FlowSid': STUDIO_SID_2}, updated)]
    result, failed, dummy = run(dict(friendly_name=NAME, studio_flow='Webchat Flow v2'), calls, diff=True)

    assert not failed, result
    assert result['flex_flow'] == updated
    assert result['diff'] == dict(before=dict(integration=dict(flow_sid=STUDIO_SID)), after=dict(integration=dict(flow_sid=STUDIO_SID_2)))


def test_switching_integration_type_sends_type_and_its_option():
    existing = flex_flow()
    updated = flex_flow(integration_type='external', integration=dict(url='https://hooks.example.test/webchat', retry_count=3))
    calls = [list_flex_flows([existing], name=NAME),
             post_update({'IntegrationType': 'external', 'Integration.Url': 'https://hooks.example.test/webchat'}, updated)]
    result, failed, dummy = run(dict(friendly_name=NAME, integration=dict(url='https://hooks.example.test/webchat')), calls)

    assert not failed, result
    assert result['changed'] is True
    assert result['flex_flow'] == updated


def test_rename_by_sid_posts_only_the_new_name():
    existing = flex_flow()
    renamed = flex_flow(name='WebChat en-GB')
    calls = [Call('GET', FLOW_URL, json=existing), Call('POST', FLOW_URL, form={'FriendlyName': 'WebChat en-GB'}, json=renamed)]
    result, failed, dummy = run(dict(sid=FLOW_SID, friendly_name='WebChat en-GB'), calls, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'update'
    assert result['flex_flow'] == renamed
    assert result['diff'] == dict(before=dict(friendly_name=NAME), after=dict(friendly_name='WebChat en-GB'))


def test_sid_found_and_matching_is_not_changed():
    result, failed, dummy = run(dict(sid=FLOW_SID, enabled=True), [get_flex_flow(flex_flow())])

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'


# -- delete ------------------------------------------------------------------------------------


def test_delete_by_name():
    existing = flex_flow()
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([existing], name=NAME), delete()], diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'delete'
    assert result['flex_flow'] == {}
    assert 'demo_url' not in result
    assert result['diff'] == dict(before=existing, after={})


def test_delete_by_sid():
    result, failed, dummy = run(dict(sid=FLOW_SID, state='absent'), [get_flex_flow(flex_flow()), delete()])

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'delete'


def test_delete_when_absent_sends_no_delete():
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([], name=NAME)], diff=True)

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'
    assert result['flex_flow'] == {}
    assert 'diff' not in result


def test_delete_by_sid_when_absent_sends_no_delete():
    result, failed, dummy = run(dict(sid=FLOW_SID, state='absent'), [get_flex_flow(None)])

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'


def test_delete_in_check_mode_sends_no_delete():
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([flex_flow()], name=NAME)], check_mode=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'delete'


def test_delete_answered_404_is_success():
    # Someone else deleted the flow between our read and our DELETE: the goal is reached.
    calls = [list_flex_flows([flex_flow()], name=NAME), delete(status=404, json_body=twilio_error(404, 20404, 'Not found'))]
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), calls)

    assert not failed, result
    assert result['operation'] == 'delete'
    assert 'error' not in result


def test_delete_answered_403_fails_with_the_twilio_error():
    calls = [list_flex_flows([flex_flow()], name=NAME), delete(status=403, json_body=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), calls)

    assert failed
    assert 'DELETE /v1/FlexFlows/%s answered HTTP 403, Twilio error 20403: Forbidden' % FLOW_SID in result['msg']
    assert result['error']['code'] == 20403


def test_absent_ignores_studio_flow_and_integration_rules():
    # Deleting needs no Studio lookup, and present-only rules must not block it.
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent', studio_flow=STUDIO_NAME, integration_type='task'),
                                [list_flex_flows([], name=NAME)])

    assert not failed, result
    assert result['changed'] is False


# -- duplicates and pagination ------------------------------------------------------------------

@pytest.mark.parametrize('state', ['present', 'absent'])
def test_two_flows_with_the_name_fail_without_a_write(state):
    twins = [flex_flow(), flex_flow(sid=FLOW_SID_2)]
    args = dict(EXTERNAL, state=state) if state == 'present' else dict(friendly_name=NAME, state='absent')
    result, failed, dummy = run(args, [list_flex_flows(twins, name=NAME)])

    assert failed
    assert result['msg'] == "2 Flex Flows are named 'WebChat en' (%s, %s); name one by sid instead" % (FLOW_SID, FLOW_SID_2)


NEXT_PAGE = FLEX_FLOWS + '?FriendlyName=WebChat+en&PageSize=1000&Page=1&PageToken=PAFO11111111111111111111111111111111'


def test_match_on_the_second_page_means_no_create():
    # Twilio's name filter is not case-sensitive; only the exact name counts.
    near_miss = flex_flow(sid=FLOW_SID_2, name='webchat EN')
    existing = flex_flow(integration_type='external', integration=dict(url='https://hooks.example.test/webchat'))
    calls = [list_flex_flows([near_miss], name=NAME, next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [existing], NEXT_PAGE))]
    result, failed, replay = run(EXTERNAL, calls)

    assert not failed, result
    assert result['changed'] is False
    assert result['flex_flow'] == existing
    assert replay.requests[1]['params'] is None


def test_duplicate_spread_over_two_pages_is_detected():
    calls = [list_flex_flows([flex_flow()], name=NAME, next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [flex_flow(sid=FLOW_SID_2)], NEXT_PAGE))]
    result, failed, dummy = run(EXTERNAL, calls)

    assert failed
    assert FLOW_SID in result['msg'] and FLOW_SID_2 in result['msg']


def test_next_page_on_another_host_is_refused_and_not_requested():
    evil = 'https://evil.example.test/v1/FlexFlows?PageToken=PA1&PageSize=1000'
    result, failed, replay = run(EXTERNAL, [list_flex_flows([], name=NAME, next_page_url=evil)])

    assert failed
    assert 'another host (evil.example.test)' in result['msg']
    assert len(replay.requests) == 1


def test_next_page_with_another_scheme_is_refused():
    downgrade = FLEX_FLOWS.replace('https://', 'http://') + '?PageToken=PA1'
    result, failed, dummy = run(EXTERNAL, [list_flex_flows([], name=NAME, next_page_url=downgrade)])

    assert failed
    assert 'refusing to follow it' in result['msg']


# -- retries -----------------------------------------------------------------------------------

def test_429_with_retry_after_waits_that_long_then_succeeds():
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, status=429,
                  headers={'Retry-After': '2'}, json=twilio_error(429, 20429, 'Too Many Requests')),
             list_flex_flows([], name=NAME)]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), calls)

    assert not failed, result
    assert replay.sleeps == [2.0]
    assert result['retries'] == [dict(method='GET', path='/v1/FlexFlows', reason=429, wait=2.0, outcome='retrying')]
    assert replay.warnings == ['Twilio GET /v1/FlexFlows: 429; retrying in 2.0s']


def test_503_without_retry_after_backs_off_with_jitter():
    calls = [list_studio_flows([studio_flow()]),
             list_flex_flows([], name=NAME),
             Call('GET', CONFIGURATION, status=503, json=twilio_error(503, 20503, 'Service Unavailable')),
             get_configuration(),
             post_create(CREATE_FORM, flex_flow())]
    result, failed, replay = run(CREATE_ARGS, calls)

    assert not failed, result
    assert len(replay.sleeps) == 1
    assert 0.5 <= replay.sleeps[0] <= 1.0
    assert [(low, high) for low, high, dummy in replay.jitter.calls] == [(0.5, 1.0)]
    assert result['retries'][0]['path'] == '/v1/Configuration'
    assert result['retries'][0]['reason'] == 503
    assert len(replay.warnings) == 1


def test_backoff_doubles_until_retry_timeout_is_spent():
    # With the largest jitter the waits are 1, 2, 4 s; a further 8 s would pass retry_timeout=10.
    unavailable = Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, status=503,
                       json=twilio_error(503, 20503, 'Service Unavailable'))
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', retry_timeout=10), [unavailable] * 4,
                                 uniform=lambda low, high: high)

    assert failed
    assert replay.sleeps == [1.0, 2.0, 4.0]
    assert [r['wait'] for r in result['retries']] == [1.0, 2.0, 4.0]


def persistent_503(count):
    return [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, status=503, headers={'Retry-After': '2'},
                 json=twilio_error(503, 20503, 'Service Unavailable'))] * count


def test_persistent_503_fails_once_retry_timeout_is_spent():
    # Waits of 2 s: after 2 and 4 s another 2 s would pass retry_timeout=5, so 3 attempts.
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', retry_timeout=5), persistent_503(3))

    assert failed
    assert replay.sleeps == [2.0, 2.0]
    assert 'GET /v1/FlexFlows answered HTTP 503, Twilio error 20503: Service Unavailable' in result['msg']
    assert 'https://www.twilio.com/docs/errors/20503' in result['msg']
    assert result['error'] == dict(status=503, code=20503, method='GET', path='/v1/FlexFlows',
                                   more_info='https://www.twilio.com/docs/errors/20503',
                                   message='Service Unavailable; gave up after 3 attempt(s) within retry_timeout=5.0s')
    assert len(result['retries']) == 2


def test_give_up_message_says_how_many_attempts_were_made():
    # The retry loop appends "gave up after N attempt(s)" to the error, which must reach msg.
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent', retry_timeout=5), persistent_503(3))

    assert failed
    assert 'gave up after 3 attempt(s) within retry_timeout=5.0s' in result['msg']


def test_retry_timeout_zero_disables_retries():
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', retry_timeout=0), persistent_503(1))

    assert failed
    assert replay.sleeps == []
    assert result['retries'] == []


def test_retry_after_longer_than_retry_timeout_fails_without_waiting():
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, status=429, headers={'Retry-After': '120'},
                  json=twilio_error(429, 20429, 'Too Many Requests'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), calls)

    assert failed
    assert replay.sleeps == []
    assert 'HTTP 429' in result['msg']


def test_connection_error_on_get_is_retried():
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, raises=requests.exceptions.ConnectionError('reset')),
             list_flex_flows([], name=NAME)]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), calls)

    assert not failed, result
    assert len(replay.sleeps) == 1
    assert result['retries'][0]['reason'] == 'connection'
    assert result['retries'][0]['outcome'] == 'retrying'


def test_persistent_timeouts_fail_naming_the_exception():
    timeout = Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, raises=requests.exceptions.ReadTimeout('slow'))
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', retry_timeout=1.5, timeout=7),
                                 [timeout, timeout], uniform=lambda low, high: high)

    assert failed
    assert replay.sleeps == [1.0]
    assert result['msg'].startswith('GET /v1/FlexFlows failed: ReadTimeout (timeout 7.0s)')
    assert result['error']['status'] is None


def test_400_on_get_is_not_retried():
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, status=400,
                  json=twilio_error(400, 20001, 'Invalid PageSize'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), calls)

    assert failed
    assert replay.sleeps == []
    assert result['error']['code'] == 20001


# -- a create whose outcome is unknown ------------------------------------------------------------

def test_post_answered_500_is_recovered_by_lookup_without_a_second_post():
    calls = [list_flex_flows([], name=NAME),
             post_create(EXTERNAL_FORM, twilio_error(500, 20500, 'Internal Server Error'), status=500),
             list_flex_flows([EXTERNAL_FLOW], name=NAME)]
    result, failed, replay = run(EXTERNAL, calls)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'create'
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert result['demo_url'] == DEMO_URL
    assert result['retries'] == [dict(method='POST', path='/v1/FlexFlows', reason=500, wait=0.0,
                                      outcome='the create had been applied; found it by lookup')]
    assert replay.sleeps == []
    assert replay.warnings == ['Twilio POST /v1/FlexFlows: 500; the create had been applied; found it by lookup']


def test_post_answered_503_and_lookup_empty_is_posted_again():
    calls = [list_flex_flows([], name=NAME),
             post_create(EXTERNAL_FORM, twilio_error(503, 20503, 'Service Unavailable'), status=503),
             list_flex_flows([], name=NAME),
             post_create(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, replay = run(EXTERNAL, calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert len(replay.sleeps) == 1
    assert [(r['method'], r['reason'], r['outcome']) for r in result['retries']] == [('POST', 503, 'retrying')]


def test_post_read_timeout_and_lookup_empty_is_posted_again():
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=requests.exceptions.ReadTimeout('read timed out')),
             list_flex_flows([], name=NAME),
             post_create(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, dummy = run(EXTERNAL, calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert [(r['reason'], r['outcome']) for r in result['retries']] == [('timeout', 'retrying')]


def test_post_connect_timeout_is_retried_without_lookup():
    # A connect timeout means the request never left: nothing to look up.
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=requests.exceptions.ConnectTimeout('connect timed out')),
             post_create(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, dummy = run(EXTERNAL, calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert result['retries'][0]['reason'] == 'connect-timeout'


def test_post_answered_500_and_lookup_empty_fails_without_second_post():
    calls = [list_flex_flows([], name=NAME),
             post_create(EXTERNAL_FORM, twilio_error(500, 20500, 'Internal Server Error'), status=500),
             list_flex_flows([], name=NAME)]
    result, failed, dummy = run(EXTERNAL, calls)

    assert failed
    assert 'POST /v1/FlexFlows answered HTTP 500' in result['msg']


def test_post_answered_400_fails_at_once_without_lookup():
    calls = [list_flex_flows([], name=NAME),
             post_create(EXTERNAL_FORM, twilio_error(400, 20001, 'Invalid Integration.Url'), status=400)]
    result, failed, replay = run(EXTERNAL, calls)

    assert failed
    assert result['msg'] == ('POST /v1/FlexFlows answered HTTP 400, Twilio error 20001: Invalid Integration.Url '
                             '(more info: https://www.twilio.com/docs/errors/20001)')
    assert result['error'] == dict(status=400, code=20001, message='Invalid Integration.Url',
                                   more_info='https://www.twilio.com/docs/errors/20001', method='POST', path='/v1/FlexFlows')
    assert replay.sleeps == []


def test_post_answered_429_is_retried_without_lookup():
    # 429 means "not processed": safe to send again, no need to look for it.
    calls = [list_flex_flows([], name=NAME),
             post_create(EXTERNAL_FORM, twilio_error(429, 20429, 'Too Many Requests'), status=429),
             post_create(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, replay = run(EXTERNAL, calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert len(replay.sleeps) == 1
    assert [(r['method'], r['reason']) for r in result['retries']] == [('POST', 429)]


def test_update_answered_503_is_retried():
    existing = flex_flow(enabled=False)
    updated = flex_flow()
    calls = [list_flex_flows([existing], name=NAME),
             Call('POST', FLOW_URL, form={'Enabled': 'true'}, status=503, json=twilio_error(503, 20503, 'Service Unavailable')),
             Call('POST', FLOW_URL, form={'Enabled': 'true'}, json=updated)]
    result, failed, dummy = run(dict(friendly_name=NAME, enabled=True), calls)

    assert not failed, result
    assert result['flex_flow'] == updated


# -- answers that are not what the API should send -------------------------------------------------

def test_html_answer_fails_with_a_hint_about_the_url():
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, content=b'<html>Not the API</html>')]
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), calls)

    assert failed
    assert 'is the API URL right?' in result['msg']
    assert 'text/html' in result['msg']


def test_redirect_on_a_read_fails_cleanly():
    # The client does not follow redirects (credentials must not follow one), so a 3xx answer
    # is not the API's answer: the module must fail with a message, not crash or carry on.
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, status=301,
                  headers={'Location': 'https://elsewhere.example.test/v1/FlexFlows'})]
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), calls)

    assert failed
    assert '301' in result['msg']


def test_redirect_on_create_is_not_reported_as_created():
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, status=307, headers={'Location': 'https://elsewhere.example.test/v1/FlexFlows'})]
    result, failed, dummy = run(EXTERNAL, calls)

    assert failed, result
    assert '307' in result['msg']


# -- validation before any request ---------------------------------------------------------------

TASK = dict(integration_type='task', integration=dict(workspace_sid=WORKSPACE_SID, workflow_sid=WORKFLOW_SID))

INVALID = [
    ('bad sid', dict(sid='FO123'), ['sid', "'FO123'", 'is not a Flex Flow SID (FO followed by 32 hex digits)']),
    ('studio sid as sid', dict(sid=STUDIO_SID, friendly_name=NAME), ['sid', 'is a Studio Flow SID, expected a Flex Flow SID']),
    ('bad sid when absent', dict(sid='nonsense', state='absent'), ['sid', 'is not a Flex Flow SID']),
    ('bad chat_service_sid', dict(friendly_name=NAME, studio_flow=STUDIO_NAME, chat_service_sid='IS123'),
     ['chat_service_sid', "'IS123'", 'is not a Chat Service SID']),
    ('studio without flow', dict(friendly_name=NAME, integration_type='studio'),
     ['integration_type studio needs integration.flow_sid (or studio_flow, a Studio flow name)']),
    ('external without url', dict(friendly_name=NAME, integration_type='external'), ['integration_type external needs integration.url']),
    ('task without workspace or workflow', dict(friendly_name=NAME, integration_type='task'),
     ['integration_type task needs integration.workspace_sid', 'integration_type task needs integration.workflow_sid']),
    ('url with studio', dict(friendly_name=NAME, integration_type='studio', integration=dict(flow_sid=STUDIO_SID, url='https://hooks.example.test/x')),
     ['integration.url applies only to integration_type external, not studio']),
    ('retry_count 4', dict(friendly_name=NAME, studio_flow=STUDIO_NAME, integration=dict(retry_count=4)),
     ['integration.retry_count must be between 0 and 3, got 4']),
    ('retry_count -1', dict(friendly_name=NAME, studio_flow=STUDIO_NAME, integration=dict(retry_count=-1)),
     ['integration.retry_count must be between 0 and 3, got -1']),
    ('integration.timeout 0', dict(TASK, friendly_name=NAME, integration=dict(TASK['integration'], timeout=0)),
     ['integration.timeout must be at least 1, got 0']),
    ('priority -1', dict(TASK, friendly_name=NAME, integration=dict(TASK['integration'], priority=-1)),
     ['integration.priority must be at least 0, got -1']),
    ('blank channel', dict(TASK, friendly_name=NAME, integration=dict(TASK['integration'], channel='  ')),
     ['integration.channel must not be empty or only whitespace']),
    ('ftp url', dict(friendly_name=NAME, integration=dict(url='ftp://x')), ["integration.url 'ftp://x' is not an absolute http(s) URL"]),
    ('not a url', dict(friendly_name=NAME, integration=dict(url='not a url')), ["integration.url 'not a url' is not an absolute http(s) URL"]),
    ('empty friendly_name', dict(friendly_name='', studio_flow=STUDIO_NAME), ['friendly_name must not be empty or only whitespace']),
    ('blank friendly_name', dict(friendly_name='   ', studio_flow=STUDIO_NAME), ['friendly_name must not be empty or only whitespace']),
    ('blank studio_flow', dict(friendly_name=NAME, studio_flow='  '), ['studio_flow must not be empty or only whitespace']),
    ('studio_flow and flow_sid', dict(friendly_name=NAME, studio_flow=STUDIO_NAME, integration=dict(flow_sid=STUDIO_SID)),
     ['studio_flow and integration.flow_sid both name the Studio flow']),
    ('studio_flow with task', dict(TASK, friendly_name=NAME, studio_flow=STUDIO_NAME), ['studio_flow needs integration_type studio, not task']),
    ('workflow sid as workspace', dict(friendly_name=NAME, integration=dict(workspace_sid=WORKFLOW_SID, workflow_sid=WORKFLOW_SID)),
     ['integration.workspace_sid', 'is a TaskRouter Workflow SID, expected a TaskRouter Workspace SID']),
    ('options of two types', dict(friendly_name=NAME, integration=dict(url='https://hooks.example.test/x', workspace_sid=WORKSPACE_SID)),
     ['belong to different integration types: set integration_type']),
    # required_one_of counts a null as given; a lookup without a name would match every flow.
    ('null friendly_name', dict(friendly_name=None, studio_flow=STUDIO_NAME), ['sid or friendly_name is needed to identify the Flex Flow']),
    ('null friendly_name when absent', dict(friendly_name=None, state='absent'), ['sid or friendly_name is needed to identify the Flex Flow']),
]


@pytest.mark.parametrize('args, fragments', [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_input_fails_before_any_request(args, fragments):
    result, failed, replay = run(args, [])

    assert failed
    assert result['msg'].startswith('Invalid input, nothing was sent to Twilio: ')
    for fragment in fragments:
        assert fragment in result['msg']
    assert replay.requests == []


CONNECTION_INVALID = [
    ('bad account_sid', dict(account_sid='AC123'), ['account_sid', 'AC followed by 32 hex digits']),
    ('api_key without api_secret', dict(auth_token=None, api_key=API_KEY), ['api_key and api_secret go together']),
    ('api_secret without api_key', dict(auth_token=None, api_secret=API_SECRET), ['api_key and api_secret go together']),
    ('bad api_key', dict(api_key='SK123', api_secret=API_SECRET), ['api_key', 'SK followed by 32 hex digits']),
    ('no credentials', dict(account_sid=None, auth_token=None), ['No Twilio credentials', 'auth_token', 'api_secret']),
    ('auth_token without account_sid', dict(account_sid=None), ['auth_token needs account_sid']),
    ('timeout 0', dict(timeout=0), ['timeout must be a positive number of seconds, got 0.0']),
    ('timeout negative', dict(timeout=-5), ['timeout must be a positive number of seconds, got -5.0']),
    ('retry_timeout negative', dict(retry_timeout=-1), ['retry_timeout must be 0 (no retries) or more seconds, got -1.0']),
    ('flex_api_url ftp', dict(flex_api_url='ftp://flex.example.test'), ['flex_api_url must be an http(s) URL']),
    ('studio_api_url with query', dict(studio_api_url='https://studio.example.test?region=ie1'), ['studio_api_url must be an http(s) URL']),
]


@pytest.mark.parametrize('overrides, fragments', [case[1:] for case in CONNECTION_INVALID], ids=[case[0] for case in CONNECTION_INVALID])
def test_invalid_connection_fails_before_any_request(overrides, fragments):
    connection = dict(CONNECTION, **overrides)
    connection = dict((key, value) for key, value in connection.items() if value is not None)
    result, failed, replay = run(dict(friendly_name=NAME, studio_flow=STUDIO_NAME), [], connection=connection)

    assert failed
    for fragment in fragments:
        assert fragment in result['msg']
    assert replay.requests == []
    assert AUTH_TOKEN not in json.dumps(result)
    assert API_SECRET not in json.dumps(result)


def test_sid_with_trailing_newline_is_rejected_before_any_request():
    # SID_RE ends in $, which also matches before a final newline; the SID would then be sent in a URL.
    result, failed, replay = run(dict(sid=FLOW_SID + '\n', state='absent'), [])

    assert failed
    assert 'sid' in result['msg']
    assert replay.requests == []


# -- Studio flow lookup ------------------------------------------------------------------------


def test_studio_flow_not_found_lists_the_names_and_writes_nothing():
    result, failed, dummy = run(CREATE_ARGS, [list_studio_flows([studio_flow(STUDIO_SID_2, 'Sales'), studio_flow(name='Support')])])

    assert failed
    assert result['msg'] == "studio_flow: no Studio Flow is named 'Webchat Flow'; this account has: 'Sales', 'Support'"


def test_studio_flow_not_found_in_an_account_without_flows():
    result, failed, dummy = run(CREATE_ARGS, [list_studio_flows([])])

    assert failed
    assert result['msg'].endswith('this account has: none')


def test_studio_flow_names_are_capped_in_the_message():
    flows = [studio_flow('FW%032x' % number, 'Flow %02d' % number) for number in range(25)]
    result, failed, dummy = run(CREATE_ARGS, [list_studio_flows(flows)])

    assert failed
    assert "'Flow 19', ..." in result['msg']
    assert 'Flow 20' not in result['msg']


def test_ambiguous_studio_flow_lists_the_sids_and_writes_nothing():
    result, failed, dummy = run(CREATE_ARGS, [list_studio_flows([studio_flow(), studio_flow(STUDIO_SID_2)])])

    assert failed
    assert result['msg'] == ("studio_flow: 2 Studio Flows are named 'Webchat Flow' (%s, %s); "
                             "set integration.flow_sid to the one you mean" % (STUDIO_SID, STUDIO_SID_2))


def test_draft_studio_flow_warns_and_is_still_used():
    existing = flex_flow()
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow(status='draft')]), list_flex_flows([existing], name=NAME)])

    assert not failed, result
    assert result['changed'] is False
    assert replay.warnings == ["Studio Flow 'Webchat Flow' (%s) is draft, not published: chats will not route until it is published" % STUDIO_SID]


def test_studio_flow_on_the_second_page_is_found():
    next_page = STUDIO_FLOWS + '?PageSize=1000&Page=1&PageToken=PAFW1'
    calls = [Call('GET', STUDIO_FLOWS, params={'PageSize': 1000}, json=page('flows', [studio_flow(STUDIO_SID_2, 'Sales')], STUDIO_FLOWS, next_page)),
             Call('GET', next_page, json=page('flows', [studio_flow()], next_page)),
             list_flex_flows([flex_flow()], name=NAME)]
    result, failed, dummy = run(CREATE_ARGS, calls)

    assert not failed, result
    assert result['changed'] is False


# -- credentials and connection --------------------------------------------------------------------


def assert_no_secrets(result, replay):
    text = json.dumps([result, replay.warnings])
    assert AUTH_TOKEN not in text
    assert API_SECRET not in text


def test_auth_token_is_used_and_never_shown():
    result, failed, replay = run(CREATE_ARGS, CREATE_READS + [post_create(CREATE_FORM, flex_flow())], diff=True)

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert [request['verify'] for request in replay.requests] == [True] * len(replay.requests)
    assert replay.session.headers['Accept'] == 'application/json'
    assert replay.session.headers['User-Agent'].startswith('twilio_ops.flex (Ansible module flex_flow; Python ')
    assert_no_secrets(result, replay)


def test_api_key_wins_over_auth_token_and_is_never_shown():
    connection = dict(CONNECTION, api_key=API_KEY, api_secret=API_SECRET)
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([], name=NAME)], connection=connection)

    assert not failed, result
    assert replay.session.auth == (API_KEY, API_SECRET)
    assert_no_secrets(result, replay)


def test_api_key_without_account_sid_is_enough():
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX, studio_api_url=CONNECTION['studio_api_url'])
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([], name=NAME)], connection=connection)

    assert not failed, result
    assert replay.session.auth == (API_KEY, API_SECRET)


@pytest.mark.parametrize('with_api_key', [False, True])
def test_secrets_stay_out_of_a_401_failure(with_api_key):
    connection = dict(CONNECTION, api_key=API_KEY, api_secret=API_SECRET) if with_api_key else CONNECTION
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, status=401,
                  json=twilio_error(401, 20003, 'Authenticate'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), calls, connection=connection, diff=True)

    assert failed
    assert 'HTTP 401, Twilio error 20003: Authenticate' in result['msg']
    assert result['error']['code'] == 20003
    assert replay.sleeps == []
    assert_no_secrets(result, replay)


def test_validate_certs_false_reaches_the_session():
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', validate_certs=False), [list_flex_flows([], name=NAME)])

    assert not failed, result
    assert [request['verify'] for request in replay.requests] == [False]


def test_base_url_with_path_and_trailing_slash():
    base = 'https://gateway.example.test/flex-api/'
    calls = [Call('GET', 'https://gateway.example.test/flex-api/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], 'https://gateway.example.test/flex-api/v1/FlexFlows'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', flex_api_url=base), calls)

    assert not failed, result
    assert replay.warnings == []


def test_plain_http_to_a_remote_host_warns():
    calls = [Call('GET', 'http://flex.example.test/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], 'http://flex.example.test/v1/FlexFlows'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', flex_api_url='http://flex.example.test'), calls)

    assert not failed, result
    assert replay.warnings == ['flex_api_url uses plain http to flex.example.test: credentials cross the network unencrypted']


def test_plain_http_to_loopback_does_not_warn():
    local = 'http://127.0.0.1:8642/flex-api'
    calls = [Call('GET', local + '/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], local + '/v1/FlexFlows'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', flex_api_url=local), calls)

    assert not failed, result
    assert replay.warnings == []


def test_missing_requests_library_fails_with_missing_required_lib(monkeypatch):
    monkeypatch.setattr(_api, 'HAS_REQUESTS', False)
    monkeypatch.setattr(_api, 'REQUESTS_IMPORT_ERROR', 'Traceback: No module named requests')
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), [])

    assert failed
    assert 'Failed to import the required Python library (requests)' in result['msg']
    assert sys.executable in result['msg']
    assert replay.sessions == []


def test_requests_go_to_the_configured_flex_host_only():
    result, failed, replay = run(CREATE_ARGS, CREATE_READS + [post_create(CREATE_FORM, flex_flow())])

    assert not failed, result
    assert [r['url'].split('/v')[0] for r in replay.requests] == [CONNECTION['studio_api_url'], FLEX, FLEX, FLEX]
