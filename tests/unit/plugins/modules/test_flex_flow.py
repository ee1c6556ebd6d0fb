# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Flex Flow family (_flex_flow.FlexFlows) through flex_flow, against replayed HTTP: every test
lists the exact requests the module must send. What the HTTP client does on its own (retries,
credentials, answers that are not Twilio's, pacing) is specified in module_utils/test_api_*.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import flex_flow as flex_flow_module
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ACCOUNT_SID,
    CHAT_SERVICE_SID,
    CONFIGURATION,
    DEMO_URL,
    EXTERNAL,
    EXTERNAL_FLOW,
    EXTERNAL_FORM,
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
    create_flex_flow,
    delete_flex_flow,
    flex_flow,
    get_flex_flow,
    list_flex_flows,
    list_studio_flows,
    page,
    studio_flow,
    twilio_error,
    update_flex_flow,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

FLOW_URL = '%s/%s' % (FLEX_FLOWS, FLOW_SID)
SMS = flex_flow(channel_type='sms', contact_identity='+15005550006')
TASK_FLOW = flex_flow(integration_type='task', integration=dict(workspace_sid=WORKSPACE_SID, workflow_sid=WORKFLOW_SID, channel='chat'))


MODULE = flex_flow_module


def methods(replay):
    return [request['method'] for request in replay.requests]


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
# Names first (Studio, no name filter), then the flow by name, then the chat service.
CREATE_READS = [
    Call('GET', STUDIO_FLOWS, params={'PageSize': 1000},
         json=page('flows', [studio_flow(STUDIO_SID_2, 'Other flow'), studio_flow()], STUDIO_FLOWS)),
    Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, json=page('flex_flows', [], FLEX_FLOWS)),
    Call('GET', CONFIGURATION, json=configuration()),
]


def test_create_by_name_resolves_studio_flow_and_discovers_chat_service(run):
    created = flex_flow()
    result, failed, replay = run(CREATE_ARGS, CREATE_READS + [create_flex_flow(CREATE_FORM, created)])

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'create'
    assert result['flex_flow'] == created
    assert result['demo_url'] == DEMO_URL
    assert result['retries'] == []
    assert 'diff' not in result
    assert replay.warnings == []


def test_create_with_diff_shows_the_whole_new_flow(run):
    created = flex_flow()
    result, failed, dummy = run(CREATE_ARGS, CREATE_READS + [create_flex_flow(CREATE_FORM, created)], diff=True)

    assert not failed, result
    assert result['diff'] == dict(before={}, after=created)


