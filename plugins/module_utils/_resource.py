# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""The shared shape of every resource module, for any Twilio REST collection.

A family (Flex Flows, Conversations address configurations, Studio flows) subclasses Resources
and declares its table: the fields (option <-> form field <-> response key, with their kind,
checks, and whether they can only be set on create), the fields that identify a resource, its
page size, its variant rules (which options each variant needs and accepts), its documented rate
limits, and a few hooks. Nothing here spells a family's names.

One entry (the options of one resource) goes through the same steps in every module:
validate (before any request) -> resolve names (reads only) -> locate (by SID, or by the
identifying fields, over every page) -> plan (compare only what the user set; refuse what must
not be done) -> apply (the one write path; nothing is sent in check mode). A module for one
resource asks the API a question at a time (RemoteLookup); a module for a set reads the account
once and answers from memory (ListingLookup, in _resource_set.py). The steps are the same code."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from urllib.parse import quote

from ansible_collections.twilio_ops.flex.plugins.module_utils._account import Account
from ansible_collections.twilio_ops.flex.plugins.module_utils._api import TwilioApiError, TwilioClient, connection_argument_spec
from ansible_collections.twilio_ops.flex.plugins.module_utils._products import url_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted, studio_flow_sids
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

_ARG_TYPES = {'str': 'str', 'sid': 'str', 'url': 'str', 'bool': 'bool', 'int': 'int', 'list': 'list'}


class ApiField:
    """One row of a field table.

    option:      the module option, dotted for a sub-option ('integration.flow_sid')
    form:        the form field the API takes on create and update ('Integration.FlowSid')
    response:    the key in the API's JSON answer, dotted for nested objects ('integration.flow_sid')
    kind:        str, sid, url, bool, int or list (of strings, compared as a set: the API does not
                 promise an order); decides the option type, validation and comparison
    create_only: set on create only; never sent in an update, and a different value on an existing
                 resource is refused (the resource would have to be replaced)
    ignore_case: compared without regard to case (the API echoes what was sent, in any case)
    name:        a name people read and type: refused with white space at its start or end
    """

    def __init__(self, option, form, response, kind='str', choices=None, sid_prefix=None, minimum=None, maximum=None,
                 nonblank=False, create_only=False, ignore_case=False, no_log=False, name=False):
        self.option = option
        self.form = form
        self.response = response
        self.kind = kind
        self.choices = choices
        self.sid_prefix = sid_prefix
        self.minimum = minimum
        self.maximum = maximum
        self.nonblank = nonblank or name
        self.create_only = create_only
        self.ignore_case = ignore_case
        self.no_log = no_log
        self.name = name

    def argument(self):
        spec = dict(type=_ARG_TYPES[self.kind])
        if self.kind == 'list':
            spec['elements'] = 'str'
        if self.choices:
            spec['choices'] = list(self.choices)
        if self.no_log:
            spec['no_log'] = True
        return spec

    def normalize(self, value):
        """The comparable form of a value from the user or from the API: the API may answer
        null where the user said '' (or []), 'true' where the user said True, 'POST' for post."""
        if value is None:
            return None
        if self.kind == 'bool':
            if isinstance(value, str):
                return value.strip().lower() == 'true'
            return bool(value)
        if self.kind == 'int':
            try:
                return int(value)
            except (TypeError, ValueError):
                return value
        if self.kind == 'list':
            items = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
            items = frozenset(str(item).lower() if self.ignore_case else str(item) for item in items)
            return items or None
        value = str(value)
        if value == '':
            return None
        return value.lower() if self.ignore_case else value

    def display(self, value):
        """A normalized value as results show it (a set becomes a sorted list)."""
        return sorted(value) if isinstance(value, frozenset) else value

    def same(self, one, other):
        """Whether two values (from the user or the API) mean the same."""
        return self.normalize(one) == self.normalize(other)

    def serialize(self, value):
        """The form-field text: lower-case booleans (the API rejects True), digits for integers,
        a list as the same key repeated (what requests sends for a list value), in the order given."""
        if self.kind == 'bool':
            return 'true' if self.normalize(value) else 'false'
        if self.kind == 'list':
            return [str(item) for item in value or ()]
        return '' if value is None else str(value)

    def problem(self, value):
        """Why a user-given value is unacceptable, or None."""
        if self.sid_prefix:
            found = sid_problem(value, self.sid_prefix)
            if found:
                return '%s %s' % (quoted(value), found)
        if self.kind == 'list':
            if not value:
                # Form encoding has no empty list: [] would be sent as nothing and never converge.
                return "must not be empty: Twilio's API cannot be sent an empty list (leave the option out to keep what the resource has)"
            if any(not str(item).strip() for item in value):
                return 'must not hold empty or blank items'
            return None
        if self.nonblank and not str(value).strip():
            return 'must not be empty or only whitespace'
        if self.name and str(value) != str(value).strip():
            return '%s must not start or end with white space (Twilio keeps it, and lookups by name would miss it)' % quoted(value)
        if self.kind == 'url':
            found = url_problem(value, 'https://example.com/webhook', base=False)
            if found:
                return '%s %s' % (quoted(value), found)
        if self.kind == 'int':
            if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
                if self.minimum is not None and self.maximum is not None:
                    return 'must be between %s and %s, got %s' % (self.minimum, self.maximum, value)
                return 'must be at least %s, got %s' % (self.minimum, value)
        return None


