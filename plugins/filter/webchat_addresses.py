# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the webchat_addresses role works out from a site's input, as filters (documented in the
webchat_addresses_*.yml files beside this one):

- webchat_addresses_input: the input's problems, and what the site must read of its account;
- webchat_addresses_plan: each address as it should be, once the account is read, or why not;
- webchat_addresses_unlisted: for purge, the addresses of languages the site no longer lists.

Why filters and not Jinja in the role's vars: Ansible runs every task in a worker process of its
own, which compiles each template it uses afresh. These were the role's largest templates,
compiled in every task that used them, and cost a site a tenth of a second of the fixed part of
a run that the benchmark guide measures; here they are plain functions, and unit-tested.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

# \Z rather than $, so that a trailing newline (easy to get from a YAML block scalar) does not
# pass as part of a language code.
LANGUAGE_RE = re.compile(r'[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z')
URL_RE = re.compile(r'https?://[^\s/]+')


def _text(value):
    """A string option as the role reads it: not set, null and '' are all ''."""
    return '' if value is None else str(value)


def _quoted(value):
    # As Ansible's to_json filter shows a string: in double quotes, escapes visible.
    return json.dumps(value)


def _flag(value, default):
    """A bool entry the argument spec accepted (true, 'yes', 1, ...), or default when not set."""
    return default if value is None else boolean(value, strict=True)


def _entries(languages):
    if not isinstance(languages, (list, tuple)) or not all(isinstance(entry, dict) for entry in languages):
        raise AnsibleFilterError('webchat_addresses: the languages must be a list of dictionaries')
    return languages


def _flow_name(entry, studio_flow):
    """The Studio flow name a language uses: its own, else the site's default."""
    return _text(entry.get('studio_flow')) or _text(studio_flow)


def input_problems(languages, name_prefix, studio_flow, chat_service_sid, account_sid, api_key, api_secret_set,
                   flex_api_url, studio_api_url):
    """What meta/argument_specs.yml cannot say: formats, duplicates and conflicts. Every problem
    is collected, so one run reports them all before anything is sent to Twilio. Credentials are
    only tested for presence and shape, and neither the API key nor any secret is quoted: a
    secret pasted into the wrong variable must not be shown."""
    problems = []
    prefix = _text(name_prefix)
    if not prefix.strip():
        problems.append('webchat_addresses_name_prefix must not be empty')
    elif prefix != prefix.strip():
        problems.append('webchat_addresses_name_prefix must not start or end with whitespace')
    for option, value, sid_type in (('webchat_addresses_chat_service_sid', _text(chat_service_sid), 'IS'),
                                    ('webchat_addresses_account_sid', _text(account_sid), 'AC')):
        problem = value and sid_problem(value, sid_type)
        if problem:
            problems.append('%s %s %s' % (option, _quoted(value), problem))
    api_key = _text(api_key)
    problem = api_key and sid_problem(api_key, 'SK')
    if problem:
        problems.append('webchat_addresses_api_key %s' % problem)
    if bool(api_key) != bool(api_secret_set):
        problems.append('webchat_addresses_api_key and webchat_addresses_api_secret go together: set both or neither')
    for option, value in (('webchat_addresses_flex_api_url', _text(flex_api_url)), ('webchat_addresses_studio_api_url', _text(studio_api_url))):
        if value and not URL_RE.match(value):
            problems.append('%s must be an http:// or https:// URL' % option)

    names, seen = [], []
    for entry in languages:
        language = _text(entry.get('language'))
        where = 'language %s' % _quoted(language)
        if not LANGUAGE_RE.match(language):
            problems.append('%s is not a language code such as en or pt-BR'
                            ' (2 or 3 lowercase letters, then optional -subtags of 2 to 8 letters or digits)' % where)
        repeated = language.lower() in seen
        if repeated:
            problems.append('%s is listed more than once (language codes are compared without case)' % where)
        seen.append(language.lower())
        if entry.get('friendly_name') is not None:
            name = _text(entry['friendly_name'])
            if not name.strip():
                problems.append('%s: friendly_name must not be empty' % where)
        else:
            name = '%s %s' % (prefix, language)
        if name in names and not repeated:
            problems.append('%s: the name %s is already used by another language' % (where, _quoted(name)))
        names.append(name)
        flow, flow_sid = entry.get('studio_flow'), entry.get('studio_flow_sid')
        if flow is not None and flow_sid is not None:
            problems.append('%s: set studio_flow (a name) or studio_flow_sid, not both' % where)
        if flow is not None and not _text(flow).strip():
            problems.append('%s: studio_flow must not be empty' % where)
        problem = flow_sid is not None and sid_problem(_text(flow_sid), 'FW')
        if problem:
            problems.append('%s: studio_flow_sid %s %s' % (where, _quoted(_text(flow_sid)), problem))
        if flow is None and flow_sid is None and not _text(studio_flow).strip():
            problems.append('%s names no Studio flow and webchat_addresses_studio_flow is empty' % where)
    return problems


