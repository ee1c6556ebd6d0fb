# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# A module of the recipe's made-up family (tests/unit/test_recipe.py lays it over a copy of the
# collection); not shipped.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: widget
short_description: Create, update or delete a widget
version_added: 2.0.0
description:
  - Makes one widget exist as described, or not exist.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.widget_options
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
'''

EXAMPLES = r'''
- name: A green widget
  twilio_ops.flex.widget:
    friendly_name: Main
    color: green
  delegate_to: localhost
'''

RETURN = r'''
widget:
  description: The widget as the API returns it after the change.
  returned: always
  type: dict
  sample: {"sid": "WG0123456789abcdef0123456789abcdef", "friendly_name": "Main", "color": "green"}
operation:
  description: What the module did.
  returned: always
  type: str
  sample: create
retries:
  description: Requests that were retried, oldest first.
  returned: always
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._widget import Widgets


def main():
    module = TwilioModule(argument_spec=Widgets.argument_spec(), required_one_of=[('sid', 'friendly_name')])
    module.run_one(Widgets(module))


if __name__ == '__main__':
    main()
