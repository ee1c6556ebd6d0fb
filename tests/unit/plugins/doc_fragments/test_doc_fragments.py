# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The documentation against the code it documents: the connection doc fragment against
connection_argument_spec() and the product table, the families' option fragments against their
argument specs, every module's documented options against the argument spec it builds, and every
module's DOCUMENTATION, EXAMPLES and RETURN as YAML (ansible-doc and validate-modules read them; a
text that does not parse leaves every module using it without documentation).

The modules, the option fragments and the families are found (tests/unit/discovery.py), not
listed: a new family's files are checked as soon as they are where the recipe puts them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
from unittest import mock

import pytest
import yaml

from ansible_collections.twilio_ops.flex.plugins.doc_fragments import connection
from ansible_collections.twilio_ops.flex.plugins.module_utils import _module
from ansible_collections.twilio_ops.flex.plugins.module_utils._connection import connection_argument_spec
from ansible_collections.twilio_ops.flex.plugins.module_utils._products import CREDENTIALS, HOME_REGION, LOCATION, PRODUCTS, REGIONS_URL
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource_set import set_argument_spec
from ansible_collections.twilio_ops.flex.tests.unit import discovery

MODULES = discovery.module_names()
# {option fragment: [(module, [families it uses])]}: each fragment with the modules that extend it.
OPTION_FRAGMENTS = discovery.option_fragment_modules()


def fragment_texts():
    """(fragment, text): the connection's DOCUMENTATION, and each option fragment's DOCUMENTATION
    (the module of one resource) and ENTRIES (the module of a set)."""
    texts = [('connection', 'DOCUMENTATION')]
    for name in sorted(OPTION_FRAGMENTS):
        texts += [(name, 'DOCUMENTATION'), (name, 'ENTRIES')]
    return texts


@pytest.mark.parametrize('name, attribute', [pytest.param(name, attribute, id='%s.%s' % (name, attribute)) for name, attribute in fragment_texts()])
def test_each_doc_fragment_is_yaml_with_options(name, attribute):
    assert isinstance(yaml.safe_load(getattr(discovery.import_fragment(name), attribute))['options'], dict)


@pytest.mark.parametrize('module, attribute', [
    pytest.param(module, attribute, id='%s.%s' % (module, attribute))
    for module in MODULES for attribute in ('DOCUMENTATION', 'EXAMPLES', 'RETURN')
])
def test_each_modules_documentation_is_yaml(module, attribute):
    assert yaml.safe_load(getattr(discovery.import_module(module), attribute))


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


@pytest.mark.parametrize('option, env', LOCATION, ids=[option for option, env in LOCATION])
def test_the_connection_fragment_names_the_edge_and_regions_environment_variable_and_the_sdks_host(option, env):
    text = ' '.join(' '.join(documented_connection_options()[option]['description']).split())

    assert 'default' not in documented_connection_options()[option]
    assert 'E(%s)' % env in text
    assert 'An empty value counts as not set' in text
    assert 'twilio.com)' in text and "Twilio's SDKs" in text


def test_the_connection_fragment_says_which_region_is_accepted_and_where_twilio_documents_why():
    text = ' '.join(' '.join(documented_connection_options()['region']['description']).split())

    assert 'Only V(%s) is accepted' % HOME_REGION in text
    assert 'U(%s)' % REGIONS_URL in text


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


def fragment_family(name):
    """The family an option fragment documents: the one family of the modules that extend it."""
    users = OPTION_FRAGMENTS[name]
    assert users, 'no module extends the doc fragment %s.%s: the modules of its family must (extends_documentation_fragment)' % (
        discovery.COLLECTION, name)
    families = set(family for module, used in users for family in used)
    assert len(families) == 1, 'the modules that extend %s (%s) must use one family, they use %s' % (
        name, ', '.join(module for module, used in users), sorted(family.__name__ for family in families) or 'none')
    return families.pop()


@pytest.mark.parametrize('name', sorted(OPTION_FRAGMENTS))
def test_the_option_fragments_document_exactly_the_family_options(name):
    fragment, family = discovery.import_fragment(name), fragment_family(name)
    assert_documents(yaml.safe_load(fragment.DOCUMENTATION)['options'], family.argument_spec())
    entries = yaml.safe_load(fragment.ENTRIES)['options']['entries']['suboptions']
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


@pytest.mark.parametrize('name', sorted(OPTION_FRAGMENTS))
def test_the_entries_text_repeats_the_options_of_one_resource(name):
    # The text is written twice (ansible-test wants literal strings): the two copies must not drift.
    fragment = discovery.import_fragment(name)
    options = yaml.safe_load(fragment.DOCUMENTATION)['options']
    entries = dict(yaml.safe_load(fragment.ENTRIES)['options']['entries']['suboptions'])
    known = entries.pop('known')

    assert entries == as_entry_references(options)
    assert known['type'] == 'dict'
    assert 'O(entries[].' in ' '.join(known['description'])


# -- every module's options -----------------------------------------------------------------------

class Built(Exception):
    """What main() gave TwilioModule, raised instead of running the module."""

    def __init__(self, spec):
        super(Built, self).__init__('built')
        self.spec = spec


def built_argument_spec(name):
    """The argument spec a module runs with: what its main() gives TwilioModule, plus the
    connection options TwilioModule adds."""
    def capture(module, argument_spec, **kwargs):
        raise Built(argument_spec)

    with mock.patch.object(_module.TwilioModule, '__init__', capture):
        with pytest.raises(Built) as built:
            discovery.import_module(name).main()
    spec = connection_argument_spec()
    spec.update(built.value.spec)
    return spec


def documented_options(name):
    """A module's options as ansible-doc shows them: its own, merged over those of the fragments it
    extends one level deep, as ansible.utils.plugin_docs.add_fragments merges them."""
    doc = yaml.safe_load(discovery.import_module(name).DOCUMENTATION)
    options = dict(doc.get('options') or {})
    for slug in doc.get('extends_documentation_fragment') or []:
        assert slug.startswith(discovery.COLLECTION + '.'), '%s extends %s, a fragment of another collection' % (name, slug)
        fragment, _dot, attribute = slug[len(discovery.COLLECTION) + 1:].partition('.')
        text = getattr(discovery.import_fragment(fragment), attribute or 'DOCUMENTATION', None)
        assert text is not None, '%s extends %s, which the fragment does not have' % (name, slug)
        for option, value in (yaml.safe_load(text).get('options') or {}).items():
            merged = dict(value)
            merged.update(options.get(option) or {})
            options[option] = merged
    return options


@pytest.mark.parametrize('name', MODULES)
def test_each_modules_documented_options_are_its_argument_spec(name):
    # validate-modules checks this for plugins/modules; this keeps it true anywhere the tests run.
    assert_documents(documented_options(name), built_argument_spec(name))


@pytest.mark.parametrize('name', MODULES)
def test_a_module_documents_its_action_plugin_exactly_when_it_has_one(name):
    # A module that may run in the controller's process says so with the shared attribute; one
    # that runs only as its action plugin says so in its own.
    doc = yaml.safe_load(discovery.import_module(name).DOCUMENTATION)
    documented = ('twilio_ops.flex.attributes.IN_CONTROLLER' in (doc.get('extends_documentation_fragment') or [])
                  or 'action' in (doc.get('attributes') or {}))

    assert documented == os.path.exists(os.path.join(discovery.ROOT, 'plugins', 'action', name + '.py'))