def test_create_in_check_mode_reads_but_does_not_post(run):
    result, failed, replay = run(CREATE_ARGS, CREATE_READS, check_mode=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'create'
    assert result['flex_flow'] == dict(sid=None, account_sid=ACCOUNT_SID, date_created=None, date_updated=None, url=None,
                                       friendly_name=NAME, chat_service_sid=CHAT_SERVICE_SID, channel_type='web', enabled=True,
                                       integration_type='studio', integration=dict(flow_sid=STUDIO_SID), janitor_enabled=False)
    assert 'demo_url' not in result
    assert 'diff' not in result
    assert methods(replay) == ['GET', 'GET', 'GET']


def test_create_in_check_mode_with_diff(run):
    result, failed, dummy = run(CREATE_ARGS, CREATE_READS, check_mode=True, diff=True)

    assert not failed, result
    assert result['diff']['before'] == {}
    assert result['diff']['after'] == result['flex_flow']
    assert result['diff']['after']['integration'] == dict(flow_sid=STUDIO_SID)


def test_create_with_given_chat_service_and_channel_does_not_read_configuration(run):
    args = dict(CREATE_ARGS, chat_service_sid=OTHER_CHAT_SERVICE_SID, channel_type='sms', contact_identity='+15005550006')
    form = dict(CREATE_FORM, ChatServiceSid=OTHER_CHAT_SERVICE_SID, ChannelType='sms', ContactIdentity='+15005550006')
    created = flex_flow(chat_service_sid=OTHER_CHAT_SERVICE_SID, channel_type='sms', contact_identity='+15005550006')
    result, failed, dummy = run(args, CREATE_READS[:2] + [create_flex_flow(form, created)])

    assert not failed, result
    assert result['changed'] is True
    assert result['flex_flow'] == created
    # The demo widget is for web flows only.
    assert 'demo_url' not in result


def test_create_task_flow_serializes_integers_and_booleans(run):
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
    result, failed, dummy = run(args, [list_flex_flows([], name=NAME), create_flex_flow(form, created)])

    assert not failed, result
    assert result['operation'] == 'create'
    assert result['flex_flow'] == created


def test_create_without_integration_is_refused_without_a_write(run):
    result, failed, replay = run(dict(friendly_name=NAME, chat_service_sid=CHAT_SERVICE_SID), [list_flex_flows([], name=NAME)])

    assert failed
    assert result['msg'] == ('Nothing was written: creating a Flex Flow needs an integration: set studio_flow (a Studio flow name), '
                             'or integration_type with its integration options')
    assert methods(replay) == ['GET']


def test_create_without_integration_is_refused_before_reading_the_configuration(run):
    result, failed, replay = run(dict(friendly_name=NAME), [list_flex_flows([], name=NAME)])

    assert failed
    assert 'needs an integration' in result['msg']
    assert methods(replay) == ['GET']


def test_create_fails_when_configuration_has_no_chat_service(run):
    calls = CREATE_READS[:2] + [Call('GET', CONFIGURATION, json=dict(configuration(), chat_service_instance_sid=None))]
    result, failed, replay = run(CREATE_ARGS, calls)

    assert failed
    assert result['msg'] == ("Nothing was written: the account's Flex Configuration (chat_service_instance_sid) names no chat service "
                             '(is Flex set up on this account?): set chat_service_sid')
    assert methods(replay) == ['GET', 'GET', 'GET']


def test_create_on_an_account_without_flex_fails_asking_for_the_chat_service(run):
    # Twilio's 404 for the configuration means Flex is not set up: nothing is configured.
    calls = CREATE_READS[:2] + [Call('GET', CONFIGURATION, status=404, json=twilio_error(404, 20404, 'The requested resource was not found'))]
    result, failed, dummy = run(CREATE_ARGS, calls)

    assert failed
    assert result['msg'].endswith('names no chat service (is Flex set up on this account?): set chat_service_sid')


def test_sid_only_that_does_not_exist_fails_without_a_write(run):
    result, failed, replay = run(dict(sid=FLOW_SID, studio_flow=STUDIO_NAME), [list_studio_flows([studio_flow()]), get_flex_flow(None)])

    assert failed
    assert result['msg'] == 'Nothing was written: no Flex Flow has sid %s; to create one, give friendly_name without sid' % FLOW_SID
    assert methods(replay) == ['GET', 'GET']


def test_neither_sid_nor_friendly_name_fails_before_any_request(run):
    result, failed, replay = run(dict(studio_flow=STUDIO_NAME), [])

    assert failed
    assert result['msg'] == 'one of the following is required: sid, friendly_name'
    assert replay.requests == []


# -- idempotence and update ------------------------------------------------------------------


def test_second_run_reads_only_and_reports_no_change(run):
    existing = flex_flow()
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow()]), list_flex_flows([existing], name=NAME)], diff=True)

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'
    assert result['flex_flow'] == existing
    assert result['demo_url'] == DEMO_URL
    assert 'diff' not in result
    assert methods(replay) == ['GET', 'GET']


def test_api_values_are_normalized_before_comparing(run):
    # The API may answer strings where the user gave booleans or integers, and null for ''.
    existing = flex_flow(enabled='true', janitor_enabled='False', contact_identity=None,
                         integration=dict(flow_sid=STUDIO_SID, retry_count='2'))
    args = dict(friendly_name=NAME, enabled=True, janitor_enabled=False, contact_identity='',
                integration=dict(flow_sid=STUDIO_SID, retry_count=2))
    result, failed, replay = run(args, [list_flex_flows([existing], name=NAME)])

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'
    assert methods(replay) == ['GET']


UPDATE_ARGS = dict(friendly_name=NAME, studio_flow=STUDIO_NAME, enabled=True, janitor_enabled=False, integration=dict(retry_count=1))


