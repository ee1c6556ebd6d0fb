# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# A module of the recipe's made-up family (tests/unit/test_recipe.py lays it over a copy of the
# collection); not shipped.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: widget_info
short_description: List widgets
version_added: 2.0.0
description:
  - Returns the account's widgets, optionally only the one with a given SID or name.
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
      - Only the widget with this SID (C(WG) followed by 32 hex digits).
    type: str
  friendly_name:
    description:
      - Only widgets with exactly this name.
    type: str
'''

EXAMPLES = r'''
- name: Every widget
  twilio_ops.flex.widget_info:
  delegate_to: localhost
'''

RETURN = r'''
widgets:
  description: The widgets, as the API returns them.
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
from ansible_collections.twilio_ops.flex.plugins.module_utils._widget import Widgets


def main():
    module = TwilioModule(argument_spec=Widgets.info_argument_spec(friendly_name=dict(type='str')))
    module.run_info(Widgets(module), 'widgets', sid=module.params['sid'], identity=module.params['friendly_name'])


if __name__ == '__main__':
    main()
