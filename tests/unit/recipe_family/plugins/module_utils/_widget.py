# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# A family written only to prove the recipe (plugins/module_utils/README.md, "Adding a resource
# family"): tests/unit/test_recipe.py lays it over a copy of the collection. It is not shipped.

"""Widgets: a made-up Conversations collection at /v1/Widgets, one name and two settings each."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import ApiField
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import Resources

COLORS = ('red', 'green', 'blue')

WIDGET_FIELDS = (
    ApiField('friendly_name', 'FriendlyName', 'friendly_name', name=True),
    ApiField('color', 'Color', 'color', choices=COLORS),
    ApiField('enabled', 'Enabled', 'enabled', kind='bool'),
)


class Widgets(Resources):
    label = 'Widget'
    plural = 'Widgets'
    product = 'conversations'
    path = '/v1/Widgets'
    list_key = 'widgets'
    sid_prefix = 'WG'
    result_key = 'widget'
    fields = WIDGET_FIELDS
    identity = ('friendly_name',)
    recorded = ('friendly_name',)
    name_query = 'FriendlyName'
    page_size = 100
