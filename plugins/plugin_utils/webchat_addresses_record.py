# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The site's record of the addresses the webchat_addresses role manages (the role README,
"Ownership"): reading it (from the site's account, or from its file), what it says of an address,
what purge may delete, the creates a run announces (intents), and the record as a run leaves it.

Each address is {api, language, sid, made, friendly_name} and the fields its family records that
the record stores (webchat_addresses_apis.stored: address, for a Conversations address). Both
stores keep the account the record belongs to: in the account, every item of it (module_utils/
_record.py); in a file, its account_sid."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_apis import APIS, FAMILIES, MADE, known, stored
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_input import as_text

RECORD_FORMAT = 1
RECORD_NOTE = ('Written by the twilio_ops.flex.webchat_addresses role: the addresses it manages for this site, by language. '
               'Keep it with the inventory (it holds SIDs, no secret). Purge deletes only addresses marked "made".')


def _is_address(item):
    return (isinstance(item, dict) and item.get('api') in APIS and isinstance(item.get('language'), str)
            and isinstance(item.get('sid'), str) and isinstance(item.get('made'), bool)
            and all(isinstance(item.get(option), str) for option in stored(item['api'])))


def read_record(text, site, account_sid=None):
    """(record entries, problem): the site's record from its file's text ('' when there is none);
    account_sid: the site's account, when known, which the file's must be.
    ansible-core before 2.19 turns a template's JSON-looking result into a dict, so the record's
    text read by a file lookup may come already parsed."""
    if isinstance(text, dict):
        record = text
    elif not as_text(text).strip():
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
    # Only a well-formed Account SID is compared (and so quoted): a secret pasted into the site's
    # account_sid is refused by the input checks, never shown.
    if account_sid and not sid_problem(account_sid, 'AC') and record.get('account_sid') not in (None, account_sid):
        return [], ('belongs to the account %s, not to this site\'s %s (a record copied from another inventory?); it was left '
                    'unchanged' % (record['account_sid'], account_sid))
    seen = set()
    for item in addresses:
        if not _is_address(item):
            return [], ('has an address that is not {api, language, sid, made, %s, ...}: %s'
                        % (' or '.join('%s (%s)' % (', '.join(stored(api)), api) for api in APIS), quoted(item)))
        if (item['api'], item['language']) in seen:
            # The role writes one address per language and API: which of two it made is not known.
            return [], 'has two addresses of the language %s in %s' % (quoted(item['language']), item['api'])
        seen.add((item['api'], item['language']))
    return addresses, None


def site_record(settings, record_text, account_record=None):
    """The record a run starts from: dict(addresses, intents (of earlier runs, not confirmed),
    imported (file addresses to write into the account first), problem, notice).

    In the account store (account_record: site_record_info's record), a site with no record in
    its account and a file imports the file, after the file's account is checked against the
    account's; from then on the file is not read. In the file store, the file is the record and
    its account is checked against the site's when the connection names it."""
    site, record_file = as_text(settings.get('site')), quoted(as_text(settings.get('record_file')))
    found = dict(addresses=[], intents=[], imported=[], problem=None, notice=None)
    if as_text(settings.get('record_store')) != 'account':
        found['addresses'], problem = read_record(record_text, site, as_text(settings.get('account_sid')))
        if problem:
            found['problem'] = 'the record %s %s; fix it, or move it away to start a new one (purge then deletes nothing made before)' % (record_file, problem)
        return found
    if not isinstance(account_record, dict):
        return found
    if account_record.get('exists'):
        # Copied once into plain dicts: a registered result is Ansible's lazy containers, whose
        # every read is checked and templated (2.19 and later), slow to walk again and again.
        found.update(addresses=[dict(item) for item in account_record.get('addresses') or []],
                     intents=[dict(item) for item in account_record.get('intents') or []])
        if as_text(record_text).strip() if not isinstance(record_text, dict) else record_text:
            found['notice'] = 'the record file %s is no longer read: the record is kept in the account' % record_file
        return found
    imported, problem = read_record(record_text, site, account_record.get('account_sid'))
    if problem:
        found['problem'] = 'the record %s %s; nothing was imported into the account' % (record_file, problem)
    elif imported:
        found.update(addresses=imported, imported=imported,
                     notice='the record file %s was imported into the account; it is no longer read' % record_file)
    return found


def intents(plan):
    """The creates a run may make: each listed language with no address in the record, per API
    that runs (a legacy address is never created by a site moving off it)."""
    recorded = by_language(plan['record'])
    return [dict(api=api, language=language) for api in APIS for entry, language in zip(plan[api]['entries'], plan[api]['languages'])
            if plan[api]['run'] and entry.get('state', 'present') == 'present' and (api, language) not in recorded]


def _intended(plan, api, language, address):
    """Whether an address was made by an earlier run that died after its create: an intent for its
    language, noted before the address was created (both times are Twilio's)."""
    for intent in plan.get('intents_found') or []:
        if intent['api'] == api and intent['language'] == language:
            return isinstance(address.get('date_created'), str) and as_text(intent.get('since')) <= address['date_created']
    return False


def recorded_as(item):
    """What the record says of an address, as the set modules take it (owned, an entry's known):
    the modules check that the address still is so before they act on its SID."""
    return known(item['api'], item)


def by_language(record):
    """The record's addresses by (api, language): one walk of the record, then one lookup per
    language, where a walk per language would cost N² at N languages."""
    return dict(((item['api'], item['language']), item) for item in record)


def owned(record, api, listed):
    """What purge may delete for one API: the addresses the role made, of languages no longer listed."""
    return [recorded_as(item) for item in record if item['api'] == api and item['made'] and item['language'] not in listed]


def results(run):
    """The per-entry results of a set module's run ([] when it did not run, or failed before any)."""
    return (run or {}).get('results') or [] if isinstance(run, dict) else []


def address_of(api, result):
    """The address in one entry's result of an API's set module (None when there is none)."""
    return result.get(FAMILIES[api].result_key)


def updated_record(plan, site, runs):
    """The site's record after the run: every address of a listed language as the modules last
    saw it, "made" when the role created it (now or on an earlier run); retired, purged and
    vanished addresses dropped. Built from what the modules returned, also after a failure, so an
    address made before it is still known to be the role's. runs: (api, the languages of its
    entries in order, the set module's result) for each API."""
    record = dict(((item['api'], item['language']), dict(item)) for item in plan['record'])
    for api, languages, run in runs:
        if not isinstance(run, dict) or run.get('skipped'):
            continue
        gone = set(item['sid'] for item in run.get('purged') or [])
        if isinstance(run.get('owned'), list):
            # What purge was offered and the module no longer owns is gone from the account.
            owned_after = set(item['sid'] for item in run['owned'])
            gone.update(item['sid'] for item in plan[api]['owned'] if item['sid'] not in owned_after)
        for language, result in zip(languages, results(run)):
            address = address_of(api, result) or {}
            before = record.pop((api, language), None)
            if result.get('operation') == 'delete' or not address.get('sid'):
                continue
            item = dict(api=api, language=language, friendly_name=address.get('friendly_name'),
                        made=result.get('operation') == 'create' or bool(before and before['made'] and before['sid'] == address['sid'])
                        or _intended(plan, api, language, address))
            # The SID and the fields the file stores of what the family records.
            item.update((option, value) for option, value in known(api, address).items() if option not in MADE[api])
            record[(api, language)] = item
        record = dict((key, item) for key, item in record.items() if not (item['api'] == api and item['sid'] in gone))
    record = [item for key, item in sorted(record.items())]
    account_sid = next((address['account_sid'] for api, languages, run in runs for result in results(run)
                        for address in [address_of(api, result) or {}] if address.get('account_sid')), plan.get('account_sid'))
    written = dict(format=RECORD_FORMAT, site=site, note=RECORD_NOTE, addresses=record)
    if account_sid:
        written['account_sid'] = account_sid
    return written


def changes(plan, record):
    """What a run changes in the record in the account (site_record's options): the addresses it
    sets and removes, and the end of the intents it noted."""
    before = by_language(plan['record'])
    done = sorted(set((intent['api'], intent['language']) for intent in plan['intents'] + plan['intents_found']))
    after = dict(((item['api'], item['language']), item) for item in record['addresses'])
    return dict(addresses=[item for key, item in sorted(after.items()) if before.get(key) != item],
                remove=[dict(api=api, language=language) for api, language in sorted(before) if (api, language) not in after],
                intents_done=[dict(api=api, language=language) for api, language in done if (api, language) not in after])
