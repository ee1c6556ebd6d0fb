#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: flex_configuration_info
short_description: Read an account's Twilio Flex Configuration, to discover its chat service and TaskRouter SIDs
version_added: 1.0.0
description:
  - Returns the account's Flex Configuration, where Flex records the SIDs it set up.
  - RV(flex_configuration.chat_service_instance_sid) is the chat service a new Flex Flow needs.
  - M(twilio_ops.flex.flex_flows) reads it once per run when it must create an address without a given chat service.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.INFO_MODULE
options: {}
seealso:
  - module: twilio_ops.flex.flex_flow
  - name: Flex Configuration REST API
    description: Twilio's reference for the Flex Configuration resource.
    link: https://www.twilio.com/docs/flex/developer/config/flex-configuration-rest-api
'''

EXAMPLES = r'''
- name: Discover the chat service of the account
  twilio_ops.flex.flex_configuration_info:
  delegate_to: localhost
  register: flex

- name: Use it
  ansible.builtin.debug:
    msg: "{{ flex.flex_configuration.chat_service_instance_sid }}"
'''

RETURN = r'''
flex_configuration:
  description: The Flex Configuration as the API returns it (about 50 fields; the ones most used are shown).
  returned: always
  type: dict
  contains:
    chat_service_instance_sid:
      description: The Programmable Chat service Flex uses; what a Flex Flow's C(chat_service_sid) should be.
      type: str
      sample: IS0123456789abcdef0123456789abcdef
    flex_service_instance_sid:
      description: The Flex service instance.
      type: str
      sample: IS00000000000000000000000000000000
    taskrouter_workspace_sid:
      description: The TaskRouter workspace of Flex.
      type: str
      sample: WS0123456789abcdef0123456789abcdef
    taskrouter_target_workflow_sid:
      description: The TaskRouter workflow Flex routes to.
      type: str
      sample: WW0123456789abcdef0123456789abcdef
    status:
      description: The Flex onboarding state.
      type: str
      sample: ok
retries:
  description: Requests that were retried, oldest first; empty when every request succeeded at once.
  returned: always
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule


def main():
    module = TwilioModule(argument_spec={})
    module.run_read(lambda: dict(flex_configuration=module.account.flex_configuration()))


if __name__ == '__main__':
    main()
