# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The options of one Conversations address: DOCUMENTATION for conversations_address, which takes them at the top level, and
# ENTRIES for conversations_addresss, which takes them in each of its entries (with references to entries[].x,
# and the known option of set modules). ansible-test needs each to be a literal string, so
# the text is written twice; tests/unit/plugins/doc_fragments checks that the two agree, and
# validate-modules checks both against the argument spec.


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  state:
    description:
      - V(present) creates the address or updates it in place; V(absent) deletes it.
      - With V(absent), O(type) guards the delete when given; an address of another type is not the one meant, and
        nothing is deleted.
    type: str
    choices: [present, absent]
    default: present
  sid:
    description:
      - The address configuration's SID (C(IG) followed by 32 hex digits), instead of O(address).
      - With O(state=present) the address must exist.
    type: str
  type:
    description:
      - The channel of the address. V(chat) is web chat on Flex UI 2.x (Webchat 3).
      - Needed to create an address. Set on create only; compared without regard to case (Twilio echoes it as sent).
    type: str
    choices: [sms, whatsapp, messenger, gbm, email, rcs, apple, chat]
  address:
    description:
      - The address itself, which identifies it. That is a phone number, a WhatsApp or Messenger address, an email address, or
        for V(chat) the SID of the Webchat deployment key (C(CV) followed by 32 hex digits), which is made in the Twilio
        Console (there is no API for deployment keys).
      - Needed to create an address. Set on create only; Twilio allows neither it nor the deployment key to be changed
        later, so a different address is a different address configuration.
      - One of O(sid) and O(address) is required.
    type: str
  friendly_name:
    description:
      - A name for the address. At most 256 characters (Twilio's limit); must not start or end with white space.
    type: str
  address_country:
    description:
      - The ISO 3166-1 alpha-2 country of the address (for example V(US)). Set on create only.
    type: str
  auto_creation:
    description:
      - Whether and how a conversation is created when a message arrives at the address. Set only the options you
        want managed; others are left as they are.
      - Legacy Flex Flow settings have no counterpart here; the migration guide has the table. The channel janitor gives
        way to the Conversations state timers, long-lived channels to parked interactions, and the C(task) integration
        to a Studio flow or a webhook.
    type: dict
    suboptions:
      enabled:
        description: Whether conversations are created automatically.
        type: bool
      type:
        description:
          - V(studio) hands new conversations to a Studio flow (O(auto_creation.studio_flow) or
            O(auto_creation.studio_flow_sid)); V(webhook) calls O(auto_creation.webhook_url); V(default) only creates the
            conversation.
          - Implied by an option that only one type takes.
        type: str
        choices: [webhook, studio, default]
      conversation_service_sid:
        description:
          - The Conversations service (C(IS) followed by 32 hex digits).
          - When creating an address with auto-creation and left out, the account's default Conversations service (its
            Conversations configuration's C(default_chat_service_sid), which Twilio's best practice makes the Flex
            chat service).
        type: str
      studio_flow:
        description:
          - The friendly name of the Studio flow, resolved to its SID. Fails when no flow, or more than one, has it; warns
            when the flow is not published. Implies O(auto_creation.type=studio). Mutually exclusive with
            O(auto_creation.studio_flow_sid).
        type: str
      studio_flow_sid:
        description: The Studio flow's SID (C(FW) followed by 32 hex digits), for V(studio).
        type: str
      studio_retry_count:
        description: How many times Twilio retries the Studio flow (0 or more), for V(studio).
        type: int
      webhook_url:
        description: The webhook URL (absolute http or https), for V(webhook).
        type: str
      webhook_method:
        description: The HTTP method of the webhook, for V(webhook). Compared without regard to case.
        type: str
        choices: [get, post]
      webhook_filters:
        description:
          - The events the webhook gets (for example C(onMessageAdded)), for V(webhook). Compared as a set.
          - Not empty (Twilio's API cannot be sent an empty list).
        type: list
        elements: str
'''

    ENTRIES = r'''
options:
  entries:
    suboptions:
      state:
        description:
          - V(present) creates the address or updates it in place; V(absent) deletes it.
          - With V(absent), O(entries[].type) guards the delete when given; an address of another type is not the one meant, and
            nothing is deleted.
        type: str
        choices: [present, absent]
        default: present
      sid:
        description:
          - The address configuration's SID (C(IG) followed by 32 hex digits), instead of O(entries[].address).
          - With O(entries[].state=present) the address must exist.
        type: str
      type:
        description:
          - The channel of the address. V(chat) is web chat on Flex UI 2.x (Webchat 3).
          - Needed to create an address. Set on create only; compared without regard to case (Twilio echoes it as sent).
        type: str
        choices: [sms, whatsapp, messenger, gbm, email, rcs, apple, chat]
      address:
        description:
          - The address itself, which identifies it. That is a phone number, a WhatsApp or Messenger address, an email address, or
            for V(chat) the SID of the Webchat deployment key (C(CV) followed by 32 hex digits), which is made in the Twilio
            Console (there is no API for deployment keys).
          - Needed to create an address. Set on create only; Twilio allows neither it nor the deployment key to be changed
            later, so a different address is a different address configuration.
          - One of O(entries[].sid) and O(entries[].address) is required.
        type: str
      friendly_name:
        description:
          - A name for the address. At most 256 characters (Twilio's limit); must not start or end with white space.
        type: str
      address_country:
        description:
          - The ISO 3166-1 alpha-2 country of the address (for example V(US)). Set on create only.
        type: str
      auto_creation:
        description:
          - Whether and how a conversation is created when a message arrives at the address. Set only the options you
            want managed; others are left as they are.
          - Legacy Flex Flow settings have no counterpart here; the migration guide has the table. The channel janitor gives
            way to the Conversations state timers, long-lived channels to parked interactions, and the C(task) integration
            to a Studio flow or a webhook.
        type: dict
        suboptions:
          enabled:
            description: Whether conversations are created automatically.
            type: bool
          type:
            description:
              - V(studio) hands new conversations to a Studio flow (O(entries[].auto_creation.studio_flow) or
                O(entries[].auto_creation.studio_flow_sid)); V(webhook) calls O(entries[].auto_creation.webhook_url); V(default) only creates the
                conversation.
              - Implied by an option that only one type takes.
            type: str
            choices: [webhook, studio, default]
          conversation_service_sid:
            description:
              - The Conversations service (C(IS) followed by 32 hex digits).
              - When creating an address with auto-creation and left out, the account's default Conversations service (its
                Conversations configuration's C(default_chat_service_sid), which Twilio's best practice makes the Flex
                chat service).
            type: str
          studio_flow:
            description:
              - The friendly name of the Studio flow, resolved to its SID. Fails when no flow, or more than one, has it; warns
                when the flow is not published. Implies O(entries[].auto_creation.type=studio). Mutually exclusive with
                O(entries[].auto_creation.studio_flow_sid).
            type: str
          studio_flow_sid:
            description: The Studio flow's SID (C(FW) followed by 32 hex digits), for V(studio).
            type: str
          studio_retry_count:
            description: How many times Twilio retries the Studio flow (0 or more), for V(studio).
            type: int
          webhook_url:
            description: The webhook URL (absolute http or https), for V(webhook).
            type: str
          webhook_method:
            description: The HTTP method of the webhook, for V(webhook). Compared without regard to case.
            type: str
            choices: [get, post]
          webhook_filters:
            description:
              - The events the webhook gets (for example C(onMessageAdded)), for V(webhook). Compared as a set.
              - Not empty (Twilio's API cannot be sent an empty list).
            type: list
            elements: str

      known:
        description:
          - What a record of earlier runs says of this entry's address (for example the O(owned) items this module
            returned).
          - When an address with this SID exists and still has the recorded type and address, it is the entry's
            address. When it no longer exists, or its type or address differ from the record, the entry is found by
            O(entries[].address) as usual, and an address that differs is left as it is, with a warning. A SID alone
            proves nothing.
        type: dict
        suboptions:
          sid:
            description: The address configuration's SID (C(IG) followed by 32 hex digits).
            type: str
            required: true
          type:
            description: Its type when it was recorded.
            type: str
            required: true
            choices: [sms, whatsapp, messenger, gbm, email, rcs, apple, chat]
          address:
            description: Its address when it was recorded.
            type: str
            required: true
'''
