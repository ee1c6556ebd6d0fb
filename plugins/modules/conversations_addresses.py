#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: conversations_addresses
short_description: Converge a set of Twilio Flex Conversations addresses in one run
version_added: 2.0.0
description:
  - Makes every Conversations address configuration of O(entries) exist as described, or not exist, in one module run.
    Each entry takes the options of M(twilio_ops.flex.conversations_address), with the same validation, comparison and
    refusals.
  - Reads the account's addresses once (every page, 50 a request) and resolves every Studio flow name from one read of
    the Studio flows.
  - Checks every entry before anything is written; one entry that must be refused (invalid, past a limit that Twilio's
    API documents such as the 256 characters of a name, a create-only field that differs, an unknown Studio flow) fails
    the whole run with every reason, and nothing is written.
  - With O(purge), also deletes the addresses listed in O(owned) that no entry claims any more, and only those; an
    address is owned when this module created it (it returns RV(owned) for the caller to keep and pass back). An owned
    address whose type or address changed since it was recorded is left alone, with a warning.
  - Twilio documents no rate limit for these addresses, so writes are not paced; a 429 is retried as usual.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.conversations_address_options.ENTRIES
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.IN_CONTROLLER
attributes:
  check_mode:
    support: full
    details: In check mode nothing is written; the reads (the addresses, the Studio flows, the Conversations
      configuration) still run.
  diff_mode:
    support: full
    details: One diff per address that changes, headed by its address and SID.
  idempotent:
    support: full
options:
  entries:
    description:
      - The addresses, each as M(twilio_ops.flex.conversations_address) takes one, plus O(entries[].known).
      - Two entries must not name the same address.
    type: list
    elements: dict
    required: true
  purge:
    description:
      - Delete the addresses of O(owned) that no entry claims, unless they were changed since they were recorded.
    type: bool
    default: false
  owned:
    description:
      - The addresses this module created on earlier runs, as it returned them in RV(owned). Only these can be purged.
    type: list
    elements: dict
    default: []
    suboptions:
      sid:
        description: The address configuration's SID (C(IG) followed by 32 hex digits).
        type: str
        required: true
      type:
        description: Its type when it was recorded. An address whose type differs is not purged.
        type: str
        required: true
        choices: [sms, whatsapp, messenger, gbm, email, rcs, apple, chat]
      address:
        description: Its address when it was recorded. An address that differs is not purged.
        type: str
        required: true
  ignore_case:
    description:
      - Match entries to existing addresses without regard to the case of the address (a deployment key SID's hex
        digits, an email address).
    type: bool
    default: false
seealso:
  - module: twilio_ops.flex.conversations_address
  - module: twilio_ops.flex.conversations_address_info
  - module: twilio_ops.flex.flex_flows
  - name: Flex Conversations address configuration API
    description: Twilio's reference for the address configuration resource.
    link: https://www.twilio.com/docs/conversations/api/address-configuration-resource
'''

EXAMPLES = r'''
- name: One Webchat 3 address per language, in one run
  twilio_ops.flex.conversations_addresses:
    entries:
      - type: chat
        address: CV0123456789abcdef0123456789abcdef
        friendly_name: WebChat en
        auto_creation: {enabled: true, studio_flow: Webchat Flow}
      - type: chat
        address: CVfedcba9876543210fedcba9876543210
        friendly_name: WebChat fr
        auto_creation: {enabled: true, studio_flow: Webchat Flow}
  delegate_to: localhost
  register: chat

- name: Later, without French; purge deletes its address because this module made it
  twilio_ops.flex.conversations_addresses:
    entries:
      - type: chat
        address: CV0123456789abcdef0123456789abcdef
        friendly_name: WebChat en
        auto_creation: {enabled: true, studio_flow: Webchat Flow}
    owned: "{{ chat.owned }}"
    purge: true
  delegate_to: localhost
'''

RETURN = r'''
results:
  description: One result per entry, in the order of O(entries).
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
      description: Whether the entry's address changed.
      type: bool
      sample: true
    address_configuration:
      description:
        - The address as the API returns it after the change (see M(twilio_ops.flex.conversations_address)); in check
          mode, as it would be. Empty when the address is absent.
      type: dict
      sample: {"sid": "IG0123456789abcdef0123456789abcdef", "type": "chat", "address": "CV0123456789abcdef0123456789abcdef"}
    duplicates:
      description:
        - Other addresss with the same identity and kind as the entry's (made twice, by hand or by two runs at once), with their
          SIDs and creation dates; also said in a warning, in check mode too. They are left alone, and purge deletes one
          only if it is in O(owned).
      type: list
      elements: dict
      returned: when the entry's address has twins
      sample: [{"sid": "IG0123456789abcdef0123456789abcdef", "type": "chat", "address": "CV0123456789abcdef0123456789abcdef",
                "date_created": "2026-12-01T10:00:01Z"}]
    replaces:
      description:
        - The SID the entry's O(entries[].known) recorded, when that address is gone (deleted by hand?) and a new one was made
          (or, in check mode, would be made) in its place. Web pages that embed the old SID must be changed; a warning says
          so.
      type: str
      returned: when a recorded address was made anew
      sample: IG0123456789abcdef0123456789abcdef
purged:
  description: The owned addresses O(purge) deleted (or would delete, in check mode).
  returned: always
  type: list
  elements: dict
  sample: []
kept:
  description: The owned addresses purge left alone because they changed since they were recorded, with the reason.
  returned: always
  type: list
  elements: dict
  sample: []
owned:
  description:
    - The addresses this module has created, as O(owned) takes them back (see M(twilio_ops.flex.flex_flows)).
  returned: always
  type: list
  elements: dict
  sample: [{"sid": "IG0123456789abcdef0123456789abcdef", "type": "chat", "address": "CV0123456789abcdef0123456789abcdef",
            "address_country": null}]
unreached:
  description: When a write failed, how many entries after the one that failed were not carried out.
  returned: on an API failure during the writes
  type: int
  sample: 1
retries:
  description: Requests that were retried, oldest first; empty when every request succeeded at once.
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
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource_set import ResourceSet, set_argument_spec


def main(make=TwilioModule):
    """make: what runs the module (TwilioModule, or the action plugin's run in the controller's process)."""
    module = make(argument_spec=set_argument_spec(ConversationsAddresses))
    ResourceSet(module, ConversationsAddresses(module)).run()


if __name__ == '__main__':
    main()
