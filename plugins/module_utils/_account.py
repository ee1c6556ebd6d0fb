# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""What a module run reads of an account besides the resources it manages: the Flex
Configuration (whose chat service a new Flex Flow needs), the Conversations configuration (whose
default service a new Conversations address uses) and the Studio flows (to resolve names). Each
is read at most once a run, however many entries need it: a module that converges a whole site
resolves every Studio flow name from one read."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The account-wide singletons: (product, path, a key Twilio's answer always has). The key tells one
# product's configuration from another's: a URL of the wrong product is an error, not a setting.
FLEX_CONFIGURATION = ('flex', '/v1/Configuration', 'chat_service_instance_sid')
CONVERSATIONS_CONFIGURATION = ('conversations', '/v1/Configuration', 'default_chat_service_sid')

# Studio v2 flows: (product, path, list key, largest page, SID prefix). Studio's list has no name
# filter, so a name is resolved from a read of every page; _studio_flow.StudioFlows serves the
# same collection.
STUDIO_FLOWS = ('studio', '/v2/Flows', 'flows', 1000, 'FW')

# What flex_account_info can read, in the order it reads them.
GATHER_SUBSETS = ('configuration', 'studio_flows')


class Account:
    """The account reads of one module run, each made on first use and kept."""

    def __init__(self, client):
        self.client = client
        self._read = {}

    def _once(self, key, read):
        if key not in self._read:
            self._read[key] = read()
        return self._read[key]

    def _singleton(self, where):
        # Twilio's 404 for a configuration means the product is not set up: nothing is configured.
        product, path, required_key = where
        return self._once(where, lambda: self.client.fetch(self.client.url(product, path), required_key=required_key) or {})

    def flex_configuration(self):
        return self._singleton(FLEX_CONFIGURATION)

    def conversations_configuration(self):
        return self._singleton(CONVERSATIONS_CONFIGURATION)

    def studio_flows(self):
        product, path, key, page_size, sid_prefix = STUDIO_FLOWS
        return self._once('studio_flows', lambda: self.client.list_all(self.client.url(product, path), key, page_size=page_size,
                                                                       sid_prefix=sid_prefix))


def read_flex_account(account, subsets):
    """flex_account_info's result fields for the subsets asked for: one request for the
    configuration, one per 1000 Studio flows."""
    found = {}
    if 'configuration' in subsets:
        configuration = account.flex_configuration()
        found['flex_configuration'] = configuration
        found['chat_service_sid'] = configuration.get('chat_service_instance_sid')
    if 'studio_flows' in subsets:
        found['studio_flows'] = account.studio_flows()
    return found