def studio_flow_names(languages, studio_flow):
    """The Studio flow names the languages use, each once, in order (a language with
    studio_flow_sid needs no name)."""
    names = []
    for entry in languages:
        if entry.get('studio_flow_sid') is None:
            name = _flow_name(entry, studio_flow)
            if name not in names:
                names.append(name)
    return names


def webchat_addresses_input(languages, name_prefix='WebChat', studio_flow='Webchat Flow', chat_service_sid=None,
                            account_sid=None, api_key=None, api_secret_set=False, flex_api_url=None, studio_api_url=None):
    """problems: what is wrong with the site's input (empty when nothing is); studio_flow_names:
    the flow names to resolve; account_reads: the flex_account_info gather_subset that resolves
    them and the chat service (empty when the site gives every SID itself)."""
    languages = _entries(languages)
    names = studio_flow_names(languages, studio_flow)
    # flex_account_info's gather_subset: the Flex Configuration unless the site names its chat service,
    # the Studio flows when a language names its flow by name.
    reads = ([] if _text(chat_service_sid) else ['configuration']) + (['studio_flows'] if names else [])
    return dict(
        problems=input_problems(languages, name_prefix, studio_flow, chat_service_sid, account_sid, api_key,
                                api_secret_set, flex_api_url, studio_api_url),
        studio_flow_names=names,
        account_reads=reads,
    )


def webchat_addresses_plan(languages, account, name_prefix='WebChat', studio_flow='Webchat Flow', chat_service_sid=None):
    """The site's addresses as they should be, from its (valid) input and what flex_account_info
    read of its account (a skipped result when nothing had to be read). problems names the chat
    service or Studio flow names that cannot be resolved; addresses is then empty."""
    languages = _entries(languages)
    account = account if isinstance(account, dict) else {}
    flows = account.get('studio_flows') or []
    problems = []
    service = _text(chat_service_sid) or _text(account.get('chat_service_sid'))
    if sid_problem(service, 'IS'):
        problems.append("the site's Flex Configuration has no chat_service_instance_sid"
                        ' (is Flex set up on this account?): set webchat_addresses_chat_service_sid')
    flow_sids = {}
    flow_problems = []
    for name in studio_flow_names(languages, studio_flow):
        sids = [flow.get('sid') for flow in flows if flow.get('friendly_name') == name]
        if not sids:
            flow_problems.append('no Studio flow is named %s' % _quoted(name))
        elif len(sids) > 1:
            flow_problems.append('%d Studio flows are named %s (%s): rename them, or give the language a studio_flow_sid'
                                 % (len(sids), _quoted(name), ', '.join(sids)))
        else:
            flow_sids[name] = sids[0]
    if flow_problems:
        known = sorted(_text(flow.get('friendly_name')) for flow in flows)
        problems.extend(flow_problems + ['the account has: %s' % ', '.join(known)])
    if problems:
        return dict(problems=problems, chat_service_sid=service or None, addresses=[])

    addresses = []
    for entry in languages:
        language = _text(entry['language'])
        flow_sid = entry.get('studio_flow_sid')
        addresses.append(dict(
            language=language,
            friendly_name=_text(entry.get('friendly_name')) or '%s %s' % (_text(name_prefix), language),
            chat_service_sid=service,
            flow_sid=_text(flow_sid) if flow_sid is not None else flow_sids[_flow_name(entry, studio_flow)],
            enabled=_flag(entry.get('enabled'), True),
            # Not set means not managed: the address keeps whatever it has.
            janitor_enabled=_flag(entry.get('janitor_enabled'), None),
            long_lived=_flag(entry.get('long_lived'), None),
        ))
    return dict(problems=[], chat_service_sid=service, addresses=addresses)


def webchat_addresses_unlisted(flex_flows, addresses, name_prefix='WebChat'):
    """The web addresses purge deletes: named exactly the prefix, a space and a language code,
    of a language the site does not list (compared without case), and not a name a listed
    language uses. So an address with a longer prefix ("WebChat Sales fr" under prefix "WebChat")
    or a hand-made name ("Flex Web Channel") is never chosen."""
    head = _text(name_prefix) + ' '
    listed = [_text(address['language']).lower() for address in addresses]
    kept = [address['friendly_name'] for address in addresses]
    unlisted = []
    for flow in flex_flows or []:
        name = _text(flow.get('friendly_name'))
        language = name[len(head):]
        if (flow.get('channel_type') == 'web' and name.startswith(head) and LANGUAGE_RE.match(language)
                and language.lower() not in listed and name not in kept):
            unlisted.append(dict(sid=flow['sid'], friendly_name=name))
    return unlisted


class FilterModule(object):

    def filters(self):
        return dict(
            webchat_addresses_input=webchat_addresses_input,
            webchat_addresses_plan=webchat_addresses_plan,
            webchat_addresses_unlisted=webchat_addresses_unlisted,
        )
