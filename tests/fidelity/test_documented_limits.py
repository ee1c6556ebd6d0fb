# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every limit Twilio's spec documents for a form field the modules send is carried by that
field's row of the family's field table, so that the modules refuse a value past it before any
request (issue 18: a 300-character Conversations friendly_name was refused by Twilio only after
another address of the same run had been created).

Read from the create and update operations of each writable family (Flex Flows, Conversations
addresses): the schema's maxLength, minLength, maximum, minimum, enum and pattern (with type and
format), and the limits the spec states only in its descriptions ("limited to 256 characters",
"integer values from 0 to 3"). A row must carry each one as documented; its choices may be fewer
than the enum, and a row may check more than the spec documents (a SID's prefix, a timeout of at
least 1), never less. The tests at the end prove that the check fails when it should."""

import copy
import re

import pytest

from collection_import import collection_module
from openapi_schemas import load_spec, spec_dir

FLEX = load_spec('twilio_flex_v1.json')
CONVERSATIONS = load_spec('twilio_conversations_v1.json')

pytestmark = pytest.mark.skipif(
    FLEX is None or CONVERSATIONS is None,
    reason='Twilio OpenAPI specs twilio_flex_v1.json / twilio_conversations_v1.json not found in {0} (set TWILIO_OAI_DIR)'.format(spec_dir()))

FlexFlows = collection_module('plugins.module_utils._flex_flow').FlexFlows
ConversationsAddresses = collection_module('plugins.module_utils._conversations_address').ConversationsAddresses

# The families the modules write, and the spec of each one's product.
WRITABLE = {'FlexFlows': FlexFlows, 'ConversationsAddresses': ConversationsAddresses}
SPECS = {'flex': FLEX, 'conversations': CONVERSATIONS}
FORM = 'application/x-www-form-urlencoded'

# A spec keyword and the ApiField attribute that carries it, compared for equality.
EQUAL = {'maxLength': 'max_length', 'minLength': 'min_length', 'maximum': 'maximum', 'minimum': 'minimum', 'pattern': 'pattern'}
KINDS = {'string': ('str', 'sid', 'url'), 'integer': ('int',), 'boolean': ('bool',), 'array': ('list',)}
# Keywords that say nothing about which values are taken.
NOT_LIMITS = ('description', 'x-twilio', 'example', 'title', 'nullable', 'default')

# The phrasings in which the spec's descriptions state a limit, and what each one says.
PROSE = (
    (re.compile(r'\b(?:limited to|at most|up to|no more than|maximum of) (\d+) characters\b', re.I),
     lambda match: {'maxLength': int(match.group(1))}),
    (re.compile(r'\bvalues from (-?\d+) to (-?\d+)\b', re.I),
     lambda match: {'minimum': int(match.group(1)), 'maximum': int(match.group(2))}),
)
# What looks like a limit in words: a test that cannot read one must say so, not pass.
LOOKS_LIKE_A_LIMIT = re.compile(
    r'\b\d[\d,]* (?:characters|chars|bytes|items|values)\b|\b(?:limited to|at most|at least|up to|no more than|no less than|maximum of|'
    r'minimum of|between) -?\d|\bfrom -?\d+ to -?\d+\b', re.I)


def _resolve(spec, node):
    while '$ref' in node:
        node = spec['components']['schemas'][node['$ref'].split('/')[-1]]
    return node


def form_operations(spec, family):
    """[(operationId, is_update, {form field: schema})] of the family's create and update."""
    found = []
    for path, is_update in ((family.path, False), (family.path + '/{Sid}', True)):
        operation = spec['paths'][path]['post']
        schema = _resolve(spec, operation['requestBody']['content'][FORM]['schema'])
        found.append((operation['operationId'], is_update, schema['properties']))
    return found


def documented(spec, schema):
    """The limits the spec documents for one form field: its schema's keywords (those of the
    schema a $ref names too, and of an array's items as items.<keyword>) and those its
    descriptions state in words; the words it cannot read as 'unread prose'."""
    limits = {}
    texts = []
    resolved = _resolve(spec, schema)
    for node in [schema] + ([resolved] if resolved is not schema else []):
        texts.append(node.get('description') or '')
        for key, value in node.items():
            if key == 'items':
                limits.update(('items.' + item_key, item_value) for item_key, item_value in _resolve(spec, value).items()
                              if item_key not in NOT_LIMITS and not (item_key == 'type' and item_value == 'string'))
            elif key not in NOT_LIMITS and key != '$ref':
                limits[key] = value
    for text in texts:
        read = [(match.span(), said(match)) for regex, said in PROSE for match in regex.finditer(text)]
        for span, said in read:
            limits.update(said)
        for match in LOOKS_LIKE_A_LIMIT.finditer(text):
            if not any(start <= match.start() < end for (start, end), _said in read):
                limits.setdefault('unread prose', []).append(match.group(0))
    return limits


