# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The options of one Widget (the recipe's made-up family, not shipped): DOCUMENTATION for widget,
# ENTRIES for widgets.


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  state:
    description:
      - V(present) creates the widget or updates it in place; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  sid:
    description:
      - The widget's SID (C(WG) followed by 32 hex digits). One of O(sid) and O(friendly_name) is required.
    type: str
  friendly_name:
    description:
      - The widget's name, which identifies it when O(sid) is not given.
    type: str
  color:
    description:
      - The widget's color.
    type: str
    choices: [red, green, blue]
  enabled:
    description:
      - Whether the widget is on.
    type: bool
'''

    ENTRIES = r'''
options:
  entries:
    suboptions:
      state:
        description:
          - V(present) creates the widget or updates it in place; V(absent) deletes it.
        type: str
        choices: [present, absent]
        default: present
      sid:
        description:
          - The widget's SID (C(WG) followed by 32 hex digits). One of O(entries[].sid) and O(entries[].friendly_name) is required.
        type: str
      friendly_name:
        description:
          - The widget's name, which identifies it when O(entries[].sid) is not given.
        type: str
      color:
        description:
          - The widget's color.
        type: str
        choices: [red, green, blue]
      enabled:
        description:
          - Whether the widget is on.
        type: bool
      known:
        description:
          - What a record says of the widget, as O(entries[].sid) would; trusted only while the widget still has the
            recorded name.
        type: dict
        suboptions:
          sid:
            description: The widget's SID.
            type: str
            required: true
          friendly_name:
            description: Its name when it was recorded.
            type: str
            required: true
'''