def update_reads(existing):
    return [list_studio_flows([studio_flow()]), list_flex_flows([existing], name=NAME)]


def test_update_sends_only_the_fields_that_differ_and_diffs_only_them(run):
    existing = flex_flow(enabled=False)
    updated = flex_flow(enabled=True, integration=dict(flow_sid=STUDIO_SID, retry_count=1))
    calls = update_reads(existing) + [update_flex_flow({'Enabled': 'true', 'Integration.RetryCount': '1'}, updated)]
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


def test_update_without_diff_mode_has_no_diff(run):
    existing = flex_flow(enabled=False)
    updated = flex_flow(enabled=True, integration=dict(flow_sid=STUDIO_SID, retry_count=1))
    calls = update_reads(existing) + [update_flex_flow({'Enabled': 'true', 'Integration.RetryCount': '1'}, updated)]
    result, failed, dummy = run(UPDATE_ARGS, calls)

    assert not failed, result
    assert result['changed'] is True
    assert 'diff' not in result


def test_update_in_check_mode_shows_would_be_values_without_posting(run):
    existing = flex_flow(enabled=False)
    result, failed, replay = run(UPDATE_ARGS, update_reads(existing), check_mode=True, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'update'
    assert result['flex_flow'] == flex_flow(enabled=True, integration=dict(flow_sid=STUDIO_SID, retry_count=1))
    assert result['diff'] == dict(before=dict(enabled=False, integration=dict(retry_count=3)),
                                  after=dict(enabled=True, integration=dict(retry_count=1)))
    assert methods(replay) == ['GET', 'GET']


def test_switching_to_another_studio_flow_changes_only_the_flow_sid(run):
    existing = flex_flow()
    updated = flex_flow(integration=dict(flow_sid=STUDIO_SID_2, retry_count=3))
    calls = [list_studio_flows([studio_flow(), studio_flow(STUDIO_SID_2, 'Webchat Flow v2')]),
             list_flex_flows([existing], name=NAME),
             update_flex_flow({'Integration.FlowSid': STUDIO_SID_2}, updated)]
    result, failed, dummy = run(dict(friendly_name=NAME, studio_flow='Webchat Flow v2'), calls, diff=True)

    assert not failed, result
    assert result['flex_flow'] == updated
    assert result['diff'] == dict(before=dict(integration=dict(flow_sid=STUDIO_SID)), after=dict(integration=dict(flow_sid=STUDIO_SID_2)))


def test_switching_integration_type_sends_type_and_its_option(run):
    updated = flex_flow(integration_type='external', integration=dict(url='https://hooks.example.test/webchat', retry_count=3))
    calls = [list_flex_flows([flex_flow()], name=NAME),
             update_flex_flow({'IntegrationType': 'external', 'Integration.Url': 'https://hooks.example.test/webchat'}, updated)]
    result, failed, dummy = run(dict(friendly_name=NAME, integration=dict(url='https://hooks.example.test/webchat')), calls)

    assert not failed, result
    assert result['changed'] is True
    assert result['flex_flow'] == updated


def test_switching_a_task_flow_to_studio_by_name(run):
    updated = flex_flow()
    calls = [list_studio_flows([studio_flow()]), list_flex_flows([TASK_FLOW], name=NAME),
             update_flex_flow({'IntegrationType': 'studio', 'Integration.FlowSid': STUDIO_SID}, updated)]
    result, failed, dummy = run(dict(friendly_name=NAME, studio_flow=STUDIO_NAME), calls)

    assert not failed, result
    assert result['operation'] == 'update'


# -- integration options against the type the flow will have --------------------------------------------


def test_an_option_of_another_type_on_an_existing_flow_is_refused_before_any_write(run):
    # No integration_type given: the options are checked against the flow's own type (task).
    result, failed, replay = run(dict(friendly_name=NAME, integration=dict(retry_count=2)), [list_flex_flows([TASK_FLOW], name=NAME)])

    assert failed
    assert result['msg'] == 'Nothing was written: integration.retry_count applies only to integration_type external or studio, not task'
    assert methods(replay) == ['GET']


def test_an_option_of_the_flows_own_type_is_updated(run):
    updated = flex_flow(integration_type='task', integration=dict(TASK_FLOW['integration'], priority=5))
    calls = [list_flex_flows([TASK_FLOW], name=NAME), update_flex_flow({'Integration.Priority': '5'}, updated)]
    result, failed, dummy = run(dict(friendly_name=NAME, integration=dict(priority=5)), calls)

    assert not failed, result
    assert result['flex_flow'] == updated


def test_switching_type_with_the_new_types_options(run):
    updated = flex_flow(integration_type='external', integration=dict(url='https://hooks.example.test/webchat', retry_count=2))
    calls = [list_flex_flows([TASK_FLOW], name=NAME),
             update_flex_flow({'IntegrationType': 'external', 'Integration.Url': 'https://hooks.example.test/webchat', 'Integration.RetryCount': '2'},
                              updated)]
    integration = dict(url='https://hooks.example.test/webchat', retry_count=2)
    result, failed, dummy = run(dict(friendly_name=NAME, integration_type='external', integration=integration), calls)

    assert not failed, result
    assert result['flex_flow'] == updated


# -- rename ---------------------------------------------------------------------------------------


def test_rename_by_sid_checks_the_name_is_free_then_posts_only_the_new_name(run):
    renamed = flex_flow(name='WebChat en-GB')
    calls = [get_flex_flow(flex_flow()), list_flex_flows([], name='WebChat en-GB'),
             update_flex_flow({'FriendlyName': 'WebChat en-GB'}, renamed)]
    result, failed, dummy = run(dict(sid=FLOW_SID, friendly_name='WebChat en-GB'), calls, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'update'
    assert result['flex_flow'] == renamed
    assert result['diff'] == dict(before=dict(friendly_name=NAME), after=dict(friendly_name='WebChat en-GB'))


def test_rename_by_sid_onto_a_name_another_flow_has_is_refused_naming_that_flow(run):
    other = flex_flow(sid=FLOW_SID_2, name='WebChat fr', channel_type='sms')
    calls = [get_flex_flow(flex_flow()), list_flex_flows([other], name='WebChat fr')]
    result, failed, replay = run(dict(sid=FLOW_SID, friendly_name='WebChat fr'), calls)

    assert failed
    assert result['msg'] == ('Nothing was written: "WebChat en" (%s, web) cannot be renamed to "WebChat fr": '
                             '"WebChat fr" (%s, sms) already has that friendly_name' % (FLOW_SID, FLOW_SID_2))
    assert methods(replay) == ['GET', 'GET']


def test_rename_onto_a_near_miss_name_is_allowed(run):
    # The API's name filter may answer near misses; only an exact match takes the name.
    near_miss = flex_flow(sid=FLOW_SID_2, name='webchat FR')
    renamed = flex_flow(name='WebChat fr')
    calls = [get_flex_flow(flex_flow()), list_flex_flows([near_miss], name='WebChat fr'), update_flex_flow({'FriendlyName': 'WebChat fr'}, renamed)]
    result, failed, dummy = run(dict(sid=FLOW_SID, friendly_name='WebChat fr'), calls)

    assert not failed, result
    assert result['flex_flow'] == renamed


def test_sid_found_and_matching_is_not_changed(run):
    result, failed, replay = run(dict(sid=FLOW_SID, enabled=True), [get_flex_flow(flex_flow())])

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'
    assert methods(replay) == ['GET']


def test_sid_and_its_own_name_needs_no_name_check(run):
    result, failed, replay = run(dict(sid=FLOW_SID, friendly_name=NAME), [get_flex_flow(flex_flow())])

    assert not failed, result
    assert result['operation'] == 'none'


# -- channel types ------------------------------------------------------------------------------------


def test_a_flow_of_another_channel_type_under_the_name_is_refused_naming_its_sid_and_type(run):
    result, failed, replay = run(dict(EXTERNAL, channel_type='web'), [list_flex_flows([SMS], name=NAME)])

    assert failed
    assert result['msg'] == ('Nothing was written: "WebChat en" (%s, sms) has channel_type "sms", not "web": that cannot be changed on '
                             'an existing Flex Flow; if it is the flow you mean, delete it (state=absent) and create it again; if it is '
                             "someone else's (an SMS number, say), give yours another name" % FLOW_SID)
    assert methods(replay) == ['GET']


def test_without_channel_type_the_flow_found_by_name_is_updated_whatever_its_channel(run):
    # The web default applies to a create only: an entry that does not say its channel manages the
    # flow of that name as it is, and never sends ChannelType in an update.
    updated = dict(SMS, enabled=False)
    calls = [list_flex_flows([SMS], name=NAME), update_flex_flow({'Enabled': 'false'}, updated)]
    result, failed, dummy = run(dict(friendly_name=NAME, enabled=False), calls)

    assert not failed, result
    assert result['flex_flow'] == updated
    assert 'demo_url' not in result


def test_the_same_channel_type_given_is_no_change(run):
    result, failed, dummy = run(dict(friendly_name=NAME, channel_type='sms'), [list_flex_flows([SMS], name=NAME)])

    assert not failed, result
    assert result['operation'] == 'none'


def test_absent_with_channel_type_does_not_delete_a_flow_of_another_type(run):
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', channel_type='web'), [list_flex_flows([SMS], name=NAME)])

    assert failed
    assert result['msg'] == ('Nothing was written: "WebChat en" (%s, sms) has channel_type "sms", not "web": '
                             'it is not the one meant, and was not deleted' % FLOW_SID)
    assert methods(replay) == ['GET']


def test_absent_with_the_flows_own_channel_type_deletes_it(run):
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', channel_type='web'), [list_flex_flows([flex_flow()], name=NAME),
                                                                                                delete_flex_flow()])

    assert not failed, result
    assert result['operation'] == 'delete'