class Variants:
    """Which options each variant of a resource needs and accepts, keyed by the option that
    selects the variant: the integration type of a Flex Flow, the auto-creation type of a
    Conversations address. The API states these rules in prose only; checking them fails fast,
    before a write, on new and existing resources alike."""

    def __init__(self, selector, rules):
        self.selector = selector
        self.rules = rules

    def options(self):
        """Every option some variant needs or accepts."""
        return set(option for needed, accepted in self.rules.values() for option in needed + accepted)

    def owners(self, option):
        return sorted(kind for kind, (needed, accepted) in self.rules.items() if option in needed or option in accepted)

    def implied(self, given):
        """The one variant whose needed options include one of given, or None."""
        kinds = set(kind for kind, (needed, accepted) in self.rules.items() if any(option in given for option in needed))
        return kinds.pop() if len(kinds) == 1 else None

    def conflicting(self, given):
        return len(set(kind for kind, (needed, accepted) in self.rules.items() if any(option in given for option in needed))) > 1


def argument_spec_from_fields(fields):
    """The module options of a field table, nesting dotted options as dict sub-options."""
    spec = {}
    for field in fields:
        head, _dot, tail = field.option.partition('.')
        if tail:
            spec.setdefault(head, dict(type='dict', options={}))['options'][tail] = field.argument()
        else:
            spec[head] = field.argument()
    return spec


def get_path(data, dotted):
    for key in dotted.split('.'):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def set_path(data, dotted, value):
    keys = dotted.split('.')
    for key in keys[:-1]:
        if not isinstance(data.get(key), dict):
            data[key] = {}
        data = data[key]
    data[keys[-1]] = value


class Refusal(Exception):
    """What must not be done, said before anything is written."""


class Desired:
    """One entry: the options that describe one resource, as the user gave them."""

    def __init__(self, family, params, where=None):
        self.params = params
        self.state = params.get('state') or 'present'
        self.sid = params.get('sid')
        self.known = params.get('known')
        self.where = where
        # The values the user set, as given: compared through ApiField.normalize, sent as they are.
        self.values = {}
        for field in family.fields:
            value = get_path(params, field.option)
            if value is not None:
                self.values[field.option] = value
        self.identity = tuple(get_path(params, option) for option in family.identity)

    @property
    def label(self):
        """How messages name the entry: its place in a set, and its identity or SID."""
        known = [value for value in self.identity if value is not None]
        name = ' '.join(quoted(value) for value in known) if known else self.sid or '?'
        return '%s %s' % (self.where, name) if self.where else name


