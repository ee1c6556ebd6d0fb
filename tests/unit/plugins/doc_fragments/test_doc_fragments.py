# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The documentation against the code it documents: the connection doc fragment against
connection_argument_spec() and the product table, the families' option fragments against their
argument specs, and every module's DOCUMENTATION, EXAMPLES and RETURN as YAML (ansible-doc and
validate-modules read them; a text that does not parse leaves every module using it without
documentation)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import re

import pytest
import yaml

from ansible_collections.twilio_ops.flex.plugins.doc_fragments import connection, conversations_address_options, flex_flow_options
from ansible_collections.twilio_ops.flex.plugins.module_utils._connection import connection_argument_spec
from ansible_collections.twilio_ops.flex.plugins.module_utils._conversations_address import ConversationsAddresses
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_flow import FlexFlows
from ansible_collections.twilio_ops.flex.plugins.module_utils._products import CREDENTIALS, PRODUCTS
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource_set import set_argument_spec

MODULES = ('conversations_address', 'conversations_address_info', 'conversations_addresses', 'flex_account_info', 'flex_configuration_info',
           'flex_flow', 'flex_flow_info', 'flex_flows', 'studio_flow_info')

FRAGMENTS = dict(connection=connection, flex_flow_options=flex_flow_options, conversations_address_options=conversations_address_options)


@pytest.mark.parametrize('name, attribute', [
    pytest.param(name, attribute, id='%s.%s' % (name, attribute))
    for name, attribute in (('connection', 'DOCUMENTATION'), ('flex_flow_options', 'DOCUMENTATION'), ('flex_flow_options', 'ENTRIES'),
                            ('conversations_address_options', 'DOCUMENTATION'), ('conversations_address_options', 'ENTRIES'))
])
def test_each_doc_fragment_is_yaml_with_options(name, attribute):
    assert isinstance(yaml.safe_load(getattr(FRAGMENTS[name].ModuleDocFragment, attribute))['options'], dict)


@pytest.mark.parametrize('module, attribute', [
    pytest.param(module, attribute, id='%s.%s' % (module, attribute))
    for module in MODULES for attribute in ('DOCUMENTATION', 'EXAMPLES', 'RETURN')
])
def test_each_modules_documentation_is_yaml(module, attribute):
    text = getattr(importlib.import_module('ansible_collections.twilio_ops.flex.plugins.modules.' + module), attribute)
    assert yaml.safe_load(text)


# -- the connection options ----------------------------------------------------------------------

def documented_connection_options():
    return yaml.safe_load(connection.ModuleDocFragment.DOCUMENTATION)['options']


def test_the_connection_fragment_documents_exactly_connection_argument_spec():
    documented = documented_connection_options()
    spec = connection_argument_spec()

    assert sorted(documented) == sorted(spec)
    for name, option in spec.items():
        assert documented[name]['type'] == option['type'], name
        assert documented[name].get('default') == option.get('default'), name
        assert documented[name].get('required', False) == option.get('required', False), name


@pytest.mark.parametrize('product', PRODUCTS, ids=[product.key for product in PRODUCTS])
def test_the_connection_fragment_names_each_products_default_url_and_environment_variable(product):
    option = documented_connection_options()[product.option]
    text = ' '.join(option['description'])

    # No default in the spec: an unset URL takes its environment variable first (_connection).
    assert 'default' not in option
    assert 'V(%s)' % product.default in text
    assert 'E(%s)' % product.env in text
    assert 'An empty value counts as not set' in ' '.join(text.split())


@pytest.mark.parametrize('option, env', [(option, env) for option, env, secret in CREDENTIALS], ids=[c[0] for c in CREDENTIALS])
def test_the_connection_fragment_names_each_credentials_environment_variable(option, env):
    assert 'E(%s)' % env in ' '.join(documented_connection_options()[option]['description'])


def test_the_connection_fragment_text_documents_exactly_the_options_with_each_products_url_and_environment_variable():
    # What can be checked while the YAML does not parse: the text itself.
    text = connection.ModuleDocFragment.DOCUMENTATION
    options_block = text.split('\noptions:\n', 1)[1].split('\nrequirements:', 1)[0]
    assert sorted(re.findall(r'^  ([a-z_]+):$', options_block, re.MULTILINE)) == sorted(connection_argument_spec())
    for product in PRODUCTS:
        assert '\n  %s:\n' % product.option in text
        assert 'V(%s)' % product.default in text
        assert 'E(%s)' % product.env in text
    for option, env, secret in CREDENTIALS:
        assert '\n  %s:\n' % option in text
        assert 'E(%s)' % env in text


# -- the families' options ------------------------------------------------------------------------

def assert_documents(documented, spec):
    assert sorted(documented) == sorted(spec)
    for name, option in spec.items():
        assert documented[name]['type'] == option['type'], name
        assert documented[name].get('choices') == option.get('choices'), name
        assert documented[name].get('default') == option.get('default'), name
        assert documented[name].get('required', False) == option.get('required', False), name
        if option.get('options'):
            assert_documents(documented[name]['suboptions'], option['options'])


@pytest.mark.parametrize('fragment, family', [(flex_flow_options, FlexFlows), (conversations_address_options, ConversationsAddresses)],
                         ids=['flex_flow_options', 'conversations_address_options'])
def test_the_option_fragments_document_exactly_the_family_options(fragment, family):
    assert_documents(yaml.safe_load(fragment.ModuleDocFragment.DOCUMENTATION)['options'], family.argument_spec())
    entries = yaml.safe_load(fragment.ModuleDocFragment.ENTRIES)['options']['entries']['suboptions']
    assert_documents(entries, set_argument_spec(family)['entries']['options'])


def as_entry_references(value):
    """The documentation of one resource as a set module's entries show it: O(x) becomes O(entries[].x)."""
    if isinstance(value, dict):
        return dict((key, as_entry_references(item)) for key, item in value.items())
    if isinstance(value, list):
        return [as_entry_references(item) for item in value]
    if isinstance(value, str):
        return re.sub(r'O\((?!entries\[\]\.)', 'O(entries[].', value)
    return value


@pytest.mark.parametrize('fragment', [flex_flow_options, conversations_address_options], ids=['flex_flow_options', 'conversations_address_options'])
def test_the_entries_text_repeats_the_options_of_one_resource(fragment):
    # The text is written twice (ansible-test wants literal strings): the two copies must not drift.
    options = yaml.safe_load(fragment.ModuleDocFragment.DOCUMENTATION)['options']
    entries = dict(yaml.safe_load(fragment.ModuleDocFragment.ENTRIES)['options']['entries']['suboptions'])
    known = entries.pop('known')

    assert entries == as_entry_references(options)
    assert known['type'] == 'dict'
    assert 'O(entries[].' in ' '.join(known['description'])