# -- delete ------------------------------------------------------------------------------------


def test_delete_by_name(run):
    existing = flex_flow()
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([existing], name=NAME), delete_flex_flow()], diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'delete'
    assert result['flex_flow'] == {}
    assert 'demo_url' not in result
    assert result['diff'] == dict(before=existing, after={})


def test_delete_by_sid(run):
    result, failed, dummy = run(dict(sid=FLOW_SID, state='absent'), [get_flex_flow(flex_flow()), delete_flex_flow()])

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'delete'


def test_delete_when_absent_sends_no_delete(run):
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([], name=NAME)], diff=True)

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'
    assert result['flex_flow'] == {}
    assert 'diff' not in result


def test_delete_by_sid_when_absent_sends_no_delete(run):
    result, failed, dummy = run(dict(sid=FLOW_SID, state='absent'), [get_flex_flow(None)])

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'


def test_delete_in_check_mode_sends_no_delete(run):
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([flex_flow()], name=NAME)], check_mode=True,
                                 diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'delete'
    assert result['diff'] == dict(before=flex_flow(), after={})
    assert methods(replay) == ['GET']


def test_delete_answered_404_is_success(run):
    # Someone else deleted the flow between our read and our DELETE: the goal is reached.
    calls = [list_flex_flows([flex_flow()], name=NAME), delete_flex_flow(status=404, answer=twilio_error(404, 20404, 'Not found'))]
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), calls)

    assert not failed, result
    assert result['operation'] == 'delete'
    assert 'error' not in result


