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

from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import both_given, get_path, is_blank, resource_options, set_path
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted, studio_flow_sids
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem


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

    def __init__(self, module):
        # The module run (_module.TwilioModule) owns the client, the account reads (Studio flows
        # to resolve names, configurations to discover defaults, each made on first use), the
        # warnings and the exit; the family only reads, plans and writes through them.
        self.module = module
        self.client = module.client
        self.account = module.account

    # -- options --------------------------------------------------------------------------

    @classmethod
    def argument_spec(cls):
        """The options of the module for one resource (TwilioModule adds the connection's)."""
        return resource_options(cls)

    @classmethod
    def info_argument_spec(cls, **filters):
        """The options of an *_info module: sid, and the family's own filters."""
        return dict(sid=dict(type='str'), **filters)

    # -- URLs and reads -------------------------------------------------------------------

    def collection_url(self):
        """The family's collection URL; the first call checks the product's base URL (an option a
        module never uses cannot fail it), so a run calls it before its first request."""
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

    def identity_of(self, record):
        return tuple(get_path(record, self.field(option).response) for option in self.identity)

    @staticmethod
    def identity_key(identity, ignore_case=False):
        """An identity as identities are compared: its texts without regard to case, when asked."""
        return tuple(value.casefold() if ignore_case and isinstance(value, str) else value for value in identity)

    def matches(self, record, identity, ignore_case=False):
        return self.identity_key(self.identity_of(record), ignore_case) == self.identity_key(identity, ignore_case)

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
            if name is not None and is_blank(name):
                problems.append('%s must not be empty or only whitespace' % name_option)
            # An empty name counts as not given here: it is refused just above.
            if both_given(name or None, desired.values.get(option)):
                problems.append('%s (a name) and %s (its SID) are both given: set only one' % (name_option, option))
        if self.variants:
            # A variant the entry gives or implies must come with what it needs (whatever the
            # resource has now): the rule is checked before any request, as the API states it.
            kind = self.variants.of(self, desired)[0]
            problems.extend(self.variants.problems(self, desired, kind))
            problems.extend(self.variants.missing(self, desired, kind) if kind else [])
        return problems + self.extra_problems(desired)

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
            for warning in warnings:
                self.module.warn_once(warning)
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
        identity = ' '.join(quoted(value) for value in self.identity_of(resource))
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
            self.module.warn_once('%s: %s is recorded with another %s (changed by hand since?); it is left as it is, and the '
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
            kind = self.variants.of(self, desired)[0] if self.variants else None
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
            kind, how = self.variants.of(self, desired, current)
            if how in ('given', 'implied'):
                values[self.variants.selector] = kind
            if how == 'current':
                # Options the entry sets must suit the variant the resource keeps.
                problems.extend(self.variants.problems(self, desired, kind))
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

    # -- the flows a module runs (TwilioModule turns refusals and errors into its exit) -----

    def converge(self, desired):
        """Converge one resource to the entry (already free of input problems); returns the
        module's result. Raises Refusal or TwilioApiError."""
        problems = self.resolve(desired)
        if problems:
            raise Refusal('; '.join(problems))
        lookup = RemoteLookup(self)
        change = self.plan(desired, self.locate(desired, lookup), lookup)
        resource, before, after = self.apply(change)
        result = dict(changed=change.operation != 'none', operation=change.operation)
        result[self.result_key] = resource
        if self.module._diff and change.operation != 'none':
            result['diff'] = dict(before=before, after=after)
        if resource:
            result.update(self.describe(resource))
        return result

    def find(self, sid=None, identity=None):
        """Every resource with that SID and/or identity, or every resource: a fetch, a lookup
        by identity or a list of every page. Raises TwilioApiError."""
        if sid:
            found = self.fetch(sid)
            records = [found] if found else []
            return [record for record in records if identity is None or self.matches(record, (identity,))]
        if identity is not None:
            return self.find_remote((identity,))
        return self.list()
