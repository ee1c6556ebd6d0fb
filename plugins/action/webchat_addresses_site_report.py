# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""webchat_addresses_site_report: the fleet report's reading of one site, in one task
(plugins/modules/webchat_addresses_site_report.py documents it).

Why one task: the report reads every site of a fleet, and Ansible's strategy costs tens of
milliseconds of the controller's one process per task and site, whatever the task does. The
reading is five steps (the record and lock, two listings, the set module's prediction, the site's
part of the report); as tasks they cost more than 0.5 s a site, here about a tenth of that. The
steps are the collection's own modules, run in check mode through InProcessAction.run_module (in
this process, or as module processes where it cannot), and the role's own reasoning (its plan,
and drift_report_site). Nothing is written to Twilio, and no lock is taken."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.twilio_ops.flex.plugins.module_utils._connection import connection_argument_spec
from ansible_collections.twilio_ops.flex.plugins.module_utils._module import with_connection
from ansible_collections.twilio_ops.flex.plugins.module_utils._sync import site_argument_spec
from ansible_collections.twilio_ops.flex.plugins.modules import (
    conversations_address_info,
    conversations_addresses,
    flex_flow_info,
    flex_flows,
    site_record_info,
    webchat_addresses_site_report,
)
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.controller_run import InProcessAction
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.drift_report import drift_report_site
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_outcome import webchat_addresses_flex_flow_entries
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_plan import webchat_addresses_plan


class Stopped(Exception):
    """A step that failed: the site's report says which, and why."""

    def __init__(self, task, result):
        super(Stopped, self).__init__(task)
        self.failure = dict(task=task, result=dict(msg=result.get('msg') or '', error=result.get('error') or {}))


class ActionModule(InProcessAction):
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(InProcessAction, self).run(tmp, task_vars)  # ActionBase's: no module of its own to run
        _validation, args = self.validate_argument_spec(argument_spec=with_connection(webchat_addresses_site_report.argument_spec()))
        try:
            site = self.read_site(args, task_vars)
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        result.update(changed=False, ansible_facts=dict(webchat_addresses_report_site=site))
        return result

    def read_site(self, args, task_vars):
        """The site's part of the fleet report (drift_report_site)."""
        settings = dict(args['settings'])
        connection = dict((option, args[option]) for option in connection_argument_spec() if args.get(option) is not None)
        site_map = dict((option, args[option]) for option in site_argument_spec() if args.get(option) is not None)
        data = dict(site=settings.get('site'), settings=dict(settings, record_name=args['name']), plan={}, record_info={},
                    flex_flow_listing=None, conversations_listing=None, flex_flows={}, conversations={}, failure=None,
                    account_sid=connection.get('account_sid') or os.environ.get('TWILIO_ACCOUNT_SID'))

        def step(task, module, options, diff=False):
            found = self.run_module(module, dict(connection, **options), task_vars, check_mode=True, diff=diff)
            if found.get('failed'):
                raise Stopped(task, found)
            return found

        def plan(record_info=None):
            data['plan'] = webchat_addresses_plan(args['languages'], settings, connection, args['record_text'], record_info)
            return data['plan']

        try:
            if plan()['problems']:
                raise Stopped('Stop, before any request, when the input has problems', dict(msg='invalid input'))
            if settings.get('record_store') == 'account':
                data['record_info'] = step("Read the site's record and who holds its lock", site_record_info, site_map)
                if plan(data['record_info'].get('record'))['problems']:
                    raise Stopped('Stop when the record cannot be believed', dict(msg='the record cannot be believed'))
            data['flex_flow_listing'] = step("List the account's web Flex Flows", flex_flow_info, dict(channel_type='web'))['flex_flows']
            data['conversations_listing'] = step("List the account's Conversations chat addresses", conversations_address_info,
                                                 dict(type='chat'))['address_configurations']
            run_as = dict(purge=settings.get('purge'), ignore_case=True)
            if data['plan']['conversations']['run']:
                data['conversations'] = step("Predict the site's Conversations addresses", conversations_addresses,
                                             dict(run_as, entries=data['plan']['conversations']['entries'],
                                                  owned=data['plan']['conversations']['owned']), diff=True)
            if data['plan']['flex_flows']['run']:
                data['flex_flows'] = step("Predict the site's Flex Flows (legacy WebChat addresses)", flex_flows,
                                          dict(run_as, entries=webchat_addresses_flex_flow_entries(data['plan'], data['conversations']),
                                               owned=data['plan']['flex_flows']['owned']), diff=True)
        except Stopped as stopped:
            data['failure'] = stopped.failure
        return drift_report_site(data)