def carried_differently(field, keyword, value):
    """Why the field's row does not carry the documented limit keyword=value, or None."""
    if keyword in EQUAL:
        carried = getattr(field, EQUAL[keyword])
        return None if carried == value else 'the row has {0}={1!r}'.format(EQUAL[keyword], carried)
    if keyword == 'enum':
        fold = (lambda text: str(text).lower()) if field.ignore_case else str
        extra = sorted(set(fold(choice) for choice in field.choices or ()) - set(fold(item) for item in value))
        if not field.choices:
            return 'the row has no choices'
        return 'the row also takes {0}'.format(', '.join(extra)) if extra else None
    if keyword == 'type':
        return None if field.kind in KINDS.get(value, ()) else 'the row has kind={0!r}'.format(field.kind)
    if keyword == 'format' and value == 'uri':
        return None if field.kind == 'url' else 'the row has kind={0!r}, not url'.format(field.kind)
    if keyword == 'unread prose':
        return 'this test cannot read that limit: add its phrasing to PROSE, and the limit to the row'
    return 'ApiField cannot carry it yet: teach ApiField (and its problem()) this limit'


def mismatches(spec, family, fields=None):
    """Every documented limit of a form field the family sends that its table does not carry as
    documented; and every form field it sends that the spec's create or update does not take."""
    found = []
    operations = form_operations(spec, family)
    for field in fields if fields is not None else family.fields:
        taken_by = [operation for operation in operations if field.form in operation[2]]
        if not taken_by:
            found.append('{0}: {1} is in no create or update form of the spec'.format(family.__name__, field.form))
        for operation_id, is_update, properties in operations:
            if field.form not in properties:
                if is_update and not field.create_only:
                    found.append('{0}: {1} is sent in updates, but {2} does not take it'.format(family.__name__, field.form, operation_id))
                continue
            for keyword, value in sorted(documented(spec, properties[field.form]).items()):
                why = carried_differently(field, keyword, value)
                if why:
                    found.append('{0} {1} ({2}): the spec documents {3} {4!r}; {5}'.format(
                        family.__name__, field.form, operation_id, keyword, value, why))
    return found


@pytest.mark.parametrize('name', sorted(WRITABLE))
def test_every_form_field_carries_the_limits_the_spec_documents(name):
    family = WRITABLE[name]
    assert mismatches(SPECS[family.product], family) == []


@pytest.mark.parametrize('name', sorted(WRITABLE))
def test_the_check_reads_every_form_field_the_family_sends(name):
    """Not vacuous: every field of the table is found in the spec, and limits are found at all."""
    family = WRITABLE[name]
    operations = form_operations(SPECS[family.product], family)
    assert all(any(field.form in properties for _id, _update, properties in operations) for field in family.fields)
    read = [documented(SPECS[family.product], properties[field.form]) for field in family.fields
            for _id, _update, properties in operations if field.form in properties]
    assert any('enum' in limits for limits in read) and any('pattern' in limits for limits in read)


def test_the_limits_stated_only_in_words_are_read():
    """The two limits of these families that the spec states in descriptions only."""
    address = form_operations(CONVERSATIONS, ConversationsAddresses)[0][2]
    flow = form_operations(FLEX, FlexFlows)[0][2]
    assert documented(CONVERSATIONS, address['FriendlyName']) == {'type': 'string', 'maxLength': 256}
    assert documented(FLEX, flow['Integration.RetryCount']) == {'type': 'integer', 'minimum': 0, 'maximum': 3}


def _with(fields, option, **changes):
    """A copy of a field table with one row changed."""
    changed = []
    for field in fields:
        if field.option == option:
            field = copy.copy(field)
            for attribute, value in changes.items():
                setattr(field, attribute, value)
        changed.append(field)
    return changed