def test_delete_answered_an_html_404_fails(run):
    calls = [list_flex_flows([flex_flow()], name=NAME), Call('DELETE', FLOW_URL, status=404, content=b'<html>nope</html>')]
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), calls)

    assert failed
    assert result['msg'].startswith('DELETE /v1/FlexFlows/%s answered HTTP 404: Not Found, not a Twilio error (text/html)' % FLOW_SID)


def test_delete_answered_403_fails_with_the_twilio_error(run):
    calls = [list_flex_flows([flex_flow()], name=NAME), delete_flex_flow(status=403, answer=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), calls)

    assert failed
    assert result['msg'] == ('DELETE /v1/FlexFlows/%s answered HTTP 403, Twilio error 20403: Forbidden '
                             '(more info: https://www.twilio.com/docs/errors/20403)' % FLOW_SID)
    assert result['error']['code'] == 20403


def test_absent_ignores_studio_flow_and_integration_rules(run):
    # Deleting needs no Studio lookup, and present-only rules must not block it.
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', studio_flow=STUDIO_NAME, integration_type='task'),
                                 [list_flex_flows([], name=NAME)])

    assert not failed, result
    assert result['changed'] is False
    assert methods(replay) == ['GET']


# -- duplicates and pagination ------------------------------------------------------------------


