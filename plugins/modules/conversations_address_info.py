#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: conversations_address_info
short_description: List Twilio Flex Conversations addresses
version_added: 2.0.0
description:
  - Returns the account's Conversations address configurations, optionally only those with a given SID, address, type
    or name.
  - Reads every page (50 addresses a request, the most the API gives), so an account with many addresses is listed
    whole. With O(address) or O(sid), one fetch instead.
  - Filters by O(type) itself, without regard to case (Twilio stores the type as it was sent, and does not document
    whether its own filter ignores case).
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
      - Only the address configuration with this SID (C(IG) followed by 32 hex digits). One that does not exist gives
        an empty list.
    type: str
  address:
    description:
      - Only the address configuration of this address (a phone number, or for V(chat) a deployment key SID).
    type: str
  type:
    description:
      - Only addresses of this type.
    type: str
    choices: [sms, whatsapp, messenger, gbm, email, rcs, apple, chat]
  friendly_name:
    description:
      - Only addresses with exactly this name (case-sensitive).
    type: str
seealso:
  - module: twilio_ops.flex.conversations_address
  - module: twilio_ops.flex.conversations_addresses
  - name: Flex Conversations address configuration API
    description: Twilio's reference for the address configuration resource.
    link: https://www.twilio.com/docs/conversations/api/address-configuration-resource
'''

EXAMPLES = r'''
- name: Every Webchat 3 address of the account
  twilio_ops.flex.conversations_address_info:
    type: chat
  delegate_to: localhost
  register: chat

- name: Show name, deployment key and SID of each
  ansible.builtin.debug:
    msg: "{{ chat.address_configurations | map(attribute='friendly_name') | zip(chat.address_configurations | map(attribute='address'),
             chat.address_configurations | map(attribute='sid')) | list }}"

- name: The address of one deployment key
  twilio_ops.flex.conversations_address_info:
    address: CV0123456789abcdef0123456789abcdef
  delegate_to: localhost
  register: one
'''

RETURN = r'''
address_configurations:
  description:
    - The matching address configurations as the API returns them, in the API's order. Empty when none match.
    - See the RV(twilio_ops.flex.conversations_address#module:address_configuration) return value of
      M(twilio_ops.flex.conversations_address) for the fields.
  returned: always
  type: list
  elements: dict
  sample:
    - sid: IG0123456789abcdef0123456789abcdef
      account_sid: AC0123456789abcdef0123456789abcdef
      type: chat
      address: CV0123456789abcdef0123456789abcdef
      friendly_name: WebChat en
      address_country: null
      auto_creation: {"enabled": true, "type": "studio", "studio_flow_sid": "FW0123456789abcdef0123456789abcdef"}
      date_created: '2026-12-01T10:00:00Z'
      date_updated: '2026-12-01T10:00:00Z'
      url: https://conversations.twilio.com/v1/Configuration/Addresses/IG0123456789abcdef0123456789abcdef
retries:
  description: Requests that were retried, oldest first; empty when every request succeeded at once.
  returned: always
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._conversations_address import ADDRESS_TYPES, ConversationsAddresses


def main(make=TwilioModule):
    """make: what runs the module (TwilioModule, or the action plugin's run in the controller's process)."""
    argument_spec = ConversationsAddresses.info_argument_spec(
        address=dict(type='str'), type=dict(type='str', choices=list(ADDRESS_TYPES)), friendly_name=dict(type='str'))
    module = make(argument_spec=argument_spec)
    params = module.params

    def keep(address):
        return ((params['type'] is None or str(address.get('type') or '').lower() == params['type'])
                and (params['friendly_name'] is None or address.get('friendly_name') == params['friendly_name']))

    module.run_info(ConversationsAddresses(module), 'address_configurations', sid=params['sid'], identity=params['address'], keep=keep)


if __name__ == '__main__':
    main()
