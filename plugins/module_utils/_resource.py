# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""The shared shape of every resource module: a field table (option <-> form field <-> response
key), validation before any request, lookup by SID or by name over every page, comparison of
only what the user set, one write path that honours check mode, and a diff only under --diff.

A resource family (Flex Flows today, Conversations address configurations later) subclasses
TwilioResource with its table, its URLs and a few hooks; nothing here knows a family's names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from urllib.parse import urlsplit

from ansible_collections.twilio_ops.flex.plugins.module_utils._api import (
    TwilioApiError,
    TwilioClient,
)
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

_ARG_TYPES = {'str': 'str', 'sid': 'str', 'url': 'str', 'bool': 'bool', 'int': 'int'}


class ApiField:
    """One row of a field table.

    option:   the module option, dotted for a sub-option ('integration.flow_sid')
    form:     the form field the API takes on create and update ('Integration.FlowSid')
    response: the key in the API's JSON answer, dotted for nested objects ('integration.flow_sid')
    kind:     str, sid, url, bool or int; decides the option type, validation and comparison
    """

    def __init__(self, option, form, response, kind='str', choices=None, sid_prefix=None,
                 minimum=None, maximum=None, nonblank=False):
        self.option = option
        self.form = form
        self.response = response
        self.kind = kind
        self.choices = choices
        self.sid_prefix = sid_prefix
        self.minimum = minimum
        self.maximum = maximum
        self.nonblank = nonblank

    def argument(self):
        spec = dict(type=_ARG_TYPES[self.kind])
        if self.choices:
            spec['choices'] = list(self.choices)
        return spec

    def normalize(self, value):
        """The comparable form of a value from the user or from the API: the API may answer
        null where the user said '' and 'true' where the user said True."""
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
        value = str(value)
        return value if value != '' else None

    def serialize(self, value):
        """The form-field text: lower-case booleans (the API rejects True), digits for integers."""
        if self.kind == 'bool':
            return 'true' if value else 'false'
        return '' if value is None else str(value)

    def problem(self, value):
        """Why a user-given value is unacceptable, or None."""
        if self.sid_prefix:
            found = sid_problem(value, self.sid_prefix)
            if found:
                return '%r %s' % (value, found)
        if self.nonblank and not str(value).strip():
            return 'must not be empty or only whitespace'
        if self.kind == 'url':
            parts = urlsplit(str(value))
            if parts.scheme not in ('http', 'https') or not parts.netloc or any(c.isspace() for c in str(value)):
                return '%r is not an absolute http(s) URL' % (value,)
        if self.kind == 'int':
            if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
                bounds = [b for b in (self.minimum, self.maximum) if b is not None]
                if len(bounds) == 2:
                    return 'must be between %s and %s, got %s' % (self.minimum, self.maximum, value)
                return 'must be at least %s, got %s' % (self.minimum, value)
        return None


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