@pytest.mark.parametrize('state', ['present', 'absent'])
def test_two_flows_with_the_name_fail_without_a_write_listing_sids_and_channel_types(state, run):
    twins = [flex_flow(), flex_flow(sid=FLOW_SID_2, channel_type='sms')]
    args = dict(EXTERNAL, state=state) if state == 'present' else dict(friendly_name=NAME, state='absent')
    result, failed, replay = run(args, [list_flex_flows(twins, name=NAME)])

    assert failed
    assert result['msg'] == ('Nothing was written: 2 Flex Flows have this friendly_name ("WebChat en" (%s, web), "WebChat en" (%s, sms)); '
                             'name the one you mean by sid' % (FLOW_SID, FLOW_SID_2))
    assert methods(replay) == ['GET']


NEXT_PAGE = FLEX_FLOWS + '?FriendlyName=WebChat+en&PageSize=1000&Page=1&PageToken=PAFO11111111111111111111111111111111'


def test_match_on_the_second_page_means_no_create(run):
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


def test_duplicate_spread_over_two_pages_is_detected(run):
    calls = [list_flex_flows([flex_flow()], name=NAME, next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [flex_flow(sid=FLOW_SID_2)], NEXT_PAGE))]
    result, failed, dummy = run(EXTERNAL, calls)

    assert failed
    assert FLOW_SID in result['msg'] and FLOW_SID_2 in result['msg']


def test_a_near_miss_alone_means_create(run):
    near_miss = flex_flow(sid=FLOW_SID_2, name='webchat EN')
    result, failed, dummy = run(EXTERNAL, [list_flex_flows([near_miss], name=NAME), create_flex_flow(EXTERNAL_FORM, EXTERNAL_FLOW)])

    assert not failed, result
    assert result['operation'] == 'create'
    assert result['flex_flow'] == EXTERNAL_FLOW


# -- validation before any request ---------------------------------------------------------------

TASK = dict(integration_type='task', integration=dict(workspace_sid=WORKSPACE_SID, workflow_sid=WORKFLOW_SID))
INVALID = 'Invalid input, nothing was sent to Twilio: '
NOT_A_URL = 'is not an absolute http(s) URL such as https://example.com/webhook'
WHITESPACE = 'must not start or end with white space (Twilio keeps it, and lookups by name would miss it)'

