# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The options of one Flex Flow: DOCUMENTATION for flex_flow, which takes them at the top level, and
# ENTRIES for flex_flows, which takes them in each of its entries (with references to entries[].x,
# and the known option of set modules). ansible-test needs each to be a literal string, so
# the text is written twice; tests/unit/plugins/doc_fragments checks that the two agree, and
# validate-modules checks both against the argument spec.


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  state:
    description:
      - V(present) creates the flow or updates it in place; V(absent) deletes it.
      - With V(absent), the options that can only be set on create (O(channel_type)) guard the delete; a flow found by
        name whose channel type differs is not the one meant, and nothing is deleted.
    type: str
    choices: [present, absent]
    default: present
  sid:
    description:
      - The Flex Flow SID (C(FO) followed by 32 hex digits).
      - With a O(friendly_name) as well, renames the flow with this SID. A rename onto a name that another flow already
        has is refused before any write, naming that flow.
      - A flow cannot be created with a chosen SID; with O(state=present) the flow must exist.
      - One of O(sid) and O(friendly_name) is required.
    type: str
  friendly_name:
    description:
      - The flow's name, which identifies it when O(sid) is not given (exact, case-sensitive match).
      - Needed to create a flow. Must not be empty, and must not start or end with white space.
      - Names are not unique in Twilio. When several flows have the name, nothing is changed and the failure lists
        their SIDs and channel types.
    type: str
  chat_service_sid:
    description:
      - The Programmable Chat service (C(IS) followed by 32 hex digits).
      - When creating and left out, the account's Flex Configuration C(chat_service_instance_sid) is used.
    type: str
  channel_type:
    description:
      - The channel. When creating and left out, V(web) (a WebChat address).
      - Set on create only. When given, a flow found by name with another channel type (an SMS number that happens to
        carry the name) is never turned into this one; the run fails, naming the flow's SID and channel type, and
        nothing is written. Give it to make sure the flow found is of the channel you mean.
    type: str
    choices: [web, sms, facebook, whatsapp, line, custom]
  contact_identity:
    description:
      - The channel's identity, for example the phone number of an C(sms) flow.
    type: str
  enabled:
    description:
      - Whether the flow takes new conversations. Twilio documents no default; set it to be sure.
    type: bool
  integration_type:
    description:
      - What handles new conversations. V(studio) needs O(studio_flow) or O(integration.flow_sid); V(external) needs
        O(integration.url); V(task) needs O(integration.workspace_sid) and O(integration.workflow_sid).
      - Implied by O(studio_flow), or by an integration option that only one type takes.
      - A create needs an integration. On an existing flow, integration options are checked against the type the flow
        will have, the one given or else the flow's own.
    type: str
    choices: [studio, external, task]
  studio_flow:
    description:
      - The friendly name of the Studio flow that handles new conversations, resolved to its SID.
      - Fails when no Studio flow, or more than one, has this name; warns when the flow is not published.
      - Implies O(integration_type=studio). Mutually exclusive with O(integration.flow_sid).
    type: str
  integration:
    description:
      - How the integration handles a conversation. Set only the options you want managed; others are left as they are.
    type: dict
    suboptions:
      flow_sid:
        description: The Studio flow SID (C(FW) followed by 32 hex digits), for O(integration_type=studio).
        type: str
      url:
        description: The webhook URL (absolute http or https), for O(integration_type=external).
        type: str
      workspace_sid:
        description: The TaskRouter workspace SID (C(WS) followed by 32 hex digits), for O(integration_type=task).
        type: str
      workflow_sid:
        description: The TaskRouter workflow SID (C(WW) followed by 32 hex digits), for O(integration_type=task).
        type: str
      channel:
        description: The TaskRouter task channel SID or unique name, for O(integration_type=task).
        type: str
      timeout:
        description: Task timeout in seconds (at least 1), for O(integration_type=task).
        type: int
      priority:
        description: Task priority (0 or more), for O(integration_type=task).
        type: int
      creation_on_message:
        description: For outbound flows, whether the task is created only when the customer first replies.
        type: bool
      retry_count:
        description: How many times (0 to 3) Twilio retries the Studio flow or webhook, for V(studio) and V(external).
        type: int
  long_lived:
    description:
      - Whether the chat channel stays open for later interactions.
    type: bool
  janitor_enabled:
    description:
      - Whether the channel janitor closes inactive chat channels.
    type: bool
'''

    ENTRIES = r'''
