#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: conversations_address
short_description: Create, update or delete a Twilio Flex Conversations address (a Webchat 3 or messaging address)
version_added: 2.0.0
description:
  - Makes one Conversations address configuration exist as described, or not exist. These are the addresses of Flex
    UI 2.x (Flex Conversations); a V(chat) address is web chat (Webchat 3), its address the SID of a Webchat deployment
    key made in the Twilio Console.
  - Identifies the address by O(address) (one fetch, by the address itself) or by O(sid).
  - Compares only the options you set (O(auto_creation.webhook_filters) as a set, O(type) and
    O(auto_creation.webhook_method) without regard to case), and sends only what differs. A second identical run
    reports no change and sends no write.
  - Checks the options before any request, against the limits Twilio's API documents as well (the 256 characters of
    O(friendly_name), the choices, the form of a SID).
  - O(type), O(address) and O(address_country) can only be set on create. A different value for an existing address
    fails before any write, and the message says how to replace the address.
  - Resolves O(auto_creation.studio_flow), a Studio flow's name, to its SID, and gives a new address with auto-creation
    the account's default Conversations service when O(auto_creation.conversation_service_sid) is left out.
  - The successor of the legacy Flex Flows of M(twilio_ops.flex.flex_flow); the migration guide maps their options.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.conversations_address_options
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
attributes:
  check_mode:
    support: full
    details: In check mode nothing is written; lookups (the address, a Studio flow by name, the Conversations
      configuration) still run.
  diff_mode:
    support: full
    details: The diff holds the fields that change; for a create the whole new address, for a delete the whole old one.
  idempotent:
    support: full
seealso:
  - module: twilio_ops.flex.conversations_addresses
  - module: twilio_ops.flex.conversations_address_info
  - name: Flex Conversations address configuration API
    description: Twilio's reference for the resource this module manages.
    link: https://www.twilio.com/docs/conversations/api/address-configuration-resource
  - name: Webchat 3 setup
    description: Deployment keys, and the chat address that uses one.
    link: https://www.twilio.com/docs/flex/developer/messaging/webchat/setup
'''

EXAMPLES = r'''
- name: A Webchat 3 address for English, on a Studio flow, on the default Conversations service
  twilio_ops.flex.conversations_address:
    type: chat
    address: CV0123456789abcdef0123456789abcdef
    friendly_name: WebChat en
    auto_creation:
      enabled: true
      studio_flow: Webchat Flow
  delegate_to: localhost
  register: chat_en

- name: Show its SID
  ansible.builtin.debug:
    msg: "{{ chat_en.address_configuration.sid }}"

- name: An SMS number whose messages go to a webhook, and show the change
  twilio_ops.flex.conversations_address:
    type: sms
    address: "+15005550006"
    friendly_name: Support line
    auto_creation:
      enabled: true
      type: webhook
      webhook_url: https://example.com/conversations
      webhook_method: post
      webhook_filters: [onMessageAdded, onParticipantAdded]
  diff: true
  delegate_to: localhost

- name: Delete the SMS address
  twilio_ops.flex.conversations_address:
    address: "+15005550006"
    state: absent
  delegate_to: localhost
'''

RETURN = r'''
address_configuration:
  description:
    - The address configuration as the API returns it after the change; in check mode, as it would be.
    - Empty when the address is absent.
  returned: always
  type: dict
  contains:
    sid:
      description: The address configuration's SID. V(null) in check mode when it would be created.
      type: str
      sample: IG0123456789abcdef0123456789abcdef
    account_sid:
      description: The account SID.
      type: str
      sample: AC0123456789abcdef0123456789abcdef
    type:
      description: The channel, as it was sent on create.
      type: str
      sample: chat
    address:
      description: The address; for V(chat), the Webchat deployment key SID.
      type: str
      sample: CV0123456789abcdef0123456789abcdef
    friendly_name:
      description: The address's name.
      type: str
      sample: WebChat en
    address_country:
      description: The address's country, when it has one.
      type: str
      sample: null
    auto_creation:
      description: How conversations are created, with snake_case keys.
      type: dict
      sample: {"enabled": true, "type": "studio", "conversation_service_sid": "IS0123456789abcdef0123456789abcdef",
               "studio_flow_sid": "FW0123456789abcdef0123456789abcdef", "studio_retry_count": 3}
    date_created:
      description: When the address was created (ISO 8601).
      type: str
      sample: '2026-12-01T10:00:00Z'
    date_updated:
      description: When the address last changed (ISO 8601).
      type: str
      sample: '2026-12-01T10:00:00Z'
    url:
      description: The address's API URL.
      type: str
      sample: https://conversations.twilio.com/v1/Configuration/Addresses/IG0123456789abcdef0123456789abcdef
operation:
  description: What the module did, or would do in check mode.
  returned: always
  type: str
  choices: [create, update, delete, none]
  sample: create
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
  sample: {"status": 400, "code": 20001, "message": "Invalid value for Type", "method": "POST", "path": "/v1/Configuration/Addresses"}
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._conversations_address import ConversationsAddresses


def main():
    module = TwilioModule(
        argument_spec=ConversationsAddresses.argument_spec(),
        required_one_of=[('sid', 'address')],
    )
    module.run_one(ConversationsAddresses(module))


if __name__ == '__main__':
    main()
