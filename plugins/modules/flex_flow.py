#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: flex_flow
short_description: Create, update or delete a Twilio Flex Flow (a WebChat or messaging address)
version_added: 1.0.0
description:
  - Makes one Twilio Flex Flow (what the Flex console calls a legacy WebChat or messaging address) exist as
    described, or not exist.
  - Identifies the flow by O(sid), or by O(friendly_name). Names are not unique in Twilio; when several flows share the
    name the module fails, lists their SIDs and channel types, and changes nothing.
  - Never turns a flow of one channel type into another. With O(channel_type) given, a flow found by name that is of
    another channel type (an SMS number that happens to carry the name) is left as it is and the module fails, saying
    so.
  - Compares only the options you set, and sends only what differs. A second identical run reports no change and sends
    no write.
  - Resolves O(studio_flow), a Studio flow's name, to its SID, and reads the chat service from the account's Flex
    Configuration when O(chat_service_sid) is left out on create.
  - To converge many flows of one account, M(twilio_ops.flex.flex_flows) reads the account once and paces its writes
    inside Twilio's documented rate limits; a loop over this module costs a lookup per flow.
  - Flex Flows belong to Flex UI 1.x (Programmable Chat), whose end of life for Flex was 2026-06-01. Flex UI 2.x accounts
    use Conversations address configurations instead (M(twilio_ops.flex.conversations_address)).
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.flex_flow_options
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
attributes:
  check_mode:
    support: full
    details: In check mode nothing is written; lookups (the flow, a Studio flow by name, the Flex Configuration) still run.
  diff_mode:
    support: full
    details: The diff holds the fields that change; for a create the whole new flow, for a delete the whole old one.
  idempotent:
    support: full
seealso:
  - module: twilio_ops.flex.flex_flows
  - module: twilio_ops.flex.flex_flow_info
  - module: twilio_ops.flex.studio_flow_info
  - module: twilio_ops.flex.flex_configuration_info
  - name: Twilio WebChat setup guide
    description: Twilio recommends one WebChat address per use case, such as per website or per language.
    link: https://www.twilio.com/docs/flex/admin-guide/tutorials/webchat-setup
  - name: Flex Flow API reference
    description: Twilio's reference for the Flex Flow resource.
    link: https://www.twilio.com/docs/flex/developer/messaging/api/flex-flow
'''

EXAMPLES = r'''
- name: One WebChat address per language, each on its own Studio flow
  twilio_ops.flex.flex_flow:
    friendly_name: "WebChat {{ item.language }}"
    studio_flow: "{{ item.flow }}"
    enabled: true
  loop:
    - {language: en, flow: Webchat Flow}
    - {language: pt-BR, flow: Webchat Flow}
  delegate_to: localhost
  register: webchat

- name: Show where to try each address
  ansible.builtin.debug:
    msg: "{{ webchat.results | map(attribute='demo_url') | list }}"

- name: Rename the pt-BR address, found by its SID
  twilio_ops.flex.flex_flow:
    sid: "{{ webchat.results[1].flex_flow.sid }}"
    friendly_name: WebChat pt
  delegate_to: localhost

- name: Point an address at a webhook instead of Studio, and show the change
  twilio_ops.flex.flex_flow:
    friendly_name: WebChat en
    integration_type: external
    integration:
      url: https://example.com/flex/webchat
      retry_count: 2
  diff: true
  delegate_to: localhost

- name: Delete an address
  twilio_ops.flex.flex_flow:
    friendly_name: WebChat fr
    state: absent
  delegate_to: localhost

- name: Set the connection once for every module of the collection
  module_defaults:
    group/twilio_ops.flex.flex:
      account_sid: "{{ twilio_account_sid }}"
      auth_token: "{{ twilio_auth_token }}"
  block:
    - name: A WebChat address for the support site, taking chats
      twilio_ops.flex.flex_flow:
        friendly_name: Support site
        studio_flow: Webchat Flow
        enabled: true
        janitor_enabled: true
      delegate_to: localhost
'''

RETURN = r'''
flex_flow:
  description:
    - The Flex Flow as the API returns it after the change; in check mode, as it would be.
    - Empty when the flow is absent.
  returned: always
  type: dict
  contains:
    sid:
      description: The Flex Flow SID. V(null) in check mode when the flow would be created.
      type: str
      sample: FO0123456789abcdef0123456789abcdef
    account_sid:
      description: The account SID.
      type: str
      sample: AC0123456789abcdef0123456789abcdef
    friendly_name:
      description: The flow's name.
      type: str
      sample: WebChat en
    chat_service_sid:
      description: The chat service SID.
      type: str
      sample: IS0123456789abcdef0123456789abcdef
    channel_type:
      description: The channel.
      type: str
      sample: web
    contact_identity:
      description: The channel's identity.
      type: str
      sample: null
    enabled:
      description: Whether the flow takes new conversations.
      type: bool
      sample: true
    integration_type:
      description: What handles new conversations.
      type: str
      sample: studio
    integration:
      description: The integration's settings, with snake_case keys.
      type: dict
      sample: {"flow_sid": "FW0123456789abcdef0123456789abcdef", "retry_count": 3}
    long_lived:
      description: Whether the chat channel stays open.
      type: bool
      sample: false
    janitor_enabled:
      description: Whether the channel janitor is on.
      type: bool
      sample: false
    date_created:
      description: When the flow was created (ISO 8601).
      type: str
      sample: '2026-11-25T10:00:00Z'
    date_updated:
      description: When the flow last changed (ISO 8601).
      type: str
      sample: '2026-11-25T10:00:00Z'
    url:
      description: The flow's API URL.
      type: str
      sample: https://flex-api.twilio.com/v1/FlexFlows/FO0123456789abcdef0123456789abcdef
demo_url:
  description: The Flex demo WebChat widget for this address, to try it in a browser.
  returned: when the flow is a web flow and has a SID (not for a create in check mode)
  type: str
  sample: https://demo.flex.twilio.com/chat?accountSid=AC0123456789abcdef0123456789abcdef&flexFlowSid=FO0123456789abcdef0123456789abcdef
operation:
  description: What the module did, or would do in check mode.
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: update
retries:
  description:
    - Requests that were retried (or recovered by a lookup), oldest first; empty when every request succeeded at once.
    - Each retry is also reported as a warning.
  returned: always
  type: list
  elements: dict
  sample: [{"method": "GET", "path": "/v1/FlexFlows", "reason": 429, "wait": 1.0, "outcome": "retrying"}]
error:
  description: The Twilio error that failed the module.
  returned: on an API failure
  type: dict
  sample: {"status": 404, "code": 20404, "message": "The requested resource was not found",
           "more_info": "https://www.twilio.com/docs/errors/20404", "method": "GET", "path": "/v1/FlexFlows/FO0123456789abcdef0123456789abcdef"}
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import FlexFlows


def main():
    module = TwilioModule(
        argument_spec=FlexFlows.argument_spec(),
        required_one_of=[('sid', 'friendly_name')],
    )
    module.run_one(FlexFlows(module))


if __name__ == '__main__':
    main()
