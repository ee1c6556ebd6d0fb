# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The options naming a site's Sync map (the twin of module_utils/_sync.site_argument_spec)."""

    DOCUMENTATION = r'''
options:
  name:
    description:
      - The site's name in its account (the role's C(webchat_addresses_record_name), by default the inventory host
        name); its Sync Map is C(twilio_ops.flex.site.<name>). Two inventories that name a site alike share its record
        and its lock on purpose.
      - Letters, digits, C(.), C(_) and C(-), as Sync's unique names go into URL paths; at most 235 characters.
    type: str
    required: true
  sync_service_sid:
    description:
      - The Sync service (C(IS) followed by 32 hex digits) that keeps the site's map. By default the account's default
        Sync service.
    type: str
'''
