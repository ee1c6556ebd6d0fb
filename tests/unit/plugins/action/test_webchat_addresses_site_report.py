# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fleet report's reading of one site, in one task (plugins/action/webchat_addresses_site_report.py):
the requests it sends, in order, the site's report it returns, and that it writes nothing, in
check mode or not."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from unittest import mock

import pytest

from ansible.errors import AnsibleActionFail
from ansible_collections.twilio_ops.flex.plugins.action.webchat_addresses_site_report import ActionModule
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ADDRESSES,
    CONNECTION,
    FLOW_SID,
    STUDIO_NAME,
    flex_flow,
    get_configuration,
    list_addresses,
    list_flex_flows,
    list_studio_flows,
    studio_flow,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.plugins.modules.test_site_record import EN, ITEMS, NOW, bucket, item, key, listing
from ansible_collections.twilio_ops.flex.tests.unit.replay import AnsibleExitJson, Call, Replay

SETTINGS = dict(site='acme_eu', studio_flow=STUDIO_NAME)
ARGS = dict(CONNECTION, name='acme_eu', languages=[dict(language='en')], settings=SETTINGS)
WEB_LIST = list_flex_flows([flex_flow(FLOW_SID, 'WebChat en')])
CHAT_LIST = list_addresses([])


def read(args, calls, check_mode=False):
    """Run the action as Ansible would, delegated to the controller; (the site's report, replay)."""
    task = mock.MagicMock(args=dict(args), check_mode=check_mode, diff=False, async_val=0, environment=[{}])
    connection = mock.MagicMock(transport='local')
    connection._shell.tmpdir = None
    action = ActionModule(task, connection, mock.MagicMock(), mock.MagicMock(), mock.MagicMock(), None)
    replay = Replay(calls)

    def main():
        raise AnsibleExitJson(action.run(task_vars={}))

    result, _failed = replay.run(main, {})
    assert result['changed'] is False
    return result['ansible_facts']['webchat_addresses_report_site'], replay


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check mode'])
def test_a_converged_site_costs_five_reads_and_no_write(check_mode):
    site, replay = read(ARGS, [listing(item(key(EN), bucket([EN]))), WEB_LIST, CHAT_LIST, list_studio_flows([studio_flow()]), WEB_LIST],
                        check_mode=check_mode)

    assert (site['site'], site['state'], site['reasons'], site['drift']) == ('acme_eu', 'converged', [], [])
    assert [(row['language'], row['action'], row['sid']) for row in site['languages']] == [('en', 'none', FLOW_SID)]
    assert site['record']['store'] == 'account' and site['record']['exists'] is True
    assert [(request['method'], request['url']) for request in replay.requests] == [
        ('GET', ITEMS), ('GET', WEB_LIST.url), ('GET', ADDRESSES), ('GET', list_studio_flows([]).url), ('GET', WEB_LIST.url)]


def test_a_drifted_site_is_predicted_and_never_written_outside_check_mode_too():
    calls = [listing(item(key(EN), bucket([EN]))), WEB_LIST, CHAT_LIST, list_studio_flows([studio_flow()]), WEB_LIST, get_configuration()]
    site, replay = read(dict(ARGS, languages=[dict(language='en'), dict(language='fr')]), calls)

    assert (site['state'], site['drift']) == ('drifted', ['create'])
    assert [(row['language'], row['action']) for row in site['languages']] == [('en', 'none'), ('fr', 'create')]
    assert [request['method'] for request in replay.requests] == ['GET'] * 6


def test_the_file_store_reads_no_sync_and_takes_the_record_text():
    record = '{"format": 1, "site": "acme_eu", "addresses": [%s]}' % (
        '{"api": "flex_flows", "language": "en", "sid": "%s", "made": true, "friendly_name": "WebChat en"}' % FLOW_SID)
    site, replay = read(dict(ARGS, settings=dict(SETTINGS, record_store='file'), record_text=record),
                        [WEB_LIST, CHAT_LIST, list_studio_flows([studio_flow()]), WEB_LIST])

    assert site['state'] == 'converged' and site['record']['store'] == 'file' and site['record']['addresses'] == 1
    assert len(replay.requests) == 4


def test_bad_input_is_the_sites_failure_and_sends_nothing():
    site, replay = read(dict(ARGS, languages=[dict(language='not a tag!')]), [])

    assert site['state'] == 'failed' and [reason['kind'] for reason in site['reasons']] == ['input']
    assert replay.requests == []


def test_credentials_twilio_refuses_end_the_reading_at_the_first_request():
    refused = Call('GET', ITEMS, params=dict(PageSize=100), status=401, headers={'Date': NOW},
                   json=twilio_error(401, 20003, 'Authenticate'))
    site, replay = read(ARGS, [refused])

    assert site['state'] == 'failed' and [reason['kind'] for reason in site['reasons']] == ['credentials']
    assert "Read the site's record and who holds its lock: " in site['reasons'][0]['message']
    assert CONNECTION['auth_token'] not in repr(site)
    assert len(replay.requests) == 1


def test_its_own_options_are_checked_before_any_request():
    with pytest.raises(AnsibleActionFail, match='settings'):
        read(dict(ARGS, settings=dict(api='flex_flows')), [])