@pytest.mark.parametrize('name, option, changes, expected', [
    ('ConversationsAddresses', 'friendly_name', dict(max_length=None),
     "FriendlyName (CreateConfigurationAddress): the spec documents maxLength 256; the row has max_length=None"),
    ('ConversationsAddresses', 'friendly_name', dict(max_length=300),
     "FriendlyName (UpdateConfigurationAddress): the spec documents maxLength 256; the row has max_length=300"),
    ('ConversationsAddresses', 'auto_creation.webhook_method', dict(choices=None),
     "AutoCreation.WebhookMethod (CreateConfigurationAddress): the spec documents enum ['get', 'post']; the row has no choices"),
    ('ConversationsAddresses', 'type', dict(choices=('sms', 'web')), "Type (CreateConfigurationAddress): the spec documents enum"),
    ('FlexFlows', 'channel_type', dict(choices=('web', 'webchat')), 'the row also takes webchat'),
    ('FlexFlows', 'chat_service_sid', dict(pattern='^IS.+$'), "ChatServiceSid (CreateFlexFlow): the spec documents pattern"),
    ('FlexFlows', 'integration.flow_sid', dict(max_length=None), "Integration.FlowSid (UpdateFlexFlow): the spec documents maxLength 34"),
    ('FlexFlows', 'integration.retry_count', dict(maximum=None), "Integration.RetryCount (CreateFlexFlow): the spec documents maximum 3"),
    ('FlexFlows', 'integration.retry_count', dict(minimum=1), "the spec documents minimum 0; the row has minimum=1"),
    ('FlexFlows', 'integration.url', dict(kind='str'), "Integration.Url (CreateFlexFlow): the spec documents format 'uri'"),
    ('FlexFlows', 'integration.timeout', dict(kind='str'), "the spec documents type 'integer'; the row has kind='str'"),
    ('FlexFlows', 'friendly_name', dict(form='Name'), 'FlexFlows: Name is in no create or update form of the spec'),
])
def test_the_check_fails_for_a_table_that_misses_or_changes_a_limit(name, option, changes, expected):
    family = WRITABLE[name]
    found = mismatches(SPECS[family.product], family, _with(family.fields, option, **changes))
    assert any(expected in line for line in found), found


def _spec_with(spec, path, form, **changes):
    """A copy of a spec with one form property of the create (and update) operation changed."""
    spec = copy.deepcopy(spec)
    for suffix in ('', '/{Sid}'):
        properties = spec['paths'][path + suffix]['post']['requestBody']['content'][FORM]['schema']['properties']
        if form in properties:
            properties[form].update(changes)
    return spec


@pytest.mark.parametrize('name, form, changes, expected', [
    ('ConversationsAddresses', 'Address', dict(maxLength=64), "Address (CreateConfigurationAddress): the spec documents maxLength 64"),
    ('FlexFlows', 'ContactIdentity', dict(pattern=r'^\+[0-9]+$'), "ContactIdentity (UpdateFlexFlow): the spec documents pattern"),
    ('FlexFlows', 'Integration.Priority', dict(maximum=100), 'Integration.Priority (CreateFlexFlow): the spec documents maximum 100'),
    ('FlexFlows', 'Integration.Timeout', dict(multipleOf=60), 'documents multipleOf 60; ApiField cannot carry it yet'),
    ('FlexFlows', 'FriendlyName', dict(description='A name, at most 64 characters.'), "FriendlyName (CreateFlexFlow): the spec documents maxLength 64"),
    ('FlexFlows', 'FriendlyName', dict(description='A name shorter than 65 characters.'),
     "the spec documents unread prose ['65 characters']; this test cannot read that limit"),
    ('ConversationsAddresses', 'AutoCreation.WebhookFilters', dict(items={'type': 'string', 'maxLength': 40}),
     "the spec documents items.maxLength 40; ApiField cannot carry it yet"),
])
def test_the_check_fails_for_a_limit_the_spec_adds(name, form, changes, expected):
    family = WRITABLE[name]
    found = mismatches(_spec_with(SPECS[family.product], family.path, form, **changes), family)
    assert any(expected in line for line in found), found


@pytest.mark.parametrize('name', sorted(WRITABLE))
def test_each_carried_limit_refuses_a_value_past_it(name):
    """What the table carries, problem() applies: one past each length or range is refused, the limit itself is not."""
    checked = 0
    for field in WRITABLE[name].fields:
        if field.sid_prefix:
            continue  # the SID's own check says it first, more clearly
        if field.max_length is not None:
            assert 'Twilio allows at most {0}'.format(field.max_length) in field.problem('x' * (field.max_length + 1))
            assert field.problem('x' * field.max_length) is None
            checked += 1
        if field.kind == 'int' and field.maximum is not None:
            assert field.problem(field.maximum + 1) and field.problem(field.maximum) is None
            checked += 1
        if field.kind == 'int' and field.minimum is not None:
            assert field.problem(field.minimum - 1) and field.problem(field.minimum) is None
            checked += 1
    assert checked
