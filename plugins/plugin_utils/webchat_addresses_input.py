# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The webchat_addresses role's input, as it reads it, and its problems: every problem at once,
the site's settings first, then each language in order (webchat_addresses_plan returns them).

A rule the modules also apply is not restated here: it is asked of module_utils, where it is
stated once (a name's white space and emptiness of the family's friendly_name field, a SID of the
field the value goes to, the credentials and the API key's secret of _connection, an edge or a
region of _products, a Studio flow both by name and by SID, a chat address's deployment key). The wording is the role's own: it
names the role's variables, not the modules' options."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.twilio_ops.flex.plugins.module_utils._bcp47 import canonical_tag, tag_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._connection import CREDENTIAL_SIDS, credential_sid_problem, unpaired_api_key
from ansible_collections.twilio_ops.flex.plugins.module_utils._conversations_address import ConversationsAddresses, chat_address_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import both_given, is_blank
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import FlexFlows
from ansible_collections.twilio_ops.flex.plugins.module_utils._products import LOCATION, PRODUCTS, location_problem, url_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_apis import APIS, ROLE, family

# The role's service settings and the field of the entries each goes to (its SID's type).
SERVICE_SETTINGS = (
    ('chat_service_sid', FlexFlows.field('chat_service_sid')),
    ('conversation_service_sid', ConversationsAddresses.field('auto_creation.conversation_service_sid')),
)

# Where the legacy options went in Conversations (the migration guide has the whole table).
NO_CONVERSATIONS_COUNTERPART = {
    'janitor_enabled': 'Conversations closes inactive conversations with its state timers instead',
    'long_lived': 'Flex Conversations parks an interaction instead',
}


def as_text(value):
    """A string option as the role reads it: not set, null and '' are all ''."""
    return '' if value is None else str(value)


def as_flag(value, default):
    """A bool the argument spec accepted (true, 'yes', 1, ...), or default when not set."""
    return default if value is None else boolean(value, strict=True)


def language_entries(languages):
    if not isinstance(languages, (list, tuple)) or not all(isinstance(entry, dict) for entry in languages):
        raise AnsibleFilterError('webchat_addresses: the languages must be a list of dictionaries')
    return languages


def name_field(mode):
    """The field a language's friendly name goes to: its rules are the role's for names."""
    return family(mode).field('friendly_name')


def studio_flow_sid_field(mode):
    """The field a language's studio_flow_sid goes to: the one its family resolves a Studio flow name to."""
    cls = family(mode)
    return cls.field(next(iter(cls.studio_flow_names)))


def _settings_problems(settings, connection, mode, languages):
    problems = []
    prefix = as_text(settings.get('name_prefix'))
    # The prefix heads every default name: it is held to the rules of names.
    if name_field(mode).blank(prefix):
        problems.append('webchat_addresses_name_prefix must not be empty')
    elif name_field(mode).padded(prefix):
        problems.append('webchat_addresses_name_prefix must not start or end with white space')
    for option, field in SERVICE_SETTINGS:
        value = as_text(settings.get(option))
        if value and field.problem(value):
            problems.append('webchat_addresses_%s %s' % (option, field.problem(value)))
    # Credentials are described, never shown: a token pasted into the account SID must not be printed.
    for option in CREDENTIAL_SIDS:
        value = as_text(connection.get(option))
        if value and credential_sid_problem(option, value):
            problems.append('webchat_addresses_%s %s' % (option, credential_sid_problem(option, value)))
    if unpaired_api_key(as_text(connection.get('api_key')), as_text(connection.get('api_secret'))):
        problems.append('webchat_addresses_api_key and webchat_addresses_api_secret go together: set both or neither')
    # A URL is checked only for a product the site's API uses.
    used = ['studio', 'flex'] + (['conversations'] if mode == 'conversations' else [])
    for product in PRODUCTS:
        value = as_text(connection.get(product.option))
        if value and product.key in used and url_problem(value, product.default):
            problems.append('%s %s' % (product.role_variable(ROLE), url_problem(value, product.default)))
    # The edge and region choose every product's host; a region where Flex is not offered is refused.
    for option, _env in LOCATION:
        value = as_text(connection.get(option))
        if location_problem(option, value):
            problems.append('%s_%s %s %s' % (ROLE, option, quoted(value), location_problem(option, value)))
    if mode not in APIS:
        problems.append('webchat_addresses_api must be one of %s, got %s' % (', '.join(APIS), quoted(mode)))
    if as_flag(settings.get('remove_legacy'), False) and mode != 'conversations':
        problems.append('webchat_addresses_remove_legacy needs webchat_addresses_api: conversations (it retires the legacy '
                        'address of each language once its Conversations address exists)')
    if (as_flag(settings.get('purge'), False) and not [entry for entry in languages if as_text(entry.get('state')) != 'absent']
            and not as_flag(settings.get('allow_purge_all'), False)):
        problems.append('no language is listed and webchat_addresses_purge is on: that would delete every address this role made '
                        'for the site; set webchat_addresses_allow_purge_all: true if that is what you want')
    return problems


def _studio_flow_problems(entry, settings, mode, where):
    problems = []
    flow, flow_sid = entry.get('studio_flow'), entry.get('studio_flow_sid')
    if both_given(flow, flow_sid):
        problems.append('%s: set studio_flow (a name) or studio_flow_sid, not both' % where)
    if flow is not None and is_blank(flow):
        problems.append('%s: studio_flow must not be empty' % where)
    if flow_sid is not None and studio_flow_sid_field(mode).problem(as_text(flow_sid)):
        problems.append('%s: studio_flow_sid %s' % (where, studio_flow_sid_field(mode).problem(as_text(flow_sid))))
    if as_text(entry.get('state')) != 'absent' and flow is None and flow_sid is None and is_blank(as_text(settings.get('studio_flow'))):
        problems.append('%s names no Studio flow and webchat_addresses_studio_flow is empty' % where)
    return problems


def _language_problems(languages, settings, mode):
    problems, canonical, names, keys = [], {}, {}, {}
    prefix = as_text(settings.get('name_prefix'))
    for entry in languages:
        given = as_text(entry.get('language'))
        where = 'language %s' % quoted(given)
        tag = canonical_tag(given)
        if tag is None:
            problems.append('%s %s' % (where, tag_problem(given)))
        elif tag.lower() in canonical:
            problems.append('%s is listed more than once (as %s: language tags are compared in their canonical case)' % (where, quoted(tag)))
        else:
            canonical[tag.lower()] = given
        name = as_text(entry.get('friendly_name')) if entry.get('friendly_name') is not None else '%s %s' % (prefix, tag or given)
        if entry.get('friendly_name') is not None:
            if name_field(mode).blank(name):
                problems.append('%s: friendly_name must not be empty' % where)
            elif name_field(mode).padded(name):
                problems.append('%s: friendly_name %s must not start or end with white space' % (where, quoted(name)))
        if name.casefold() in names and tag is not None and names[name.casefold()] != tag:
            problems.append('%s: the name %s is already used by another language (names are compared without case)' % (where, quoted(name)))
        names.setdefault(name.casefold(), tag)
        problems.extend(_studio_flow_problems(entry, settings, mode, where))
        absent = as_text(entry.get('state')) == 'absent'
        key = entry.get('deployment_key')
        if mode == 'conversations':
            if key is None and not absent:
                problems.append('%s needs a deployment_key (the CV... SID of its Webchat deployment key, made in the Twilio Console)' % where)
            for option, instead in NO_CONVERSATIONS_COUNTERPART.items():
                if entry.get(option) is not None:
                    problems.append('%s: %s has no counterpart in Conversations (%s); remove it' % (where, option, instead))
        if key is not None:
            if chat_address_problem(as_text(key)):
                problems.append('%s: deployment_key %s %s' % (where, quoted(as_text(key)), chat_address_problem(as_text(key))))
            elif as_text(key).lower() in keys:
                problems.append('%s: deployment_key %s is also the key of language %s' % (where, quoted(as_text(key)), quoted(keys[as_text(key).lower()])))
            keys.setdefault(as_text(key).lower(), given)
    return problems


def input_problems(languages, settings, connection, mode):
    """Every problem of the site's input: its settings and connection first, then its languages."""
    return _settings_problems(settings, connection, mode, languages) + _language_problems(languages, settings, mode)
