# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# A module of the recipe's made-up family (tests/unit/test_recipe.py lays it over a copy of the
# collection); not shipped.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: widgets
short_description: Converge a set of widgets in one run
version_added: 2.0.0
description:
  - Makes every widget of O(entries) exist as described, or not exist, in one module run.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.widget_options.ENTRIES
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  idempotent:
    support: full
options:
  entries:
    description:
      - The widgets, each as M(twilio_ops.flex.widget) takes one, plus O(entries[].known).
    type: list
    elements: dict
    required: true
  purge:
    description:
      - Delete the widgets of O(owned) that no entry claims.
    type: bool
    default: false
  owned:
    description:
      - The widgets this module created on earlier runs, as it returned them in RV(owned).
    type: list
    elements: dict
    default: []
    suboptions:
      sid:
        description: The widget's SID.
        type: str
        required: true
      friendly_name:
        description: Its name when it was recorded.
        type: str
        required: true
  ignore_case:
    description:
      - Match entries to existing widgets without regard to the case of the name.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Two widgets
  twilio_ops.flex.widgets:
    entries:
      - friendly_name: Main
      - friendly_name: Spare
        enabled: false
  delegate_to: localhost
'''

RETURN = r'''
results:
  description: One result per entry, in the order of O(entries).
  returned: always
  type: list
  elements: dict
owned:
  description: The widgets this module has created, as O(owned) takes them back.
  returned: always
  type: list
  elements: dict
retries:
  description: Requests that were retried, oldest first.
  returned: always
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource_set import ResourceSet, set_argument_spec
from ansible_collections.twilio_ops.flex.plugins.module_utils._widget import Widgets


def main():
    module = TwilioModule(argument_spec=set_argument_spec(Widgets))
    ResourceSet(module, Widgets(module)).run()


if __name__ == '__main__':
    main()
