#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: flex_flows
short_description: Converge a set of Twilio Flex Flows (WebChat or messaging addresses) in one run
version_added: 2.0.0
description:
  - Makes every Flex Flow of O(entries) exist as described, or not exist, in one module run. Each entry takes the
    options of M(twilio_ops.flex.flex_flow), with the same validation, comparison and refusals.
  - Reads the account once (every page, 1000 flows a request) and resolves every Studio flow name from one read of the
    Studio flows, so a run where nothing changes costs two or three requests however many entries there are.
  - Writes only what differs, in the order of the entries, paced to stay inside Twilio's documented rate limits for
    Flex Flows (2 creates, 1 update and 2 deletes a second per account), so a normal run gets no 429. A 429 that
    comes anyway is retried as usual.
  - Checks every entry before anything is written. An invalid entry (a value past a limit that Twilio's API documents
    included), a name several flows share, a flow of another channel type under an entry's name, an unknown Studio
    flow, or a run that would pass Twilio's limit of 2500 Flex Flows per account fails the whole run with every reason,
    and nothing is written.
  - With O(purge), also deletes the flows listed in O(owned) that no entry claims any more. Only those; a flow is owned
    when this module created it (it returns RV(owned) for the caller to keep and pass back), never because its name
    looks like an entry's. An owned flow that was renamed or changed channel by hand since is left alone, with a
    warning.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.flex_flow_options.ENTRIES
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.IN_CONTROLLER
attributes:
  check_mode:
    support: full
    details: In check mode nothing is written; the reads (the flows, the Studio flows, the Flex Configuration) still run.
  diff_mode:
    support: full
    details: One diff per flow that changes, headed by its name and SID; for a create the whole new flow, for a delete
      the whole old one, for an update the fields that change.
  idempotent:
    support: full
options:
  entries:
    description:
      - The Flex Flows, each as M(twilio_ops.flex.flex_flow) takes one, plus O(entries[].known).
      - Two entries must not name the same flow.
    type: list
    elements: dict
    required: true
  purge:
    description:
      - Delete the flows of O(owned) that no entry claims (by SID, by O(entries[].known) or by name), unless they
        were changed by hand since they were recorded.
    type: bool
    default: false
  owned:
    description:
      - The flows this module created on earlier runs, as it returned them in RV(owned). Only these can be purged.
    type: list
    elements: dict
    default: []
    suboptions:
      sid:
        description: The flow's SID (C(FO) followed by 32 hex digits).
        type: str
        required: true
      friendly_name:
        description: Its name when it was recorded. A flow renamed since is not purged.
        type: str
        required: true
      channel_type:
        description: Its channel type when it was recorded. A flow whose channel type changed since is not purged.
        type: str
        required: true
        choices: [web, sms, facebook, whatsapp, line, custom]
  ignore_case:
    description:
      - Match entries to existing flows by name without regard to case, so that C(WebChat pt-br) is the flow the entry
        C(WebChat pt-BR) means (and is renamed to that case). Two flows whose names differ only in case make such an
        entry ambiguous, and the run fails naming both.
    type: bool
    default: false
seealso:
  - module: twilio_ops.flex.flex_flow
  - module: twilio_ops.flex.flex_flow_info
  - name: Flex Messaging Limits
    description: Twilio's documented rate limits for Flex Flows, and the limit of 2500 flows per account.
    link: https://www.twilio.com/docs/flex/developer/messaging/limits
  - name: Flex Flow API reference
    description: Twilio's reference for the Flex Flow resource.
    link: https://www.twilio.com/docs/flex/developer/messaging/api/flex-flow
'''

EXAMPLES = r'''
- name: Three WebChat addresses in one run
  twilio_ops.flex.flex_flows:
    entries:
      - friendly_name: WebChat en
        studio_flow: Webchat Flow
        enabled: true
      - friendly_name: WebChat fr
        studio_flow: Webchat Flow
        enabled: true
      - friendly_name: WebChat de
        studio_flow: Messaging Flow
        enabled: false
  delegate_to: localhost
  register: webchat

- name: Show each address's SID and what was done
  ansible.builtin.debug:
    msg: "{{ webchat.results | map(attribute='flex_flow.sid') | zip(webchat.results | map(attribute='operation')) | list }}"

