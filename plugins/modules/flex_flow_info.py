#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: flex_flow_info
short_description: List Twilio Flex Flows (WebChat and messaging addresses)
version_added: 1.0.0
description:
  - Returns the account's Flex Flows, optionally filtered by SID, name and channel type.
  - Reads every page, 1000 flows a request, so an account with many flows is listed whole.
  - Always returns a list, empty when nothing matches.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.IN_CONTROLLER
  - twilio_ops.flex.attributes.INFO_MODULE
options:
  sid:
    description:
      - Only the flow with this SID (C(FO) followed by 32 hex digits). A SID that does not exist gives an empty list.
    type: str
  friendly_name:
    description:
      - Only flows with exactly this name (case-sensitive).
    type: str
  channel_type:
    description:
      - Only flows of this channel type.
    type: str
    choices: [web, sms, facebook, whatsapp, line, custom]
seealso:
  - module: twilio_ops.flex.flex_flow
  - name: Flex Flow API reference
    description: Twilio's reference for the Flex Flow resource.
    link: https://www.twilio.com/docs/flex/developer/messaging/api/flex-flow
'''

EXAMPLES = r'''
- name: Every WebChat address of the account
  twilio_ops.flex.flex_flow_info:
    channel_type: web
  delegate_to: localhost
  register: web

- name: Show name and SID of each
  ansible.builtin.debug:
    msg: "{{ web.flex_flows | items2dict(key_name='friendly_name', value_name='sid') }}"

- name: Adopt an address made in the console, by name
  twilio_ops.flex.flex_flow_info:
    friendly_name: Flex Web Channel
  delegate_to: localhost
  register: console_made

- name: Fail early when it is missing
  ansible.builtin.assert:
    that: console_made.flex_flows | length == 1
    fail_msg: The console-made WebChat address "Flex Web Channel" was not found
'''

RETURN = r'''
flex_flows:
  description:
    - The matching Flex Flows as the API returns them, in the API's order. Empty when none match.
    - See the RV(twilio_ops.flex.flex_flow#module:flex_flow) return value of M(twilio_ops.flex.flex_flow) for the fields.
  returned: always
  type: list
  elements: dict
  sample:
    - sid: FO0123456789abcdef0123456789abcdef
      account_sid: AC0123456789abcdef0123456789abcdef
      friendly_name: Flex Web Channel
      chat_service_sid: IS0123456789abcdef0123456789abcdef
      channel_type: web
      contact_identity: null
      enabled: true
      integration_type: studio
      integration: {"flow_sid": "FW0123456789abcdef0123456789abcdef", "retry_count": 3}
      long_lived: false
      janitor_enabled: false
      date_created: '2026-11-25T10:00:00Z'
      date_updated: '2026-11-25T10:00:00Z'
      url: https://flex-api.twilio.com/v1/FlexFlows/FO0123456789abcdef0123456789abcdef
retries:
  description: Requests that were retried, oldest first; empty when every request succeeded at once.
  returned: always
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import CHANNEL_TYPES, FlexFlows


def main(make=TwilioModule):
    """make: what runs the module (TwilioModule, or the action plugin's run in the controller's process)."""
    argument_spec = FlexFlows.info_argument_spec(friendly_name=dict(type='str'), channel_type=dict(type='str', choices=list(CHANNEL_TYPES)))
    module = make(argument_spec=argument_spec)
    params = module.params
    channel_type = params['channel_type']
    module.run_info(
        FlexFlows(module), 'flex_flows', sid=params['sid'], identity=params['friendly_name'],
        keep=(lambda flow: flow.get('channel_type') == channel_type) if channel_type else None)


if __name__ == '__main__':
    main()
