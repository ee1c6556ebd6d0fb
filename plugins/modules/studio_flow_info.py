#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: studio_flow_info
short_description: List Twilio Studio flows, to find a flow's SID by its name
version_added: 1.0.0
description:
  - Returns the account's Studio (v2) flows, optionally only those with a given SID or name.
  - Studio's API has no name filter, so the module reads every page (1000 flows a request) and matches the name itself.
  - Always returns a list, empty when nothing matches.
  - M(twilio_ops.flex.flex_flows) and M(twilio_ops.flex.conversations_addresses) make the same read once per run to
    resolve every Studio flow name their entries give.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.INFO_MODULE
options:
  sid:
    description:
      - Only the flow with this SID (C(FW) followed by 32 hex digits). A SID that does not exist gives an empty list.
    type: str
  friendly_name:
    description:
      - Only flows with exactly this name (case-sensitive).
    type: str
seealso:
  - module: twilio_ops.flex.flex_flow
  - name: Studio Flow API reference
    description: Twilio's reference for the Studio (v2) Flow resource.
    link: https://www.twilio.com/docs/studio/rest-api/v2/flow
'''

EXAMPLES = r'''
- name: Find the SID of the Studio flow named "Webchat Flow"
  twilio_ops.flex.studio_flow_info:
    friendly_name: Webchat Flow
  delegate_to: localhost
  register: studio

- name: Use it
  ansible.builtin.debug:
    msg: "{{ studio.studio_flows[0].sid }}"
  when: studio.studio_flows | length == 1
'''

RETURN = r'''
studio_flows:
  description: The matching Studio flows as the API lists them (without their definitions). Empty when none match.
  returned: always
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

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._studio_flow import StudioFlows


def main():
    module = TwilioModule(argument_spec=StudioFlows.info_argument_spec(friendly_name=dict(type='str')))
    module.run_info(StudioFlows(module), 'studio_flows', sid=module.params['sid'], identity=module.params['friendly_name'])


if __name__ == '__main__':
    main()