class Change:
    """What apply() will do for one entry: create, update, delete or none."""

    def __init__(self, operation, desired, current=None, values=None):
        self.operation = operation
        self.desired = desired
        self.current = current
        self.values = values or {}


class RemoteLookup:
    """For a module that manages one resource: each question is one request (a fetch by SID or
    by identity, or a list filtered by name, every page)."""

    def __init__(self, resources):
        self.resources = resources

    def by_sid(self, sid):
        return self.resources.fetch(sid)

    def by_identity(self, identity):
        return self.resources.find_remote(identity)


class Resources:
    """Read, compare and write the resources of one Twilio REST collection (see the module
    docstring). Subclasses set the class attributes (their table) and may override the hooks
    extra_problems(), resolve(), complete_for_create(), describe() and summary()."""

    label = None          # what users call it, for messages: 'Flex Flow'
    plural = None         # the same in the plural: 'Flex Flows'
    product = None        # which base URL: a key of _products.PRODUCTS
    path = None           # the collection path: '/v1/FlexFlows'
    list_key = None       # where a list answer keeps its records: 'flex_flows'
    sid_prefix = None     # 'FO'
    result_key = None     # the result field holding the resource: 'flex_flow'
    fields = ()           # the ApiField table
    identity = ()         # the options that identify a resource besides its SID: ('friendly_name',)
    recorded = ()         # what a record keeps beside the SID, to tell it is still so: ('friendly_name', 'channel_type')
    needed_on_create = ()  # the options a create needs besides a variant, when more than the identity: ('type', 'address')
    name_query = None     # the list query parameter that filters by identity, if the API has one
    fetch_by_identity = False  # True when the instance path takes the identity instead of the SID
    page_size = 1000      # the largest page the list endpoint accepts
    variants = None       # Variants, or None
    variant_needed_on_create = True   # whether a create must say (or imply) its variant
    studio_flow_names = {}  # {field option: option naming a Studio flow that resolves to it}: studio_flow
    rates = {}            # documented requests per second: {'list', 'fetch', 'create', 'update', 'delete'}
    account_cap = None    # documented maximum number of these resources in one account
    replace_hint = 'to replace it, delete it (state=absent) and create it again'
    read_only = ('sid', 'account_sid', 'date_created', 'date_updated', 'url')

    def __init__(self, module, client=None, account=None):
        self.module = module
        self.client = client or TwilioClient(module)
        # The account reads of the run (Studio flows to resolve names, configurations to discover
        # defaults), each made on first use.
        self.account = account or Account(module, self.client)
        self.warnings = []

    # -- options --------------------------------------------------------------------------

    @classmethod
    def options(cls):
        """The options of one resource: the table's, the options that name a Studio flow, its
        state and its SID (what a set module's entries take too)."""
        spec = argument_spec_from_fields(cls.fields)
        for name_option in cls.studio_flow_names.values():
            head, _dot, tail = name_option.rpartition('.')
            (spec[head]['options'] if head else spec)[tail] = dict(type='str')
        spec.update(
            state=dict(type='str', default='present', choices=['present', 'absent']),
            sid=dict(type='str'),
        )
        return spec

    @classmethod
    def argument_spec(cls):
        """The options of the module for one resource: the connection and one resource's."""
        spec = connection_argument_spec()
        spec.update(cls.options())
        return spec

    @classmethod
    def info_argument_spec(cls, **filters):
        """The options of an *_info module: the connection, sid, and the family's own filters."""
        spec = connection_argument_spec()
        spec.update(sid=dict(type='str'), **filters)
        return spec

    # -- URLs and reads -------------------------------------------------------------------

    def collection_url(self):
        return self.client.url(self.product, self.path)

    def instance_url(self, key):
        return '%s/%s' % (self.collection_url(), quote(str(key), safe=''))

    def pace(self, operation):
        rate = self.rates.get(operation)
        return ('%s %s %s' % (self.product, self.path, operation), rate) if rate else None

    def fetch(self, key):
        """The resource with that SID (or identity, where the API takes it in the path), or None
        when Twilio says it does not exist."""
        url = self.instance_url(key)
        found = self.client.fetch(url, pace=self.pace('fetch'), sid_prefix=self.sid_prefix)
        if found is not None and not sid_problem(key, self.sid_prefix) and found['sid'].lower() != key.lower():
            raise self.client.shape_error('GET', url, found='the answer is about %s %s, not the one asked for' % (self.label, found['sid']))
        return found

    def list(self, query=None):
        """Every resource, from every page."""
        return self.client.list_all(self.collection_url(), self.list_key, query, self.page_size, pace=self.pace('list'),
                                    sid_prefix=self.sid_prefix)

    def matches(self, record, identity, ignore_case=False):
        for option, wanted in zip(self.identity, identity):
            found = get_path(record, self.field(option).response)
            if ignore_case and isinstance(found, str) and isinstance(wanted, str):
                found, wanted = found.casefold(), wanted.casefold()
            if found != wanted:
                return False
        return True

    def changed_since_recorded(self, recorded, current):
        """The recorded options (see `recorded`) whose value the resource no longer has."""
        return [option for option in self.recorded
                if not self.field(option).same(get_path(current, self.field(option).response), recorded.get(option))]

    def find_remote(self, identity):
        """The resources with exactly that identity, asking the API: a fetch where the path takes
        the identity, else a list filtered by name (when the API filters) over every page; the
        exact match is checked here either way."""
        if self.fetch_by_identity:
            found = self.fetch(identity[0])
            records = [found] if found is not None else []
        else:
            query = {self.name_query: identity[0]} if self.name_query else None
            records = self.list(query)
        return [record for record in records if self.matches(record, identity)]

    # -- validation, before any request ------------------------------------------------------

    @classmethod
    def field(cls, option):
        for field in cls.fields:
            if field.option == option:
                return field
        raise KeyError(option)

    def desired(self, params, where=None):
        return Desired(self, params, where)

    def problems(self, desired):
        """What is wrong with an entry, from its options alone; every problem, not the first."""
        problems = []
        if not desired.sid and any(value is None for value in desired.identity):
            problems.append('sid or %s is needed to identify the %s' % (' and '.join(self.identity), self.label))
        for option, value in (('sid', desired.sid), ('known.sid', (desired.known or {}).get('sid'))):
            if value is not None and sid_problem(value, self.sid_prefix):
                problems.append('%s %s %s' % (option, quoted(value), sid_problem(value, self.sid_prefix)))
        for field in self.fields:
            value = get_path(desired.params, field.option)
            if value is not None:
                problem = field.problem(value)
                if problem:
                    problems.append('%s %s' % (field.option, problem))
        if desired.state == 'absent':
            return problems
        for option, name_option in self.studio_flow_names.items():
            name = get_path(desired.params, name_option)
            if name is not None and not str(name).strip():
                problems.append('%s must not be empty or only whitespace' % name_option)
            if name and option in desired.values:
                problems.append('%s (a name) and %s (its SID) are both given: set only one' % (name_option, option))
        if self.variants:
            # A variant the entry gives or implies must come with what it needs (whatever the
            # resource has now): the rule is checked before any request, as the API states it.
            kind = self.variant(desired)[0]
            problems.extend(self._variant_problems(desired, kind))
            problems.extend(self._missing_needed(desired, kind) if kind else [])
        return problems + self.extra_problems(desired)

    def given_variant_options(self, desired):
        """The variant options the entry sets, counting a name option as the field it resolves to."""
        given = set(option for option in self.variants.options() if option in desired.values)
        given.update(option for option, name_option in self.studio_flow_names.items() if get_path(desired.params, name_option))
        return given

    def variant(self, desired, current=None):
        """(variant, how): the variant the resource will have, and whether the user gave it,
        the options imply it, or it is the existing resource's own; (None, None) when nothing says."""
        selector = self.variants.selector
        if selector in desired.values:
            return self.field(selector).normalize(desired.values[selector]), 'given'
        # A name resolved to a variant's field says which variant is meant (studio_flow: studio).
        for option, name_option in self.studio_flow_names.items():
            if get_path(desired.params, name_option):
                named = self.variants.implied([option])
                if named is not None:
                    return named, 'implied'
        implied = self.variants.implied(self.given_variant_options(desired))
        if implied is not None:
            return implied, 'implied'
        if current is not None and get_path(current, self.field(selector).response) is not None:
            return self.field(selector).normalize(get_path(current, self.field(selector).response)), 'current'
        return None, None

    def _variant_problems(self, desired, kind):
        selector = self.variants.selector
        given = self.given_variant_options(desired)
        if kind is None:
            if self.variants.conflicting(given):
                return ['the options given (%s) belong to different values of %s: set %s' % (', '.join(sorted(given)), selector, selector)]
            return []
        if kind not in self.variants.rules:
            return []
        needed, accepted = self.variants.rules[kind]
        problems = []
        for option in sorted(given):
            if option not in needed and option not in accepted:
                name_option = self.studio_flow_names.get(option)
                shown = name_option if option not in desired.values and name_option else option
                problems.append('%s applies only to %s %s, not %s' % (shown, selector, ' or '.join(self.variants.owners(option)), kind))
        return problems

    def _missing_needed(self, desired, kind):
        problems = []
        for option in self.variants.rules.get(kind, ((), ()))[0]:
            name_option = self.studio_flow_names.get(option)
            if option not in desired.values and not (name_option and get_path(desired.params, name_option)):
                hint = ' (or %s, by name)' % name_option if name_option else ''
                problems.append('%s %s needs %s%s' % (self.variants.selector, kind, option, hint))
        return problems

    # -- hooks ------------------------------------------------------------------------------

    def extra_problems(self, desired):
        """Hook: a family's own rules on an entry's options."""
        return []

    def resolve(self, desired):
        """Turn the Studio flow names the entry gives into SIDs (in desired.values), from one read
        of the account's Studio flows a run. Returns the problems: a name that matches no flow, or
        several."""
        problems = []
        for option, name_option in self.studio_flow_names.items():
            name = get_path(desired.params, name_option)
            if not name or desired.state == 'absent':
                continue
            sids, found, warnings = studio_flow_sids([name], self.account.studio_flows(), option)
            self.warnings.extend(warning for warning in warnings if warning not in self.warnings)
            if name in sids:
                desired.values[option] = sids[name]
            problems.extend('%s: %s' % (name_option, problem) for problem in found)
        return problems

    def complete_for_create(self, desired, values):
        """Hook: add what a create needs and the user may leave out (defaults, discovery); raise
        Refusal when it cannot be had."""
        return values

    def describe(self, resource):
        """Hook: result fields derived from the resource, beside result_key."""
        return {}

    def summary(self, resource):
        """How messages name an existing resource: its identity and SID."""
        identity = ' '.join(quoted(get_path(resource, self.field(option).response)) for option in self.identity)
        return '%s (%s)' % (identity, resource.get('sid'))

    # -- locating and planning ---------------------------------------------------------------

    def locate(self, desired, lookup):
        """The existing resource the entry means, or None: by sid when given (it must exist, unless
        the entry asks for absence); else by known (what a record of earlier runs says of it) when
        that resource still exists and is still as recorded; else by its identity, which must not
        be ambiguous."""
        if desired.sid:
            current = lookup.by_sid(desired.sid)
            if current is None and desired.state != 'absent':
                raise Refusal('no %s has sid %s; to create one, give %s without sid' % (
                    self.label, desired.sid, ' and '.join(self.needed_on_create or self.identity)))
            return current
        current = lookup.by_sid(desired.known['sid']) if desired.known else None
        if current is not None:
            changed = self.changed_since_recorded(desired.known, current)
            if not changed:
                return current
            # A SID is no proof either: changed by hand (or a wrong record), it is someone else's now.
            self.warnings.append('%s: %s is recorded with another %s (changed by hand since?); it is left as it is, and the '
                                 'entry is looked up by %s' % (desired.label, self.summary(current), ' and '.join(changed),
                                                               ' and '.join(self.identity)))
        matches = lookup.by_identity(desired.identity)
        if len(matches) > 1:
            raise Refusal('%d %s have this %s (%s); name the one you mean by sid' % (
                len(matches), self.plural, ' and '.join(self.identity), ', '.join(self.summary(record) for record in matches)))
        return matches[0] if matches else None

    def _create_only_problems(self, desired, current, action, ignore_case=False):
        problems = []
        for field in self.fields:
            if field.create_only and field.option in desired.values:
                found = get_path(current, field.response)
                wanted = desired.values[field.option]
                if ignore_case and field.option in self.identity and isinstance(found, str) and isinstance(wanted, str):
                    found_key, wanted_key = found.casefold(), wanted.casefold()
                else:
                    found_key, wanted_key = field.normalize(found), field.normalize(wanted)
                if found_key != wanted_key:
                    problems.append('%s has %s %s, not %s: %s' % (self.summary(current), field.option, quoted(found), quoted(wanted), action))
        return problems

    def plan(self, desired, current, lookup):
        """The Change that makes the resource as the entry describes it; Refusal when that must not
        be done (nothing is written for any entry then)."""
        if desired.state == 'absent':
            if current is None:
                return Change('none', desired)
            problems = self._create_only_problems(desired, current, 'it is not the one meant, and was not deleted',
                                                  getattr(lookup, 'ignore_case', False))
            if problems:
                raise Refusal('; '.join(problems))
            return Change('delete', desired, current)
        if current is None:
            kind = self.variant(desired)[0] if self.variants else None
            if self.variants and kind is None and self.variant_needed_on_create:
                raise Refusal(self.create_needs_variant())
            values = self.complete_for_create(desired, dict(desired.values))
            if kind is not None:
                values[self.variants.selector] = kind
            return Change('create', desired, None, values)
        problems = self._create_only_problems(desired, current, 'that cannot be changed on an existing %s; %s' % (
            self.label, self.replace_hint), getattr(lookup, 'ignore_case', False))
        values = dict(desired.values)
        if self.variants:
            kind, how = self.variant(desired, current)
            if how in ('given', 'implied'):
                values[self.variants.selector] = kind
            if how == 'current':
                # Options the entry sets must suit the variant the resource keeps.
                problems.extend(self._variant_problems(desired, kind))
        problems.extend(self._identity_taken(desired, current, lookup))
        if problems:
            raise Refusal('; '.join(problems))
        changes = self.differences(current, values)
        return Change('update' if changes else 'none', desired, current, changes)

    def create_needs_variant(self):
        return 'creating a %s needs %s' % (self.label, self.variants.selector)

    def _identity_taken(self, desired, current, lookup):
        """A rename must not give the resource an identity another resource already has: names
        would become ambiguous. Only asked when the identity changes."""
        wanted = tuple(desired.values.get(option) for option in self.identity)
        if None in wanted or self.matches(current, wanted):
            return []
        others = [record for record in lookup.by_identity(wanted) if record.get('sid') != current.get('sid')]
        return ['%s cannot be renamed to %s: %s already has that %s' % (
            self.summary(current), ' '.join(quoted(value) for value in wanted), ', '.join(self.summary(record) for record in others),
            ' and '.join(self.identity))] if others else []

    def differences(self, current, values):
        """The wanted values the resource does not have yet, in table order (create-only fields
        are never sent in an update)."""
        changes = {}
        for field in self.fields:
            if field.option in values and not field.create_only and not field.same(get_path(current, field.response), values[field.option]):
                changes[field.option] = values[field.option]
        return changes

    def form(self, values):
        return dict((self.field(option).form, self.field(option).serialize(value)) for option, value in values.items())

    def shaped(self, values, base=None):
        """values (keyed by option) laid out as the API answers, over a copy of base."""
        resource = copy.deepcopy(base) if base is not None else dict((key, None) for key in self.read_only)
        for option, value in values.items():
            set_path(resource, self.field(option).response, self.field(option).display(value))
        return resource

    # -- the one write path ----------------------------------------------------------------

    def write(self, method, url, form=None, recover=None, operation=None):
        """Every change goes through here: nothing is sent in check mode. A create or an update
        must be answered with the resource, as Twilio does; a delete with nothing (204)."""
        if self.module.check_mode:
            return None
        answer = self.client.request(method, url, form=form, recover=recover, pace=self.pace(operation))
        if method == 'DELETE':
            return answer
        return self.client.believe(method, url, answer, self.sid_prefix)

    def apply(self, change):
        """Carry a Change out; returns (resource after, diff before, diff after)."""
        if change.operation == 'create':
            identity = tuple(change.values.get(option) for option in self.identity)
            created = self.write('POST', self.collection_url(), self.form(change.values), operation='create',
                                 recover=lambda: next(iter(self.find_remote(identity)), None))
            if self.module.check_mode:
                # Check mode: the resource as it would be; the account is known when any answer named it.
                created = self.shaped(change.values)
                created['account_sid'] = self.client.account_sid or self.client.seen_account_sid
            return created, {}, created
        if change.operation == 'update':
            current = change.current
            updated = self.write('POST', self.instance_url(current['sid']), self.form(change.values), operation='update')
            after = self.shaped(change.values, current) if self.module.check_mode else updated
            before = self.shaped(dict((option, get_path(current, self.field(option).response)) for option in change.values), {})
            return after, before, self.shaped(change.values, {})
        if change.operation == 'delete':
            try:
                self.write('DELETE', self.instance_url(change.current['sid']), operation='delete')
            except TwilioApiError as exc:
                # Deleted by someone else between our read and our delete: the goal is reached.
                if not exc.not_found:
                    raise
            return {}, change.current, {}
        return change.current or {}, None, None

    # -- running a module for one resource -------------------------------------------------

    def run(self):
        """Validate, converge one resource to the requested state, and exit the module."""
        desired = self.desired(self.module.params)
        problems = self.problems(desired)
        if problems:
            self.fail('Invalid input, nothing was sent to Twilio: ' + '; '.join(problems))
        # The family's own product is used in any case: its URL is checked before any request.
        self.client.base_url(self.product)
        result = dict(changed=False)
        try:
            problems = self.resolve(desired)
            if problems:
                raise Refusal('; '.join(problems))
            lookup = RemoteLookup(self)
            change = self.plan(desired, self.locate(desired, lookup), lookup)
            resource, before, after = self.apply(change)
        except Refusal as exc:
            self.fail('Nothing was written: %s' % exc)
        except TwilioApiError as exc:
            self.fail(str(exc), error=exc.as_result())
        result['changed'] = change.operation != 'none'
        result['operation'] = change.operation
        result[self.result_key] = resource
        if self.module._diff and change.operation != 'none':
            result['diff'] = dict(before=before, after=after)
        if resource:
            result.update(self.describe(resource))
        self.exit(result)

    def run_info(self, result_key, sid=None, identity=None, keep=None):
        """Read-only: every matching resource as a list ([] when none match), for *_info modules."""
        if sid is not None and sid_problem(sid, self.sid_prefix):
            self.fail('Invalid input, nothing was sent to Twilio: sid %s %s' % (quoted(sid), sid_problem(sid, self.sid_prefix)))
        try:
            if sid:
                found = self.fetch(sid)
                records = [found] if found else []
                if identity is not None:
                    records = [record for record in records if self.matches(record, (identity,))]
            elif identity is not None:
                records = self.find_remote((identity,))
            else:
                records = self.list()
        except TwilioApiError as exc:
            self.fail(str(exc), error=exc.as_result())
        if keep is not None:
            records = [record for record in records if keep(record)]
        self.exit({result_key: records, 'changed': False})

    def exit(self, result):
        for warning in self.warnings:
            self.module.warn(warning)
        result['retries'] = self.client.retries
        self.module.exit_json(**result)

    def fail(self, msg, **extra):
        for warning in self.warnings:
            self.module.warn(warning)
        extra['retries'] = self.client.retries
        self.module.fail_json(msg=msg, **extra)
