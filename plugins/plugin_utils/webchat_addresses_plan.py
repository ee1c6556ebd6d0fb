# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The webchat_addresses role's plan for a site (the webchat_addresses_plan filter): the input's
problems, and for each API the entries its set module gets, one per language, with what the
site's record says of each address, and what purge may delete."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._bcp47 import canonical_tag
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_apis import APIS, MADE
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_input import as_flag, as_text, input_problems, language_entries
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_record import by_language, intents, owned, recorded_as, site_record


def _language(entry, settings):
    """One language as the role manages it, in canonical case."""
    tag = canonical_tag(as_text(entry['language']))
    return dict(
        language=tag,
        state=as_text(entry.get('state')) or 'present',
        friendly_name=as_text(entry.get('friendly_name')) if entry.get('friendly_name') is not None else '%s %s' % (as_text(settings.get('name_prefix')), tag),
        studio_flow=as_text(entry.get('studio_flow')) or None if entry.get('studio_flow_sid') is None else None,
        studio_flow_sid=as_text(entry.get('studio_flow_sid')) or None,
        enabled=as_flag(entry.get('enabled'), True),
        # Not set means not managed: the address keeps whatever it has.
        janitor_enabled=as_flag(entry.get('janitor_enabled'), None),
        long_lived=as_flag(entry.get('long_lived'), None),
        deployment_key=as_text(entry.get('deployment_key')) or None,
    )


def _flex_flow_entry(language, settings, recorded):
    entry = dict(friendly_name=language['friendly_name'], **MADE['flex_flows'], state=language['state'])
    known = recorded.get(('flex_flows', language['language']))
    if known:
        entry['known'] = recorded_as(known)
    if language['state'] == 'absent':
        return entry
    entry.update(enabled=language['enabled'], integration_type='studio')
    if language['studio_flow_sid']:
        entry['integration'] = dict(flow_sid=language['studio_flow_sid'])
    else:
        entry['studio_flow'] = language['studio_flow'] or as_text(settings.get('studio_flow'))
    if as_text(settings.get('chat_service_sid')):
        entry['chat_service_sid'] = as_text(settings['chat_service_sid'])
    for option in ('janitor_enabled', 'long_lived'):
        if language[option] is not None:
            entry[option] = language[option]
    return entry


def _conversations_entry(language, settings, recorded):
    known = recorded.get(('conversations', language['language']))
    if language['state'] == 'absent':
        # The address the record knows, else the one on the key given; with neither, nothing is
        # known to retire (a chat address has no name to be found by).
        if known:
            return dict(address=known['address'], **MADE['conversations'], state='absent', known=recorded_as(known))
        if language['deployment_key']:
            return dict(address=language['deployment_key'], **MADE['conversations'], state='absent')
        return None
    auto_creation = dict(enabled=language['enabled'], type='studio')
    if language['studio_flow_sid']:
        auto_creation['studio_flow_sid'] = language['studio_flow_sid']
    else:
        auto_creation['studio_flow'] = language['studio_flow'] or as_text(settings.get('studio_flow'))
    if as_text(settings.get('conversation_service_sid')):
        auto_creation['conversation_service_sid'] = as_text(settings['conversation_service_sid'])
    entry = dict(MADE['conversations'], address=language['deployment_key'], friendly_name=language['friendly_name'], auto_creation=auto_creation)
    if known:
        entry['known'] = recorded_as(known)
    return entry


def _legacy(language, recorded):
    """The delete of a language's legacy address, for a site moving to Conversations."""
    legacy = dict(friendly_name=language['friendly_name'], **MADE['flex_flows'], state='absent')
    known = recorded.get(('flex_flows', language['language']))
    if known:
        legacy['known'] = recorded_as(known)
    # A retired language's legacy address goes too; a listed one's once its chat address exists.
    return dict(language=language['language'], entry=legacy, retired=language['state'] == 'absent')


def webchat_addresses_plan(languages, settings, connection=None, record_text='', account_record=None):
    """problems: what is wrong with the site's input (every problem; empty when nothing is); for
    each API (flex_flows, conversations): whether a module runs for it, its entries (one per
    language, in order), the languages of the entries, and what purge may delete; and what the
    record says (webchat_addresses_record.site_record): record, intents_found, imported, notice,
    and intents, the creates this run may make. record_text: the record file's text;
    account_record: the record in the account, as site_record_info returns it (None before it is read)."""
    languages = language_entries(languages)
    settings = settings if isinstance(settings, dict) else {}
    connection = connection if isinstance(connection, dict) else {}
    mode = as_text(settings.get('api')) or 'flex_flows'
    site = as_text(settings.get('site'))
    found = site_record(settings, record_text, account_record)
    record = found['addresses']
    problems = input_problems(languages, settings, connection, mode)
    if found['problem']:
        problems.append(found['problem'])
    plan = dict(problems=problems, api=mode, record=record, intents_found=found['intents'], imported=found['imported'],
                notice=found['notice'], intents=[], account_sid=(account_record or {}).get('account_sid') or as_text(settings.get('account_sid')) or None,
                languages=[], legacy=[],
                flex_flows=dict(run=False, entries=[], languages=[], owned=[]),
                conversations=dict(run=False, entries=[], languages=[], owned=[]))
    if problems:
        return plan
    plan['languages'] = [_language(entry, settings) for entry in languages]
    listed = [language['language'] for language in plan['languages'] if language['state'] == 'present']
    build = dict(flex_flows=_flex_flow_entry, conversations=_conversations_entry)[mode]
    recorded = by_language(record)
    for language in plan['languages']:
        entry = build(language, settings, recorded)
        if entry is not None:
            plan[mode]['entries'].append(entry)
            plan[mode]['languages'].append(language['language'])
        if mode == 'conversations' and as_flag(settings.get('remove_legacy'), False):
            plan['legacy'].append(_legacy(language, recorded))
    if as_flag(settings.get('purge'), False):
        for api in APIS:
            plan[api]['owned'] = owned(record, api, listed)
    for api in APIS:
        plan[api]['run'] = bool(plan[api]['entries'] or plan[api]['owned'] or (api == 'flex_flows' and plan['legacy']))
    plan['intents'] = intents(plan)
    return plan