class TwilioResource:
    """Read, compare and write one resource of a Twilio REST collection.

    Subclasses set the class attributes and may override the hooks validate(), resolve(),
    complete_for_create() and describe()."""

    label = None          # what users call it, for messages: 'Flex Flow'
    product = None        # which base URL: a key of TwilioClient.base_urls
    path = None           # the collection path: '/v1/FlexFlows'
    list_key = None       # where a list answer keeps its records: 'flex_flows'
    sid_prefix = None     # 'FO'
    result_key = None     # the result field holding the resource: 'flex_flow'
    fields = ()           # the ApiField table
    name_field = None     # the ApiField that names a resource, for lookups by name
    name_query = None     # the list query parameter that filters by name, if the API has one
    read_only = ('sid', 'account_sid', 'date_created', 'date_updated', 'url')

    def __init__(self, module, client=None):
        self.module = module
        self.client = client or TwilioClient(module)
        self.result = dict(changed=False)
        self.wanted = {}

    # -- URLs and reads -------------------------------------------------------------------

    def collection_url(self):
        return self.client.url(self.product, self.path)

    def instance_url(self, sid):
        return '%s/%s' % (self.collection_url(), sid)

    def fetch(self, sid):
        """The resource with that SID, or None when the API answers 404."""
        try:
            return self.client.request('GET', self.instance_url(sid))
        except TwilioApiError as exc:
            if exc.status == 404:
                return None
            raise

    def list(self, name=None):
        """Every resource, or every resource with exactly that name (the API's name filter is
        used when there is one; the exact match is checked here either way)."""
        query = {self.name_query: name} if name is not None and self.name_query else None
        records = self.client.list_all(self.collection_url(), self.list_key, query)
        if name is None:
            return records
        return [record for record in records if get_path(record, self.name_field.response) == name]

    def find_by_name(self, name):
        """The one resource with that name, or None. Names are not unique in Twilio: when several
        share it, fail and change nothing rather than guess."""
        matches = self.list(name)
        if len(matches) > 1:
            self.fail('%d %ss are named %r (%s); name one by sid instead' % (
                len(matches), self.label, name, ', '.join(record['sid'] for record in matches)))
        return matches[0] if matches else None

    def identity(self):
        """(sid, name) the options identify the resource by. Ansible's required_one_of counts an
        option given as null as present, so the values themselves are checked here: a lookup with
        no name would match every resource."""
        return self.module.params.get('sid'), get_path(self.module.params, self.name_field.option)

    def find(self):
        """The resource the options identify: by sid when given, else by name."""
        sid, name = self.identity()
        if sid:
            return self.fetch(sid)
        return self.find_by_name(name)

    # -- desired state ---------------------------------------------------------------------

    def user_values(self):
        """{option: normalized value} for every table option the user set."""
        values = {}
        for field in self.fields:
            value = get_path(self.module.params, field.option)
            if value is not None:
                values[field.option] = field.normalize(value)
        return values

    def validate(self):
        """Check the user's values against the table before any request; report every problem."""
        problems = []
        sid, name = self.identity()
        if not sid and name is None:
            problems.append('sid or %s is needed to identify the %s' % (self.name_field.option, self.label))
        for field in self.fields:
            value = get_path(self.module.params, field.option)
            if value is not None:
                problem = field.problem(value)
                if problem:
                    problems.append('%s %s' % (field.option, problem))
        return problems

    def resolve(self):
        """Hook: turn names the user gave into the API's values (self.wanted), with reads only."""

    def complete_for_create(self, values):
        """Hook: add what a create needs and the user may leave out (defaults, discovery)."""
        return values

    def describe(self, resource):
        """Hook: result fields derived from the resource, beside result_key."""
        return {}

    def field(self, option):
        for field in self.fields:
            if field.option == option:
                return field
        raise KeyError(option)

    def differences(self, current):
        """The wanted values the resource does not have yet, in table order."""
        changes = {}
        for field in self.fields:
            if field.option in self.wanted:
                if field.normalize(get_path(current, field.response)) != field.normalize(self.wanted[field.option]):
                    changes[field.option] = self.wanted[field.option]
        return changes

    def form(self, values):
        return dict((self.field(option).form, self.field(option).serialize(value)) for option, value in values.items())

    def shaped(self, values, base=None):
        """values (keyed by option) laid out as the API answers, over a copy of base."""
        resource = copy.deepcopy(base) if base is not None else dict((key, None) for key in self.read_only)
        for option, value in values.items():
            set_path(resource, self.field(option).response, value)
        return resource

    # -- the one write path ----------------------------------------------------------------

    def write(self, method, url, form=None, recover=None):
        """Every change goes through here: nothing is sent in check mode."""
        self.result['changed'] = True
        if self.module.check_mode:
            return None
        return self.client.request(method, url, form=form, recover=recover)

    def create(self):
        values = self.complete_for_create(dict(self.wanted))
        name = values[self.name_field.option]
        created = self.write('POST', self.collection_url(), self.form(values), recover=lambda: self.find_by_name(name))
        after = created
        if after is None:
            # Check mode: the resource as it would be; the account is known, the SID is not.
            after = self.shaped(values)
            after['account_sid'] = self.client.account_sid
        self.finish('create', {}, after, after)
        return after

    def update(self, current):
        changes = self.differences(current)
        if not changes:
            self.finish('none', None, None, current)
            return current
        updated = self.write('POST', self.instance_url(current['sid']), self.form(changes))
        after = updated if updated is not None else self.shaped(changes, current)
        before_diff = self.shaped(dict((option, get_path(current, self.field(option).response)) for option in changes), {})
        self.finish('update', before_diff, self.shaped(changes, {}), after)
        return after

    def delete(self, current):
        try:
            self.write('DELETE', self.instance_url(current['sid']))
        except TwilioApiError as exc:
            # Deleted by someone else between our read and our delete: the goal is reached.
            if exc.status != 404:
                raise
        self.finish('delete', current, {}, {})

    def finish(self, operation, before, after, resource):
        self.result['operation'] = operation
        self.result[self.result_key] = resource
        if self.module._diff and operation != 'none':
            self.result['diff'] = dict(before=before, after=after)
        if resource:
            self.result.update(self.describe(resource))

    # -- running a module -----------------------------------------------------------------

    def present(self):
        self.resolve()
        current = self.find()
        if current is None:
            if self.module.params.get('sid'):
                self.fail('No %s has sid %s; to create one, give %s without sid' % (
                    self.label, self.module.params['sid'], self.name_field.option))
            return self.create()
        return self.update(current)

    def absent(self):
        current = self.find()
        if current is None:
            self.finish('none', None, None, {})
        else:
            self.delete(current)

    def run(self):
        """Validate, converge to the requested state, and exit the module."""
        self.wanted = self.user_values()
        problems = self.validate()
        if problems:
            self.fail('Invalid input, nothing was sent to Twilio: ' + '; '.join(problems))
        try:
            if self.module.params['state'] == 'absent':
                self.absent()
            else:
                self.present()
        except TwilioApiError as exc:
            self.fail(str(exc), error=exc.as_result())
        self.exit()

    def run_info(self, result_key, sid=None, name=None, keep=None):
        """Read-only: every matching resource as a list ([] when none match), for *_info modules."""
        try:
            if sid:
                found = self.fetch(sid)
                records = [found] if found else []
                if name is not None:
                    records = [r for r in records if get_path(r, self.name_field.response) == name]
            else:
                records = self.list(name)
        except TwilioApiError as exc:
            self.fail(str(exc), error=exc.as_result())
        if keep is not None:
            records = [record for record in records if keep(record)]
        self.result[result_key] = records
        self.exit()

    def exit(self):
        self.result['retries'] = self.client.retries
        self.module.exit_json(**self.result)

    def fail(self, msg, **extra):
        extra['retries'] = self.client.retries
        self.module.fail_json(msg=msg, **extra)
