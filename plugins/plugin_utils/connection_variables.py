# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The connection variables a role takes (one per credential, one URL per product of the
collection's product table, then the edge and region) and the module options they become (the
connection_variables and connection_options filters)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._products import CREDENTIALS, LOCATION, PRODUCTS
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_apis import ROLE


def _options():
    """The module options of the connection variables, in their order."""
    return [option for option, env, secret in CREDENTIALS] + [product.option for product in PRODUCTS] + [option for option, env in LOCATION]


def connection_variables(role=ROLE):
    """The role variables that carry a connection option: credentials, one URL per product, then
    the edge and region."""
    return ['%s_%s' % (role, option) for option in _options()]


def connection_options(values):
    """{module option: value} for the connection variables that are set (values lists them in
    the order of connection_variables). What a site leaves empty is left out, so the modules'
    own fallbacks (a play's module_defaults, then the TWILIO_* environment) still apply."""
    return dict((option, value) for option, value in zip(_options(), values) if value not in (None, ''))