INVALID_INPUT = [
    ('bad sid', dict(sid='FO123'), 'sid "FO123" is not a Flex Flow SID (FO followed by 32 hex digits)'),
    ('studio sid as sid', dict(sid=STUDIO_SID, friendly_name=NAME),
     'sid "%s" is a Studio Flow SID, expected a Flex Flow SID (FO followed by 32 hex digits)' % STUDIO_SID),
    ('bad sid when absent', dict(sid='nonsense', state='absent'), 'sid "nonsense" is not a Flex Flow SID (FO followed by 32 hex digits)'),
    # SID_RE must fullmatch: a SID with a trailing newline would otherwise end up in a URL.
    ('sid with a trailing newline', dict(sid=FLOW_SID + '\n', state='absent'),
     'sid "%s\\n" is not a Flex Flow SID (FO followed by 32 hex digits)' % FLOW_SID),
    ('bad chat_service_sid', dict(friendly_name=NAME, studio_flow=STUDIO_NAME, chat_service_sid='IS123'),
     'chat_service_sid "IS123" is not a Chat Service SID (IS followed by 32 hex digits)'),
    ('url with studio', dict(friendly_name=NAME, integration_type='studio', integration=dict(flow_sid=STUDIO_SID, url='https://hooks.example.test/x')),
     'integration.url applies only to integration_type external, not studio'),
    ('retry_count with task', dict(TASK, friendly_name=NAME, integration=dict(TASK['integration'], retry_count=1)),
     'integration.retry_count applies only to integration_type external or studio, not task'),
    ('retry_count 4', dict(friendly_name=NAME, studio_flow=STUDIO_NAME, integration=dict(retry_count=4)),
     'integration.retry_count must be between 0 and 3, got 4'),
    ('retry_count -1', dict(friendly_name=NAME, studio_flow=STUDIO_NAME, integration=dict(retry_count=-1)),
     'integration.retry_count must be between 0 and 3, got -1'),
    ('integration.timeout 0', dict(TASK, friendly_name=NAME, integration=dict(TASK['integration'], timeout=0)),
     'integration.timeout must be at least 1, got 0'),
    ('priority -1', dict(TASK, friendly_name=NAME, integration=dict(TASK['integration'], priority=-1)),
     'integration.priority must be at least 0, got -1'),
    ('blank channel', dict(TASK, friendly_name=NAME, integration=dict(TASK['integration'], channel='  ')),
     'integration.channel must not be empty or only whitespace'),
    ('ftp url', dict(friendly_name=NAME, integration=dict(url='ftp://x')), 'integration.url "ftp://x" ' + NOT_A_URL),
    ('not a url', dict(friendly_name=NAME, integration=dict(url='not a url')), 'integration.url "not a url" ' + NOT_A_URL),
    ('empty friendly_name', dict(friendly_name='', studio_flow=STUDIO_NAME), 'friendly_name must not be empty or only whitespace'),
    ('blank friendly_name', dict(friendly_name='   ', studio_flow=STUDIO_NAME), 'friendly_name must not be empty or only whitespace'),
    ('leading space', dict(friendly_name=' WebChat en', studio_flow=STUDIO_NAME), 'friendly_name " WebChat en" ' + WHITESPACE),
    ('trailing newline', dict(friendly_name='WebChat en\n', state='absent'), 'friendly_name "WebChat en\\n" ' + WHITESPACE),
    ('blank studio_flow', dict(friendly_name=NAME, studio_flow='  '), 'studio_flow must not be empty or only whitespace'),
    ('studio_flow and flow_sid', dict(friendly_name=NAME, studio_flow=STUDIO_NAME, integration=dict(flow_sid=STUDIO_SID)),
     'studio_flow (a name) and integration.flow_sid (its SID) are both given: set only one'),
    # A type given or implied comes with what it needs, on a new flow and an existing one alike
    # (switching type included): checked before any request.
    ('studio without flow', dict(friendly_name=NAME, integration_type='studio'),
     'integration_type studio needs integration.flow_sid (or studio_flow, by name)'),
    ('external without url', dict(friendly_name=NAME, integration_type='external', integration=dict(retry_count=1)),
     'integration_type external needs integration.url'),
    ('task without workspace or workflow', dict(friendly_name=NAME, integration_type='task'),
     'integration_type task needs integration.workspace_sid; integration_type task needs integration.workflow_sid'),
    ('task implied without workflow', dict(friendly_name=NAME, integration=dict(workspace_sid=WORKSPACE_SID)),
     'integration_type task needs integration.workflow_sid'),
    ('studio_flow with task', dict(TASK, friendly_name=NAME, studio_flow=STUDIO_NAME), 'studio_flow applies only to integration_type studio, not task'),
    ('workflow sid as workspace', dict(friendly_name=NAME, integration=dict(workspace_sid=WORKFLOW_SID, workflow_sid=WORKFLOW_SID)),
     'integration.workspace_sid "%s" is a TaskRouter Workflow SID, expected a TaskRouter Workspace SID (WS followed by 32 hex digits)'
     % WORKFLOW_SID),
    ('options of two types', dict(friendly_name=NAME, integration=dict(url='https://hooks.example.test/x', workspace_sid=WORKSPACE_SID)),
     'the options given (integration.url, integration.workspace_sid) belong to different values of integration_type: set integration_type'),
    # required_one_of counts a null as given; a lookup without a name would match every flow.
    ('null friendly_name', dict(friendly_name=None, studio_flow=STUDIO_NAME), 'sid or friendly_name is needed to identify the Flex Flow'),
    ('null friendly_name when absent', dict(friendly_name=None, state='absent'), 'sid or friendly_name is needed to identify the Flex Flow'),
    ('every problem at once', dict(sid='FO123', chat_service_sid='IS123', integration=dict(retry_count=9)),
     'sid "FO123" is not a Flex Flow SID (FO followed by 32 hex digits); chat_service_sid "IS123" is not a Chat Service SID '
     '(IS followed by 32 hex digits); integration.retry_count must be between 0 and 3, got 9'),
]


