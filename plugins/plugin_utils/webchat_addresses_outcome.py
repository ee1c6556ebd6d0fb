# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the webchat_addresses role makes of its set modules' results: the entries of the
flex_flows run of a site moving to Conversations (webchat_addresses_flex_flow_entries), and the
published fact with the site's record as the runs leave it (webchat_addresses_outcome)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_apis import FAMILIES
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_record import address_of, changes, results, updated_record


def _exists(result):
    """Whether an entry's address exists after the run (or would, in check mode)."""
    return result.get('operation') != 'delete' and any(result.get(family.result_key) for family in FAMILIES.values())


def _flex_flow_run(plan, conversations):
    """(entries, languages) of the site's flex_flows run: its own, then, for a site moving to
    Conversations, the legacy address of each language whose chat address now exists (or would,
    in check mode). A language whose chat address is missing, or failed, keeps its legacy address:
    there is never a moment when a language has neither."""
    entries = list(plan['flex_flows']['entries'])
    languages = list(plan['flex_flows']['languages'])
    moved = dict(zip(plan['conversations']['languages'], results(conversations)))
    for legacy in plan['legacy']:
        if legacy['retired'] or legacy['language'] in moved and _exists(moved[legacy['language']]):
            entries.append(legacy['entry'])
            languages.append(legacy['language'])
    return entries, languages


def webchat_addresses_flex_flow_entries(plan, conversations=None):
    """The entries of the site's flex_flows run (see _flex_flow_run)."""
    return _flex_flow_run(plan, conversations)[0]


def webchat_addresses_flex_flow_languages(plan, conversations=None):
    """The languages of the entries of the site's flex_flows run, in order (see _flex_flow_run)."""
    return _flex_flow_run(plan, conversations)[1]


def _provisioned(plan, flex_flows, conversations):
    """The published fact: one item per listed language, in order, with the address of the API
    the site uses (a create predicted in check mode has no SID yet)."""
    mode = plan['api']
    by_language = dict(zip(plan[mode]['languages'], results(flex_flows if mode == 'flex_flows' else conversations)))
    provisioned = []
    for language in plan['languages']:
        if language['state'] != 'present':
            continue
        result = by_language.get(language['language']) or {}
        address = address_of(mode, result) or {}
        provisioned.append(dict(
            language=language['language'],
            api=mode,
            sid=address.get('sid'),
            friendly_name=address.get('friendly_name') or language['friendly_name'],
            address=address.get('address') if mode == 'conversations' else None,
            demo_url=result.get('demo_url'),
        ))
    return provisioned


def webchat_addresses_outcome(plan, site, flex_flows=None, conversations=None):
    """What the site's runs came to: provisioned, the published fact; record, the site's record
    as the role writes it back (to its file); and changes, what the run changes in the record in
    the account (site_record's options)."""
    runs = (('flex_flows', _flex_flow_run(plan, conversations)[1], flex_flows), ('conversations', plan['conversations']['languages'], conversations))
    record = updated_record(plan, site, runs)
    return dict(provisioned=_provisioned(plan, flex_flows, conversations), record=record, changes=changes(plan, record))
