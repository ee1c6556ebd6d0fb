# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The two APIs the webchat_addresses role keeps a site's addresses in, each with the family of
modules (module_utils) that manages them, and what every address the role makes there has.

What a record keeps of an address is the family's own `recorded` (read through
_resource_set.recorded): the record file stores the fields that differ from address to address,
and the role adds back what all of its addresses share (MADE)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._conversations_address import ConversationsAddresses
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import recorded
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import FlexFlows

ROLE = 'webchat_addresses'

# The API a site's webchat_addresses_api names -> the family of its set module.
FAMILIES = dict(flex_flows=FlexFlows, conversations=ConversationsAddresses)
APIS = tuple(FAMILIES)

# What every address the role makes has (the web channel of a Flex Flow, the chat type of a
# Conversations address): in each entry the role gives, so not stored in its record.
MADE = dict(flex_flows=dict(channel_type='web'), conversations=dict(type='chat'))


def family(api):
    """The family of an API; flex_flows (the role's default) for an API the input got wrong, whose
    other checks still run."""
    return FAMILIES.get(api, FlexFlows)


def stored(api):
    """The fields of what a record keeps of an address (its family's `recorded`) that the record
    file stores: those not every address the role makes has."""
    return [option for option in FAMILIES[api].recorded if option not in MADE[api]]


def known(api, item):
    """What a record says of an address, as the set modules take it (owned, an entry's known): the
    family's recorded fields, which the module checks the address still has before it acts on the
    SID. item: a record's item, or an address as a module returned it."""
    return recorded(FAMILIES[api], dict(item, **MADE[api]))
