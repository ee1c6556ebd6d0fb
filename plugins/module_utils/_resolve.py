# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Turning what users name into what the API takes, from what an account read returned: Studio
flow names into SIDs, and the chat service an address needs. Pure functions over the records
(no client), so that every caller applies the same rules and says the same things. Standard
library only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

# How many names a "no such flow" message lists before it stops.
NAMES_SHOWN = 20
# A longer text is shown shortened in messages: its first SHOWN_HEAD and last SHOWN_TAIL characters.
SHOWN_LONGEST = 64
SHOWN_HEAD = 40
SHOWN_TAIL = 12


def quoted(value):
    """A user's value as messages show it: in double quotes, with escapes visible; a text longer
    than SHOWN_LONGEST characters shortened to its start and end (a 300-character name, echoed
    whole in every message about it, would bury the message)."""
    if isinstance(value, str) and len(value) > SHOWN_LONGEST:
        return '%s...%s' % (json.dumps(value[:SHOWN_HEAD])[:-1], json.dumps(value[-SHOWN_TAIL:])[1:])
    return json.dumps(value)


def _names(flows):
    known = sorted(set(str(flow.get('friendly_name') or '') for flow in flows))
    shown = ', '.join(quoted(name) for name in known[:NAMES_SHOWN])
    if len(known) > NAMES_SHOWN:
        shown += ', ... (%d more)' % (len(known) - NAMES_SHOWN)
    return shown or 'no Studio flow at all'


def studio_flow_sids(names, flows, sid_option):
    """Resolve Studio flow names against an account's flows (from one read of every page).

    Returns (sids, problems, warnings): sids maps each name that matches exactly one flow to its
    SID; problems say why a name cannot be used (no flow has it, or several do; then the user must
    pick by SID, in the option sid_option); warnings name flows that are not published, which
    Studio will not run."""
    sids, problems, warnings = {}, [], []
    for name in names:
        matches = [flow for flow in flows if flow.get('friendly_name') == name]
        if not matches:
            problems.append('no Studio flow is named %s; the account has: %s' % (quoted(name), _names(flows)))
        elif len(matches) > 1:
            problems.append('%d Studio flows are named %s (%s): rename them, or give the one you mean by SID in %s' % (
                len(matches), quoted(name), ', '.join(str(flow.get('sid')) for flow in matches), sid_option))
        else:
            flow = matches[0]
            if flow.get('status') != 'published':
                warnings.append('Studio flow %s (%s) is %s, not published: chats will not route to it until it is published' % (
                    quoted(name), flow.get('sid'), flow.get('status')))
            sids[name] = flow.get('sid')
    return sids, problems, warnings


def chat_service_sid(found, where, option):
    """The chat service an address gets when the user names none: the one the account's
    configuration names (found, read from where), or a problem that says how to give it."""
    if isinstance(found, str) and not sid_problem(found, 'IS'):
        return found, None
    return None, ('%s names no chat service (is Flex set up on this account?): set %s' % (where, option))
