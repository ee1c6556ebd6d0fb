# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The emulator side of the recipe's made-up family (see tests/unit/test_recipe.py); not shipped.

"""Widgets (conversations v1 /Widgets), as the emulator serves them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from _resources import CollectionFamily
from _validation import Field, boolean, enum, non_blank, parse_fields
from _values import new_sid, timestamp_after, timestamp_now

WIDGET_FIELDS = (
    Field('FriendlyName', 'friendly_name', non_blank),
    Field('Color', 'color', enum('red', 'green', 'blue')),
    Field('Enabled', 'enabled', boolean),
)
WIDGET_KEYS = ('sid', 'account_sid', 'friendly_name', 'color', 'enabled', 'date_created', 'date_updated')


class Widgets(CollectionFamily):
    """Widgets: list (FriendlyName filter), create, fetch, update, delete."""

    product, path = '/conversations', '/v1/Widgets'
    sid_prefix = 'WG'
    collection = 'widgets'
    list_key = 'widgets'
    list_filters = (('FriendlyName', 'friendly_name'),)
    max_page_size = 100

    def render(self, record, call, listed=False):
        body = dict((key, record[key]) for key in WIDGET_KEYS)
        body['url'] = self.url(call, record['sid'])
        return body

    def new_record(self, store, call):
        values = parse_fields(call.form, WIDGET_FIELDS, required=('FriendlyName',))
        now = timestamp_now()
        return dict(sid=new_sid(self.sid_prefix), account_sid=store.account_sid, friendly_name=values['friendly_name'],
                    color=values.get('color'), enabled=values.get('enabled', False), date_created=now, date_updated=now)

    def updated_record(self, store, current, call):
        record = dict(current)
        record.update(parse_fields(call.form, WIDGET_FIELDS))
        record['date_updated'] = timestamp_after(current['date_updated'])
        return record