- name: Keep what the module made, and purge what it made that is no longer listed
  twilio_ops.flex.flex_flows:
    entries:
      - friendly_name: WebChat en
        studio_flow: Webchat Flow
        enabled: true
    owned: "{{ webchat.owned }}"
    purge: true
  delegate_to: localhost
  register: purged

- name: Retire an address explicitly, whoever made it
  twilio_ops.flex.flex_flows:
    entries:
      - friendly_name: WebChat en
        channel_type: web
        state: absent
  delegate_to: localhost
'''

RETURN = r'''
results:
  description:
    - One result per entry, in the order of O(entries).
  returned: always
  type: list
  elements: dict
  contains:
    operation:
      description: What was done for the entry, or would be done in check mode.
      type: str
      choices: [create, update, delete, none]
      sample: create
    changed:
      description: Whether the entry's flow changed.
      type: bool
      sample: true
    flex_flow:
      description:
        - The flow as the API returns it after the change (see M(twilio_ops.flex.flex_flow)); in check mode, as it
          would be (a flow to create has no SID yet). Empty when the flow is absent.
      type: dict
      sample: {"sid": "FO0123456789abcdef0123456789abcdef", "friendly_name": "WebChat en", "channel_type": "web"}
    demo_url:
      description: The Flex demo WebChat widget for a web flow that has a SID.
      type: str
      sample: https://demo.flex.twilio.com/chat?accountSid=AC0123456789abcdef0123456789abcdef&flexFlowSid=FO0123456789abcdef0123456789abcdef
    duplicates:
      description:
        - Other flows with the same identity and kind as the entry's (made twice, by hand or by two runs at once), with their
          SIDs and creation dates; also said in a warning, in check mode too. They are left alone, and purge deletes one
          only if it is in O(owned).
      type: list
      elements: dict
      returned: when the entry's flow has twins
      sample: [{"sid": "FO0123456789abcdef0123456789abcdef", "friendly_name": "WebChat en", "channel_type": "web", "date_created": "2026-12-01T10:00:01Z"}]
    replaces:
      description:
        - The SID the entry's O(entries[].known) recorded, when that flow is gone (deleted by hand?) and a new one was made
          (or, in check mode, would be made) in its place. Web pages that embed the old SID must be changed; a warning says
          so.
      type: str
      returned: when a recorded flow was made anew
      sample: FO0123456789abcdef0123456789abcdef
purged:
  description: The owned flows O(purge) deleted (or would delete, in check mode).
  returned: always
  type: list
  elements: dict
  sample: [{"sid": "FO0123456789abcdef0123456789abcdef", "operation": "delete", "resource": {"friendly_name": "WebChat it"}}]
kept:
  description: The owned flows purge left alone because they were changed by hand since they were recorded, with the reason.
  returned: always
  type: list
  elements: dict
  sample: []
owned:
  description:
    - The flows this module has created, as O(owned) takes them back; that is the O(owned) given, less the flows that no longer
      exist or were deleted, plus the flows created in this run (not in check mode, where they have no SID yet), with their
      current names.
    - Keep it (in a file, or in the inventory) and pass it back, so that purge can tell what this module made.
  returned: always
  type: list
  elements: dict
  sample: [{"sid": "FO0123456789abcdef0123456789abcdef", "friendly_name": "WebChat en", "channel_type": "web"}]
unreached:
  description: When a write failed, how many entries after the one that failed were not carried out.
  returned: on an API failure during the writes
  type: int
  sample: 2
retries:
  description:
    - Requests that were retried (or recovered by a lookup), oldest first; empty when every request succeeded at once.
  returned: always
  type: list
  elements: dict
  sample: []
error:
  description: The Twilio error that failed the module.
  returned: on an API failure
  type: dict
  sample: {"status": 400, "code": 20001, "message": "Invalid value for ChannelType", "method": "POST", "path": "/v1/FlexFlows"}
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import FlexFlows
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource_set import ResourceSet, set_argument_spec


def main(make=TwilioModule):
    """make: what runs the module (TwilioModule, or the action plugin's run in the controller's process)."""
    module = make(argument_spec=set_argument_spec(FlexFlows))
    ResourceSet(module, FlexFlows(module)).run()


if __name__ == '__main__':
    main()
