#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: flex_account_info
short_description: Read, in one run, what WebChat addresses need from a Twilio account
version_added: 1.0.0
description:
  - Reads an account's Flex Configuration (for the chat service a new Flex Flow needs) and lists its Studio flows
    (to map flow names to SIDs), in one module run.
  - The same reads as M(twilio_ops.flex.flex_configuration_info) and M(twilio_ops.flex.studio_flow_info) together, for a
    play that needs both once per account, since each module run costs a process start on the controller, which adds up
    over many sites. (M(twilio_ops.flex.flex_flows) makes the same reads itself, only when it needs them.)
  - Studio's API has no name filter; the module reads every page of Studio flows (1000 flows a request).
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.INFO_MODULE
options:
  gather_subset:
    description:
      - What to read. V(configuration) reads the Flex Configuration (one request) and returns RV(flex_configuration)
        and RV(chat_service_sid). V(studio_flows) lists the Studio flows (one request per 1000 flows) and returns
        RV(studio_flows).
      - An empty list reads nothing and sends no request.
    type: list
    elements: str
    choices: [configuration, studio_flows]
    default: [configuration, studio_flows]
seealso:
  - module: twilio_ops.flex.flex_configuration_info
  - module: twilio_ops.flex.studio_flow_info
  - module: twilio_ops.flex.flex_flow
  - name: Flex Configuration REST API
    description: Twilio's reference for the Flex Configuration resource.
    link: https://www.twilio.com/docs/flex/developer/config/flex-configuration-rest-api
  - name: Studio Flow API reference
    description: Twilio's reference for the Studio (v2) Flow resource.
    link: https://www.twilio.com/docs/studio/rest-api/v2/flow
'''

EXAMPLES = r'''
- name: Read the account's chat service and Studio flows
  twilio_ops.flex.flex_account_info:
  delegate_to: localhost
  register: account

- name: Create the English address with them
  twilio_ops.flex.flex_flow:
    friendly_name: WebChat en
    channel_type: web
    chat_service_sid: "{{ account.chat_service_sid }}"
    integration_type: studio
    integration:
      flow_sid: "{{ (account.studio_flows | selectattr('friendly_name', 'equalto', 'Webchat Flow') | first).sid }}"
  delegate_to: localhost

- name: Read only the Studio flows
  twilio_ops.flex.flex_account_info:
    gather_subset:
      - studio_flows
  delegate_to: localhost
  register: studio
'''

RETURN = r'''
chat_service_sid:
  description:
    - The Programmable Chat service the Flex Configuration names (its C(chat_service_instance_sid)); what a Flex Flow's
      C(chat_service_sid) should be. V(null) when Flex is not set up on the account.
  returned: when O(gather_subset) has V(configuration)
  type: str
  sample: IS0123456789abcdef0123456789abcdef
flex_configuration:
  description: The Flex Configuration as the API returns it; see M(twilio_ops.flex.flex_configuration_info).
  returned: when O(gather_subset) has V(configuration)
  type: dict
  sample:
    chat_service_instance_sid: IS0123456789abcdef0123456789abcdef
    status: ok
studio_flows:
  description: Every Studio flow of the account as the API lists them (without their definitions); see M(twilio_ops.flex.studio_flow_info).
  returned: when O(gather_subset) has V(studio_flows)
  type: list
  elements: dict
  sample:
    - sid: FW0123456789abcdef0123456789abcdef
      friendly_name: Webchat Flow
      status: published
      revision: 1
retries:
  description: Requests that were retried, oldest first; empty when every request succeeded at once.
  returned: always
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._account import GATHER_SUBSETS, read_flex_account
from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule


def main():
    module = TwilioModule(argument_spec=dict(gather_subset=dict(type='list', elements='str', choices=list(GATHER_SUBSETS),
                                                                default=list(GATHER_SUBSETS))))
    module.run_read(lambda: read_flex_account(module.account, module.params['gather_subset']))


if __name__ == '__main__':
    main()
