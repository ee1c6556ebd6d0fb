# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""The vocabulary a family's table is written in: ApiField (one option <-> form field <->
response key, with its kind, the limits Twilio documents for it and how its values compare),
Variants (which options each variant of a resource needs and accepts, and the checks of those
rules), the argument spec a table makes, and the dotted-path helpers.

Standard library only (with _products, _resolve and _sid): the role's reasoning on the
controller (plugins/plugin_utils) applies the same checks as the modules by importing this file."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.twilio_ops.flex.plugins.module_utils._products import url_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import SID_LENGTH, sid_pattern, sid_problem

_ARG_TYPES = {'str': 'str', 'sid': 'str', 'url': 'str', 'bool': 'bool', 'int': 'int', 'list': 'list'}


# -- the rules on what people type, stated once for the modules and the role -----------------------

def is_blank(value):
    """Whether a value is empty or only white space: nothing a name or a setting can be."""
    return not str(value).strip()


def is_padded(value):
    """Whether a value starts or ends with white space, which a name must not: Twilio keeps it, and
    lookups by name would miss it."""
    return str(value) != str(value).strip()


def both_given(name, sid):
    """Whether a Studio flow is given both by name and by SID (None: not given); one of the two
    must be set, not both."""
    return name is not None and sid is not None


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

    The limits Twilio documents for the form field (its spec's enum, minimum and maximum,
    minLength and maxLength, pattern), checked before any request; tests/fidelity/
    test_documented_limits.py fails when the spec documents one that the row does not carry:
    choices:     the values taken (the spec's enum, or fewer)
    minimum, maximum:       the range of an int
    min_length, max_length: the length of a text, in characters
    pattern:     a regular expression the whole text must match
    sid_prefix:  a SID of that resource type; implies Twilio's limits of every SID field (34
                 characters, the pattern of sid_pattern(prefix)), checked with a clearer message
    """

    def __init__(self, option, form, response, kind='str', choices=None, sid_prefix=None, minimum=None, maximum=None,
                 min_length=None, max_length=None, pattern=None, nonblank=False, create_only=False, ignore_case=False, no_log=False,
                 name=False):
        self.option = option
        self.form = form
        self.response = response
        self.kind = kind
        self.choices = choices
        self.sid_prefix = sid_prefix
        self.minimum = minimum
        self.maximum = maximum
        self.min_length = SID_LENGTH if sid_prefix and min_length is None else min_length
        self.max_length = SID_LENGTH if sid_prefix and max_length is None else max_length
        self.pattern = sid_pattern(sid_prefix) if sid_prefix and pattern is None else pattern
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

    def blank(self, value):
        """Whether this field refuses the value as empty or only white space (nonblank and name fields)."""
        return self.nonblank and is_blank(value)

    def padded(self, value):
        """Whether this field refuses the value for white space at its start or end (name fields)."""
        return self.name and is_padded(value)

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
            return next(('item %s' % found for found in (self.text_problem(str(item)) for item in value) if found), None)
        if self.kind == 'int':
            return self.range_problem(value) or self.choice_problem(value)
        if self.blank(value):
            return 'must not be empty or only whitespace'
        if self.padded(value):
            return '%s must not start or end with white space (Twilio keeps it, and lookups by name would miss it)' % quoted(value)
        found = self.text_problem(str(value))
        if found:
            return found
        if self.kind == 'url':
            found = url_problem(value, 'https://example.com/webhook', base=False)
            if found:
                return '%s %s' % (quoted(value), found)
        return self.choice_problem(value)

    def text_problem(self, text):
        """A text past the length or pattern Twilio documents for the field."""
        if self.max_length is not None and len(text) > self.max_length:
            return '%s is %d characters long; Twilio allows at most %d' % (quoted(text), len(text), self.max_length)
        if self.min_length is not None and len(text) < self.min_length:
            return '%s is %d characters long; Twilio needs at least %d' % (quoted(text), len(text), self.min_length)
        # \Z, not $: $ would let a trailing line break through.
        if self.pattern is not None and not re.search(re.sub(r'(?<!\\)\$$', r'\\Z', self.pattern), text):
            return '%s does not match %s, the pattern Twilio requires' % (quoted(text), self.pattern)
        return None

    def range_problem(self, value):
        """A number outside the range of the field."""
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            if self.minimum is not None and self.maximum is not None:
                return 'must be between %s and %s, got %s' % (self.minimum, self.maximum, value)
            if self.minimum is not None:
                return 'must be at least %s, got %s' % (self.minimum, value)
            return 'must be at most %s, got %s' % (self.maximum, value)
        return None

    def choice_problem(self, value):
        """A value that is not one of the choices (without regard to case, for an ignore_case field).
        Ansible's argument spec checks the choices of a module option too; this is for every caller."""
        if self.choices and self.normalize(value) not in [self.normalize(choice) for choice in self.choices]:
            return 'must be one of %s, got %s' % (', '.join(self.choices), quoted(value))
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

    # -- the rules applied to an entry (family: the Resources class; desired: the entry) -----

    def given(self, family, desired):
        """The variant options the entry sets, counting a name option as the field it resolves to."""
        given = set(option for option in self.options() if option in desired.values)
        given.update(option for option, name_option in family.studio_flow_names.items() if get_path(desired.params, name_option))
        return given

    def of(self, family, desired, current=None):
        """(variant, how): the variant the resource will have, and whether the user gave it,
        the options imply it, or it is the existing resource's own; (None, None) when nothing says."""
        selector = family.field(self.selector)
        if self.selector in desired.values:
            return selector.normalize(desired.values[self.selector]), 'given'
        # A name resolved to a variant's field says which variant is meant (studio_flow: studio).
        for option, name_option in family.studio_flow_names.items():
            if get_path(desired.params, name_option):
                named = self.implied([option])
                if named is not None:
                    return named, 'implied'
        implied = self.implied(self.given(family, desired))
        if implied is not None:
            return implied, 'implied'
        if current is not None and get_path(current, selector.response) is not None:
            return selector.normalize(get_path(current, selector.response)), 'current'
        return None, None

    def problems(self, family, desired, kind):
        """Options the entry sets that the variant does not accept (or that belong to different
        variants, when none is known)."""
        given = self.given(family, desired)
        if kind is None:
            if self.conflicting(given):
                return ['the options given (%s) belong to different values of %s: set %s' % (', '.join(sorted(given)), self.selector, self.selector)]
            return []
        if kind not in self.rules:
            return []
        needed, accepted = self.rules[kind]
        problems = []
        for option in sorted(given):
            if option not in needed and option not in accepted:
                name_option = family.studio_flow_names.get(option)
                shown = name_option if option not in desired.values and name_option else option
                problems.append('%s applies only to %s %s, not %s' % (shown, self.selector, ' or '.join(self.owners(option)), kind))
        return problems

    def missing(self, family, desired, kind):
        """The options the variant needs that the entry does not give."""
        problems = []
        for option in self.rules.get(kind, ((), ()))[0]:
            name_option = family.studio_flow_names.get(option)
            if option not in desired.values and not (name_option and get_path(desired.params, name_option)):
                hint = ' (or %s, by name)' % name_option if name_option else ''
                problems.append('%s %s needs %s%s' % (self.selector, kind, option, hint))
        return problems


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


def resource_options(family):
    """The options of one resource of a family: its table's, the options that name a Studio flow
    instead of a SID, its state and its SID (what a set module's entries take too)."""
    spec = argument_spec_from_fields(family.fields)
    for name_option in family.studio_flow_names.values():
        head, _dot, tail = name_option.rpartition('.')
        (spec[head]['options'] if head else spec)[tail] = dict(type='str')
    spec.update(
        state=dict(type='str', default='present', choices=['present', 'absent']),
        sid=dict(type='str'),
    )
    return spec


def recorded_spec(family):
    """The options of what a record says of one resource (an item of owned, an entry's known): its
    SID and the family's recorded fields, all required, so that nothing is trusted unchecked."""
    spec = dict(sid=dict(type='str', required=True))
    spec.update((option, dict(family.field(option).argument(), required=True)) for option in family.recorded)
    return spec


def recorded(family, resource):
    """What a record keeps of a resource as the API answers it."""
    item = dict(sid=resource['sid'])
    item.update((option, get_path(resource, family.field(option).response)) for option in family.recorded)
    return item


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
