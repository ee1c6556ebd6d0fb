#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: webchat_addresses_site_report
short_description: Read one site as the webchat_addresses role would converge it, for the fleet report; writes nothing
version_added: 3.0.0
description:
  - Reads one site the way the fleet report (the playbook C(twilio_ops.flex.drift_report)) needs it, in one task, and
    returns the site's part of the report as the fact C(webchat_addresses_report_site).
  - Works out the role C(twilio_ops.flex.webchat_addresses)'s plan for the site from O(languages) and O(settings);
    reads the site's record and lock (in the account store; see M(twilio_ops.flex.site_record_info)); lists the
    account's web Flex Flows and chat addresses; and predicts, in check mode, what the role's set modules would do
    (M(twilio_ops.flex.flex_flows), M(twilio_ops.flex.conversations_addresses)).
  - Writes nothing to Twilio, Sync included, and takes no lock, whether the play runs in check mode or not.
  - A step that fails (bad input, credentials Twilio refuses, a record that cannot be believed) ends the reading;
    the site's report then says the site failed, and why. The task itself does not fail.
  - "The role runs it with C(tasks_from: report) for each site of the report; a playbook of one's own may run it too."
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.INFO_MODULE
  - twilio_ops.flex.site
attributes:
  action:
    description: Has an action plugin, which does the work on the controller.
    support: full
    details:
      - Runs only as its action plugin, on the controller. Its steps are the collection's modules, run in the
        controller's own process when they can, else as module processes.
options:
  languages:
    description:
      - The site's languages, as the role's C(webchat_addresses_languages) gives them. Checked as the role checks them;
        a problem makes the site's report say C(failed), for its input.
    type: raw
    required: true
  settings:
    description:
      - The rest of the role's input for the site, as its variables give them (without their C(webchat_addresses_)
        prefix).
    type: dict
    required: true
    suboptions:
      site:
        description: The site's inventory name (a record file names the site it belongs to).
        type: str
        required: true
      api:
        description: C(flex_flows) or C(conversations), as the role's C(webchat_addresses_api).
        type: str
        default: flex_flows
      name_prefix:
        description: As the role's C(webchat_addresses_name_prefix).
        type: str
        default: WebChat
      studio_flow:
        description: As the role's C(webchat_addresses_studio_flow).
        type: str
        default: Webchat Flow
      chat_service_sid:
        description: As the role's C(webchat_addresses_chat_service_sid).
        type: str
        default: ''
      conversation_service_sid:
        description: As the role's C(webchat_addresses_conversation_service_sid).
        type: str
        default: ''
      purge:
        description: As the role's C(webchat_addresses_purge).
        type: bool
        default: false
      allow_purge_all:
        description: As the role's C(webchat_addresses_allow_purge_all).
        type: bool
        default: false
      remove_legacy:
        description: As the role's C(webchat_addresses_remove_legacy).
        type: bool
        default: false
      record_store:
        description: C(account) or C(file), as the role's C(webchat_addresses_record_store).
        type: str
        default: account
      record_file:
        description: The site's record file (the file store; the account store imports it when the account has none).
        type: str
        default: ''
      account_sid:
        description: The site's account, when the site names it (a record file of another account is refused).
        type: str
        default: ''
  record_text:
    description: The text of the site's record file; empty when there is none.
    type: raw
    default: ''
seealso:
  - module: twilio_ops.flex.site_record_info
  - module: twilio_ops.flex.flex_flows
  - module: twilio_ops.flex.conversations_addresses
  - ref: ansible_collections.twilio_ops.flex.docsite.guide_fleet_report
    description: The fleet report, which runs this for every site.
'''

EXAMPLES = r'''
- name: Read the site acme_eu as the role would converge it, writing nothing
  twilio_ops.flex.webchat_addresses_site_report:
    name: acme_eu
    languages:
      - language: en
      - language: fr
    settings:
      site: acme_eu
  delegate_to: localhost

- name: Say what a run of the role would do there
  ansible.builtin.debug:
    msg: "{{ webchat_addresses_report_site.state }}: {{ webchat_addresses_report_site.drift }}"
'''

RETURN = r'''
ansible_facts:
  description: The site's part of the fleet report.
  returned: always
  type: dict
  contains:
    webchat_addresses_report_site:
      description:
        - The site as the fleet report's JSON shows it under C(sites) (the guide "The fleet report" documents every
          key), among them C(state) (C(converged), C(drifted) or C(failed)), C(reasons), C(drift), C(languages) (what
          a run would do for each), C(duplicates), C(lookalikes), C(unlisted_made), C(migration) and C(record).
      type: dict
      sample:
        site: acme_eu
        state: drifted
        reasons: []
        drift: [create]
        api: flex_flows
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._sync import site_argument_spec


def argument_spec():
    """The module's own options (the connection's are added by TwilioModule, or the action plugin)."""
    spec = site_argument_spec()
    spec.update(
        # raw: the role's plan names what is wrong with them, as the role does.
        languages=dict(type='raw', required=True),
        settings=dict(type='dict', required=True, options=dict(
            site=dict(type='str', required=True),
            api=dict(type='str', default='flex_flows'),
            name_prefix=dict(type='str', default='WebChat'),
            studio_flow=dict(type='str', default='Webchat Flow'),
            chat_service_sid=dict(type='str', default=''),
            conversation_service_sid=dict(type='str', default=''),
            purge=dict(type='bool', default=False),
            allow_purge_all=dict(type='bool', default=False),
            remove_legacy=dict(type='bool', default=False),
            record_store=dict(type='str', default='account'),
            record_file=dict(type='str', default=''),
            account_sid=dict(type='str', default=''),
        )),
        record_text=dict(type='raw', default=''),
    )
    return spec


def main():
    # Ansible runs the action plugin of the same name (plugins/action/webchat_addresses_site_report.py),
    # never this: the role's reasoning lives on the controller (plugins/plugin_utils), out of a module's reach.
    module = TwilioModule(argument_spec=argument_spec())
    module.fail_json(msg='webchat_addresses_site_report runs only as its action plugin, on the controller')


if __name__ == '__main__':
    main()