options:
  entries:
    suboptions:
      state:
        description:
          - V(present) creates the flow or updates it in place; V(absent) deletes it.
          - With V(absent), the options that can only be set on create (O(entries[].channel_type)) guard the delete; a flow found by
            name whose channel type differs is not the one meant, and nothing is deleted.
        type: str
        choices: [present, absent]
        default: present
      sid:
        description:
          - The Flex Flow SID (C(FO) followed by 32 hex digits).
          - With a O(entries[].friendly_name) as well, renames the flow with this SID. A rename onto a name that another flow already
            has is refused before any write, naming that flow.
          - A flow cannot be created with a chosen SID; with O(entries[].state=present) the flow must exist.
          - One of O(entries[].sid) and O(entries[].friendly_name) is required.
        type: str
      friendly_name:
        description:
          - The flow's name, which identifies it when O(entries[].sid) is not given (exact, case-sensitive match).
          - Needed to create a flow. Must not be empty, and must not start or end with white space.
          - Names are not unique in Twilio. When several flows have the name, nothing is changed and the failure lists
            their SIDs and channel types.
        type: str
      chat_service_sid:
        description:
          - The Programmable Chat service (C(IS) followed by 32 hex digits).
          - When creating and left out, the account's Flex Configuration C(chat_service_instance_sid) is used.
        type: str
      channel_type:
        description:
          - The channel. When creating and left out, V(web) (a WebChat address).
          - Set on create only. When given, a flow found by name with another channel type (an SMS number that happens to
            carry the name) is never turned into this one; the run fails, naming the flow's SID and channel type, and
            nothing is written. Give it to make sure the flow found is of the channel you mean.
        type: str
        choices: [web, sms, facebook, whatsapp, line, custom]
      contact_identity:
        description:
          - The channel's identity, for example the phone number of an C(sms) flow.
        type: str
      enabled:
        description:
          - Whether the flow takes new conversations. Twilio documents no default; set it to be sure.
        type: bool
      integration_type:
        description:
          - What handles new conversations. V(studio) needs O(entries[].studio_flow) or O(entries[].integration.flow_sid); V(external) needs
            O(entries[].integration.url); V(task) needs O(entries[].integration.workspace_sid) and O(entries[].integration.workflow_sid).
          - Implied by O(entries[].studio_flow), or by an integration option that only one type takes.
          - A create needs an integration. On an existing flow, integration options are checked against the type the flow
            will have, the one given or else the flow's own.
        type: str
        choices: [studio, external, task]
      studio_flow:
        description:
          - The friendly name of the Studio flow that handles new conversations, resolved to its SID.
          - Fails when no Studio flow, or more than one, has this name; warns when the flow is not published.
          - Implies O(entries[].integration_type=studio). Mutually exclusive with O(entries[].integration.flow_sid).
        type: str
      integration:
        description:
          - How the integration handles a conversation. Set only the options you want managed; others are left as they are.
        type: dict
        suboptions:
          flow_sid:
            description: The Studio flow SID (C(FW) followed by 32 hex digits), for O(entries[].integration_type=studio).
            type: str
          url:
            description: The webhook URL (absolute http or https), for O(entries[].integration_type=external).
            type: str
          workspace_sid:
            description: The TaskRouter workspace SID (C(WS) followed by 32 hex digits), for O(entries[].integration_type=task).
            type: str
          workflow_sid:
            description: The TaskRouter workflow SID (C(WW) followed by 32 hex digits), for O(entries[].integration_type=task).
            type: str
          channel:
            description: The TaskRouter task channel SID or unique name, for O(entries[].integration_type=task).
            type: str
          timeout:
            description: Task timeout in seconds (at least 1), for O(entries[].integration_type=task).
            type: int
          priority:
            description: Task priority (0 or more), for O(entries[].integration_type=task).
            type: int
          creation_on_message:
            description: For outbound flows, whether the task is created only when the customer first replies.
            type: bool
          retry_count:
            description: How many times (0 to 3) Twilio retries the Studio flow or webhook, for V(studio) and V(external).
            type: int
      long_lived:
        description:
          - Whether the chat channel stays open for later interactions.
        type: bool
      janitor_enabled:
        description:
          - Whether the channel janitor closes inactive chat channels.
        type: bool

      known:
        description:
          - What a record of earlier runs says of this entry's flow (for example the O(owned) items this module returned).
          - When a flow with this SID exists and still has the recorded name and channel type, it is the entry's flow,
            renamed in place if O(entries[].friendly_name) differs (its SID, which web pages embed, stays).
          - When it no longer exists, or was renamed or given another channel since (by hand, say), the entry is found by
            name as usual, and a flow changed since is left as it is, with a warning. A SID alone proves nothing.
          - Unlike O(entries[].sid), it never makes the run fail for a flow that is gone.
        type: dict
        suboptions:
          sid:
            description: The flow's SID (C(FO) followed by 32 hex digits).
            type: str
            required: true
          friendly_name:
            description: Its name when it was recorded.
            type: str
            required: true
          channel_type:
            description: Its channel type when it was recorded.
            type: str
            required: true
            choices: [web, sms, facebook, whatsapp, line, custom]
'''
