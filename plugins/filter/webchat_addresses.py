# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the webchat_addresses role works out on the controller, as filters (documented in the
webchat_addresses_*.yml files beside this one):

- webchat_addresses_plan: the input's problems, and the entries each set module gets;
- webchat_addresses_flex_flow_entries: the Flex Flow entries, with the legacy addresses a site
  moving to Conversations may now retire (only those whose chat address exists);
- webchat_addresses_outcome: the published fact, and the site's record of the addresses the role
  manages, updated, from what the modules returned;
- connection_variables / connection_options: the connection variables a role takes (one per
  product of the collection's product table) and the module options they become.

Why filters: the role's reasoning is plain Python, unit-tested, imported once per worker rather
than compiled as templates in every task (see the benchmark guide). The ownership rule is in the
role README, "Ownership"."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.errors import AnsibleFilterError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.twilio_ops.flex.plugins.module_utils._bcp47 import canonical_tag, tag_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._products import CREDENTIALS, PRODUCTS, url_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import credential_problem, sid_problem

ROLE = 'webchat_addresses'
APIS = ('flex_flows', 'conversations')
RECORD_FORMAT = 1
# What the record keeps of an address, per API, for its module to check before acting on the SID:
# the field it stores, and what every address the role makes has besides.
RECORDED_AS = dict(flex_flows=('friendly_name', dict(channel_type='web')), conversations=('address', dict(type='chat')))
RECORD_NOTE = ('Written by the twilio_ops.flex.webchat_addresses role: the addresses it manages for this site, by language. '
               'Keep it with the inventory (it holds SIDs, no secret). Purge deletes only addresses marked "made".')

# Where the legacy options went in Conversations (the migration guide has the whole table).
NO_CONVERSATIONS_COUNTERPART = {
    'janitor_enabled': 'Conversations closes inactive conversations with its state timers instead',
    'long_lived': 'Flex Conversations parks an interaction instead',
}


def _text(value):
    """A string option as the role reads it: not set, null and '' are all ''."""
    return '' if value is None else str(value)


def _flag(value, default):
    """A bool the argument spec accepted (true, 'yes', 1, ...), or default when not set."""
    return default if value is None else boolean(value, strict=True)


def _entries(languages):
    if not isinstance(languages, (list, tuple)) or not all(isinstance(entry, dict) for entry in languages):
        raise AnsibleFilterError('webchat_addresses: the languages must be a list of dictionaries')
    return languages


# -- connection -------------------------------------------------------------------------------

def connection_variables(role=ROLE):
    """The role variables that carry a connection option: credentials, then one URL per product."""
    return ['%s_%s' % (role, option) for option, env, secret in CREDENTIALS] + [product.role_variable(role) for product in PRODUCTS]


def connection_options(values):
    """{module option: value} for the connection variables that are set (values lists them in
    the order of connection_variables). What a site leaves empty is left out, so the modules'
    own fallbacks (a play's module_defaults, then the TWILIO_* environment) still apply."""
    options = [option for option, env, secret in CREDENTIALS] + [product.option for product in PRODUCTS]
    return dict((option, value) for option, value in zip(options, values) if value not in (None, ''))


# -- the record ---------------------------------------------------------------------------------

def _read_record(text, site):
    """(record entries, problem): the site's record from its file's text ('' when there is none).
    ansible-core before 2.19 turns a template's JSON-looking result into a dict, so the record's
    text read by a file lookup may come already parsed."""
    if isinstance(text, dict):
        record = text
    elif not _text(text).strip():
        return [], None
    else:
        try:
            record = json.loads(text)
        except ValueError as exc:
            return [], 'is not JSON (%s)' % exc
    addresses = record.get('addresses') if isinstance(record, dict) else None
    if not isinstance(record, dict) or record.get('format') != RECORD_FORMAT or not isinstance(addresses, list):
        return [], 'is not a record this role wrote (format %s with a list of addresses)' % RECORD_FORMAT
    if record.get('site') != site:
        return [], 'belongs to the site %s, not %s' % (quoted(record.get('site')), quoted(site))
    for item in addresses:
        if not (isinstance(item, dict) and item.get('api') in APIS and isinstance(item.get('language'), str)
                and isinstance(item.get('sid'), str) and isinstance(item.get('made'), bool)
                and isinstance(item.get(RECORDED_AS[item['api']][0]), str)):
            return [], ('has an address that is not {api, language, sid, made, friendly_name (flex_flows) or address '
                        '(conversations), ...}: %s' % quoted(item))
    return addresses, None


def _recorded_as(item):
    """What the record says of an address, as the set modules take it (owned, an entry's known):
    the modules check that the address still is so before they act on its SID."""
    field, made_as = RECORDED_AS[item['api']]
    return dict(made_as, sid=item['sid'], **{field: item[field]})


def _recorded(record, api, language):
    for item in record:
        if item['api'] == api and item['language'] == language:
            return item
    return None


# -- the plan -------------------------------------------------------------------------------------

def _settings_problems(settings, connection, mode, languages):
    problems = []
    prefix = _text(settings.get('name_prefix'))
    if not prefix.strip():
        problems.append('webchat_addresses_name_prefix must not be empty')
    elif prefix != prefix.strip():
        problems.append('webchat_addresses_name_prefix must not start or end with white space')
    for option in ('chat_service_sid', 'conversation_service_sid'):
        value = _text(settings.get(option))
        if value and sid_problem(value, 'IS'):
            problems.append('webchat_addresses_%s %s %s' % (option, quoted(value), sid_problem(value, 'IS')))
    # Credentials are described, never shown: a token pasted into the account SID must not be printed.
    for option, prefix_ in (('account_sid', 'AC'), ('api_key', 'SK')):
        value = _text(connection.get(option))
        if value and credential_problem(value, prefix_):
            problems.append('webchat_addresses_%s %s' % (option, credential_problem(value, prefix_)))
    if bool(_text(connection.get('api_key'))) != bool(_text(connection.get('api_secret'))):
        problems.append('webchat_addresses_api_key and webchat_addresses_api_secret go together: set both or neither')
    # A URL is checked only for a product the site's API uses.
    used = ['studio', 'flex'] + (['conversations'] if mode == 'conversations' else [])
    for product in PRODUCTS:
        value = _text(connection.get(product.option))
        if value and product.key in used and url_problem(value, product.default):
            problems.append('%s %s' % (product.role_variable(ROLE), url_problem(value, product.default)))
    if mode not in APIS:
        problems.append('webchat_addresses_api must be one of %s, got %s' % (', '.join(APIS), quoted(mode)))
    if _flag(settings.get('remove_legacy'), False) and mode != 'conversations':
        problems.append('webchat_addresses_remove_legacy needs webchat_addresses_api: conversations (it retires the legacy '
                        'address of each language once its Conversations address exists)')
    if (_flag(settings.get('purge'), False) and not [entry for entry in languages if _text(entry.get('state')) != 'absent']
            and not _flag(settings.get('allow_purge_all'), False)):
        problems.append('no language is listed and webchat_addresses_purge is on: that would delete every address this role made '
                        'for the site; set webchat_addresses_allow_purge_all: true if that is what you want')
    return problems


def _language_problems(languages, settings, mode):
    problems, canonical, names, keys = [], {}, {}, {}
    prefix = _text(settings.get('name_prefix'))
    for entry in languages:
        given = _text(entry.get('language'))
        where = 'language %s' % quoted(given)
        tag = canonical_tag(given)
        if tag is None:
            problems.append('%s %s' % (where, tag_problem(given)))
        elif tag.lower() in canonical:
            problems.append('%s is listed more than once (as %s: language tags are compared in their canonical case)' % (where, quoted(tag)))
        else:
            canonical[tag.lower()] = given
        name = _text(entry.get('friendly_name')) if entry.get('friendly_name') is not None else '%s %s' % (prefix, tag or given)
        if entry.get('friendly_name') is not None:
            if not name.strip():
                problems.append('%s: friendly_name must not be empty' % where)
            elif name != name.strip():
                problems.append('%s: friendly_name %s must not start or end with white space' % (where, quoted(name)))
        if name.casefold() in names and tag is not None and names[name.casefold()] != tag:
            problems.append('%s: the name %s is already used by another language (names are compared without case)' % (where, quoted(name)))
        names.setdefault(name.casefold(), tag)
        flow, flow_sid = entry.get('studio_flow'), entry.get('studio_flow_sid')
        absent = _text(entry.get('state')) == 'absent'
        if flow is not None and flow_sid is not None:
            problems.append('%s: set studio_flow (a name) or studio_flow_sid, not both' % where)
        if flow is not None and not _text(flow).strip():
            problems.append('%s: studio_flow must not be empty' % where)
        if flow_sid is not None and sid_problem(_text(flow_sid), 'FW'):
            problems.append('%s: studio_flow_sid %s %s' % (where, quoted(_text(flow_sid)), sid_problem(_text(flow_sid), 'FW')))
        if not absent and flow is None and flow_sid is None and not _text(settings.get('studio_flow')).strip():
            problems.append('%s names no Studio flow and webchat_addresses_studio_flow is empty' % where)
        key = entry.get('deployment_key')
        if mode == 'conversations':
            if key is None and not absent:
                problems.append('%s needs a deployment_key (the CV... SID of its Webchat deployment key, made in the Twilio Console)' % where)
            for option, instead in NO_CONVERSATIONS_COUNTERPART.items():
                if entry.get(option) is not None:
                    problems.append('%s: %s has no counterpart in Conversations (%s); remove it' % (where, option, instead))
        if key is not None:
            if sid_problem(_text(key), 'CV'):
                problems.append('%s: deployment_key %s %s' % (where, quoted(_text(key)), sid_problem(_text(key), 'CV')))
            elif _text(key).lower() in keys:
                problems.append('%s: deployment_key %s is also the key of language %s' % (where, quoted(_text(key)), quoted(keys[_text(key).lower()])))
            keys.setdefault(_text(key).lower(), given)
    return problems


def _language(entry, settings):
    """One language as the role manages it, in canonical case."""
    tag = canonical_tag(_text(entry['language']))
    return dict(
        language=tag,
        state=_text(entry.get('state')) or 'present',
        friendly_name=_text(entry.get('friendly_name')) if entry.get('friendly_name') is not None else '%s %s' % (_text(settings.get('name_prefix')), tag),
        studio_flow=_text(entry.get('studio_flow')) or None if entry.get('studio_flow_sid') is None else None,
        studio_flow_sid=_text(entry.get('studio_flow_sid')) or None,
        enabled=_flag(entry.get('enabled'), True),
        # Not set means not managed: the address keeps whatever it has.
        janitor_enabled=_flag(entry.get('janitor_enabled'), None),
        long_lived=_flag(entry.get('long_lived'), None),
        deployment_key=_text(entry.get('deployment_key')) or None,
    )


def _flex_flow_entry(language, settings, record):
    entry = dict(friendly_name=language['friendly_name'], channel_type='web', state=language['state'])
    known = _recorded(record, 'flex_flows', language['language'])
    if known:
        entry['known'] = _recorded_as(known)
    if language['state'] == 'absent':
        return entry
    entry.update(enabled=language['enabled'], integration_type='studio')
    if language['studio_flow_sid']:
        entry['integration'] = dict(flow_sid=language['studio_flow_sid'])
    else:
        entry['studio_flow'] = language['studio_flow'] or _text(settings.get('studio_flow'))
    if _text(settings.get('chat_service_sid')):
        entry['chat_service_sid'] = _text(settings['chat_service_sid'])
    for option in ('janitor_enabled', 'long_lived'):
        if language[option] is not None:
            entry[option] = language[option]
    return entry


def _conversations_entry(language, settings, record):
    known = _recorded(record, 'conversations', language['language'])
    if language['state'] == 'absent':
        # The address the record knows, else the one on the key given; with neither, nothing is
        # known to retire (a chat address has no name to be found by).
        if known:
            return dict(address=known['address'], type='chat', state='absent', known=_recorded_as(known))
        if language['deployment_key']:
            return dict(address=language['deployment_key'], type='chat', state='absent')
        return None
    auto_creation = dict(enabled=language['enabled'], type='studio')
    if language['studio_flow_sid']:
        auto_creation['studio_flow_sid'] = language['studio_flow_sid']
    else:
        auto_creation['studio_flow'] = language['studio_flow'] or _text(settings.get('studio_flow'))
    if _text(settings.get('conversation_service_sid')):
        auto_creation['conversation_service_sid'] = _text(settings['conversation_service_sid'])
    entry = dict(type='chat', address=language['deployment_key'], friendly_name=language['friendly_name'], auto_creation=auto_creation)
    if known:
        entry['known'] = _recorded_as(known)
    return entry


def _owned(record, api, listed):
    """What purge may delete for one API: the addresses the role made, of languages no longer listed."""
    owned = []
    for item in record:
        if item['api'] == api and item['made'] and item['language'] not in listed:
            owned.append(_recorded_as(item))
    return owned


def webchat_addresses_plan(languages, settings, connection=None, record_text=''):
    """problems: what is wrong with the site's input (every problem; empty when nothing is); and
    for each API (flex_flows, conversations): whether a module runs for it, its entries (one per
    language, in order), the languages of the entries, and what purge may delete."""
    languages = _entries(languages)
    settings = settings if isinstance(settings, dict) else {}
    connection = connection if isinstance(connection, dict) else {}
    mode = _text(settings.get('api')) or 'flex_flows'
    site = _text(settings.get('site'))
    record, record_problem = _read_record(record_text, site)
    problems = _settings_problems(settings, connection, mode, languages) + _language_problems(languages, settings, mode)
    if record_problem:
        problems.append('the record %s %s; fix it, or move it away to start a new one (purge then deletes nothing '
                        'made before)' % (quoted(_text(settings.get('record_file'))), record_problem))
    plan = dict(problems=problems, api=mode, record=record, languages=[], legacy=[],
                flex_flows=dict(run=False, entries=[], languages=[], owned=[]),
                conversations=dict(run=False, entries=[], languages=[], owned=[]))
    if problems:
        return plan
    plan['languages'] = [_language(entry, settings) for entry in languages]
    listed = [language['language'] for language in plan['languages'] if language['state'] == 'present']
    build = dict(flex_flows=_flex_flow_entry, conversations=_conversations_entry)[mode]
    for language in plan['languages']:
        entry = build(language, settings, record)
        if entry is not None:
            plan[mode]['entries'].append(entry)
            plan[mode]['languages'].append(language['language'])
        if mode == 'conversations' and _flag(settings.get('remove_legacy'), False):
            legacy = dict(friendly_name=language['friendly_name'], channel_type='web', state='absent')
            known = _recorded(record, 'flex_flows', language['language'])
            if known:
                legacy['known'] = _recorded_as(known)
            # A retired language's legacy address goes too; a listed one's once its chat address exists.
            plan['legacy'].append(dict(language=language['language'], entry=legacy, retired=language['state'] == 'absent'))
    if _flag(settings.get('purge'), False):
        for api in APIS:
            plan[api]['owned'] = _owned(record, api, listed)
    for api in APIS:
        plan[api]['run'] = bool(plan[api]['entries'] or plan[api]['owned'] or (api == 'flex_flows' and plan['legacy']))
    return plan


def _results(result):
    return (result or {}).get('results') or [] if isinstance(result, dict) else []


def _exists(result):
    """Whether an entry's address exists after the run (or would, in check mode)."""
    resource = result.get('flex_flow') or result.get('address_configuration')
    return result.get('operation') != 'delete' and bool(resource)


def _flex_flow_run(plan, conversations):
    """(entries, languages) of the site's flex_flows run: its own, then, for a site moving to
    Conversations, the legacy address of each language whose chat address now exists (or would,
    in check mode). A language whose chat address is missing, or failed, keeps its legacy address:
    there is never a moment when a language has neither."""
    entries = list(plan['flex_flows']['entries'])
    languages = list(plan['flex_flows']['languages'])
    moved = dict(zip(plan['conversations']['languages'], _results(conversations)))
    for legacy in plan['legacy']:
        if legacy['retired'] or legacy['language'] in moved and _exists(moved[legacy['language']]):
            entries.append(legacy['entry'])
            languages.append(legacy['language'])
    return entries, languages


def webchat_addresses_flex_flow_entries(plan, conversations=None):
    """The entries of the site's flex_flows run (see _flex_flow_run)."""
    return _flex_flow_run(plan, conversations)[0]


def _address_of(api, result):
    return result.get('flex_flow') if api == 'flex_flows' else result.get('address_configuration')


def _provisioned(plan, flex_flows, conversations):
    """The published fact: one item per listed language, in order, with the address of the API
    the site uses (a create predicted in check mode has no SID yet)."""
    mode = plan['api']
    by_language = dict(zip(plan[mode]['languages'], _results(flex_flows if mode == 'flex_flows' else conversations)))
    provisioned = []
    for language in plan['languages']:
        if language['state'] != 'present':
            continue
        result = by_language.get(language['language']) or {}
        address = _address_of(mode, result) or {}
        provisioned.append(dict(
            language=language['language'],
            api=mode,
            sid=address.get('sid'),
            friendly_name=address.get('friendly_name') or language['friendly_name'],
            address=address.get('address') if mode == 'conversations' else None,
            demo_url=result.get('demo_url'),
        ))
    return provisioned


def _record(plan, site, flex_flows, conversations):
    """The site's record after the run: every address of a listed language as the modules last
    saw it, "made" when the role created it (now or on an earlier run); retired, purged and
    vanished addresses dropped. Built from what the modules returned, also after a failure, so an
    address made before it is still known to be the role's."""
    record = [dict(item) for item in plan['record']]
    runs = (('flex_flows', _flex_flow_run(plan, conversations)[1], flex_flows), ('conversations', plan['conversations']['languages'], conversations))
    for api, languages, run in runs:
        if not isinstance(run, dict) or run.get('skipped'):
            continue
        gone = set(item['sid'] for item in run.get('purged') or [])
        if isinstance(run.get('owned'), list):
            # What purge was offered and the module no longer owns is gone from the account.
            owned_after = set(item['sid'] for item in run['owned'])
            gone.update(item['sid'] for item in plan[api]['owned'] if item['sid'] not in owned_after)
        for language, result in zip(languages, _results(run)):
            address = _address_of(api, result) or {}
            known = _recorded(record, api, language)
            if known:
                record.remove(known)
            if result.get('operation') == 'delete' or not address.get('sid'):
                continue
            item = dict(api=api, language=language, sid=address['sid'], friendly_name=address.get('friendly_name'),
                        made=result.get('operation') == 'create' or bool(known and known['made'] and known['sid'] == address['sid']))
            if api == 'conversations':
                item['address'] = address.get('address')
            record.append(item)
        record = [item for item in record if not (item['api'] == api and item['sid'] in gone)]
    record.sort(key=lambda item: (item['api'], item['language']))
    return dict(format=RECORD_FORMAT, site=site, note=RECORD_NOTE, addresses=record)


def webchat_addresses_outcome(plan, site, flex_flows=None, conversations=None):
    """What the site's runs came to: provisioned, the published fact, and record, the site's
    record as the role writes it back."""
    return dict(provisioned=_provisioned(plan, flex_flows, conversations), record=_record(plan, site, flex_flows, conversations))


class FilterModule(object):

    def filters(self):
        return dict(
            webchat_addresses_plan=webchat_addresses_plan,
            webchat_addresses_flex_flow_entries=webchat_addresses_flex_flow_entries,
            webchat_addresses_outcome=webchat_addresses_outcome,
            connection_variables=connection_variables,
            connection_options=connection_options,
        )