@pytest.mark.parametrize('args, message', [case[1:] for case in INVALID_INPUT], ids=[case[0] for case in INVALID_INPUT])
def test_invalid_input_fails_before_any_request(args, message, run):
    result, failed, replay = run(args, [])

    assert failed
    assert result['msg'] == INVALID + message
    assert replay.requests == []


@pytest.mark.parametrize('args, fragment', [
    (dict(friendly_name=NAME, channel_type='webchat'), 'value of channel_type must be one of: web, sms, facebook, whatsapp, line, custom'),
    (dict(friendly_name=NAME, known_sid=FLOW_SID), 'Unsupported parameters for (flex_flow) module: known_sid'),
])
def test_options_the_argument_spec_refuses(args, fragment, run):
    result, failed, replay = run(args, [])

    assert failed
    assert fragment in result['msg']
    assert replay.requests == []


# -- Studio flow lookup ------------------------------------------------------------------------


def test_studio_flow_not_found_lists_the_names_and_writes_nothing(run):
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow(STUDIO_SID_2, 'Sales'), studio_flow(name='Support')])])

    assert failed
    assert result['msg'] == 'Nothing was written: studio_flow: no Studio flow is named "Webchat Flow"; the account has: "Sales", "Support"'
    assert methods(replay) == ['GET']


def test_studio_flow_not_found_in_an_account_without_flows(run):
    result, failed, dummy = run(CREATE_ARGS, [list_studio_flows([])])

    assert failed
    assert result['msg'].endswith('the account has: no Studio flow at all')


def test_studio_flow_names_are_capped_in_the_message(run):
    flows = [studio_flow('FW%032x' % number, 'Flow %02d' % number) for number in range(25)]
    result, failed, dummy = run(CREATE_ARGS, [list_studio_flows(flows)])

    assert failed
    assert result['msg'].endswith('"Flow 19", ... (5 more)')
    assert 'Flow 20' not in result['msg']


def test_ambiguous_studio_flow_lists_the_sids_and_writes_nothing(run):
    result, failed, dummy = run(CREATE_ARGS, [list_studio_flows([studio_flow(), studio_flow(STUDIO_SID_2)])])

    assert failed
    assert result['msg'] == ('Nothing was written: studio_flow: 2 Studio flows are named "Webchat Flow" (%s, %s): rename them, '
                             'or give the one you mean by SID in integration.flow_sid' % (STUDIO_SID, STUDIO_SID_2))


def test_draft_studio_flow_warns_and_is_still_used(run):
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow(status='draft')]), list_flex_flows([flex_flow()], name=NAME)])

    assert not failed, result
    assert result['changed'] is False
    assert replay.warnings == ['Studio flow "Webchat Flow" (%s) is draft, not published: chats will not route to it until it is published'
                               % STUDIO_SID]


def test_draft_studio_flow_warns_also_when_the_run_fails(run):
    twins = [flex_flow(), flex_flow(sid=FLOW_SID_2)]
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow(status='draft')]), list_flex_flows(twins, name=NAME)])

    assert failed
    assert len(replay.warnings) == 1 and 'is draft' in replay.warnings[0]


def test_studio_flow_on_the_second_page_is_found(run):
    next_page = STUDIO_FLOWS + '?PageSize=1000&Page=1&PageToken=PAFW1'
    calls = [Call('GET', STUDIO_FLOWS, params={'PageSize': 1000}, json=page('flows', [studio_flow(STUDIO_SID_2, 'Sales')], STUDIO_FLOWS, next_page)),
             Call('GET', next_page, json=page('flows', [studio_flow()], next_page)),
             list_flex_flows([flex_flow()], name=NAME)]
    result, failed, dummy = run(CREATE_ARGS, calls)

    assert not failed, result
    assert result['changed'] is False
