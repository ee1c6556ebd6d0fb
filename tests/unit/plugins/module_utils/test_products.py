# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_products: the product table and the one URL rule (url_problem, base_url, origin, the plain-http
warning), and the edge and region that choose Twilio's host of each product (twilio_url,
location_problem). The modules' use of it is specified in test_api_connection.py; the doc fragment and the role are
checked against the table there and in the filter tests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils._products import (
    CREDENTIALS,
    LOCATION,
    PRODUCTS,
    PRODUCTS_BY_KEY,
    REGIONS_URL,
    base_url,
    is_loopback,
    location_problem,
    origin,
    plain_http_warning,
    url_problem,
)

FLEX = PRODUCTS_BY_KEY['flex']


def test_the_four_products_with_their_option_default_and_environment_variable():
    assert [(p.key, p.option, p.default, p.env) for p in PRODUCTS] == [
        ('flex', 'flex_api_url', 'https://flex-api.twilio.com', 'TWILIO_FLEX_API_URL'),
        ('studio', 'studio_api_url', 'https://studio.twilio.com', 'TWILIO_STUDIO_API_URL'),
        ('conversations', 'conversations_api_url', 'https://conversations.twilio.com', 'TWILIO_CONVERSATIONS_API_URL'),
        ('sync', 'sync_api_url', 'https://sync.twilio.com', 'TWILIO_SYNC_API_URL'),
    ]
    assert sorted(PRODUCTS_BY_KEY) == ['conversations', 'flex', 'studio', 'sync']


def test_role_variable_is_the_role_name_and_the_option():
    assert [p.role_variable('webchat_addresses') for p in PRODUCTS] == [
        'webchat_addresses_flex_api_url', 'webchat_addresses_studio_api_url', 'webchat_addresses_conversations_api_url',
        'webchat_addresses_sync_api_url']


def test_credentials_in_the_order_messages_name_them_with_the_secrets_marked():
    assert CREDENTIALS == (
        ('account_sid', 'TWILIO_ACCOUNT_SID', False),
        ('auth_token', 'TWILIO_AUTH_TOKEN', True),
        ('api_key', 'TWILIO_API_KEY', False),
        ('api_secret', 'TWILIO_API_SECRET', True),
    )


# -- base_url ----------------------------------------------------------------------------------

@pytest.mark.parametrize('value, expected', [
    (None, 'https://flex-api.twilio.com'),
    ('', 'https://flex-api.twilio.com'),
    ('   ', 'https://flex-api.twilio.com'),
    ('https://flex.example.test', 'https://flex.example.test'),
    ('https://flex.example.test/', 'https://flex.example.test'),
    ('https://gateway.example.test/flex-api//', 'https://gateway.example.test/flex-api'),
    (' https://flex.example.test/ ', 'https://flex.example.test'),
])
def test_base_url_empty_means_the_default_and_trailing_slashes_go(value, expected):
    assert base_url(value, FLEX) == expected


# -- edge and region: Twilio's host of each product, as its SDKs build it -------------------------


def test_edge_and_region_with_their_environment_variables_as_twilios_sdks_name_them():
    assert LOCATION == (('edge', 'TWILIO_EDGE'), ('region', 'TWILIO_REGION'))


def test_the_products_twilio_documents_in_us1_only_are_flex_and_sync():
    # Studio (IE1 beta) and Conversations (chat in IE1) are on Twilio's IE1 list: not claimed.
    assert [product.key for product in PRODUCTS if product.us1_only] == ['flex', 'sync']
    assert REGIONS_URL == 'https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability'


# (edge, region, Flex's host): twilio-python ClientBase.get_hostname, case by case (tests/fidelity
# checks the same table against the SDK itself).
TWILIO_HOSTS = [
    (None, None, 'https://flex-api.twilio.com'),
    ('', '', 'https://flex-api.twilio.com'),
    ('sydney', None, 'https://flex-api.sydney.us1.twilio.com'),
    ('sydney', '', 'https://flex-api.sydney.us1.twilio.com'),
    ('dublin', 'us1', 'https://flex-api.dublin.us1.twilio.com'),
    (None, 'us1', 'https://flex-api.us1.twilio.com'),
    ('', 'us1', 'https://flex-api.us1.twilio.com'),
    ('ashburn-ix', 'us1', 'https://flex-api.ashburn-ix.us1.twilio.com'),
]


@pytest.mark.parametrize('edge, region, expected', TWILIO_HOSTS)
def test_twilio_url_is_product_edge_region_as_in_twilios_sdks(edge, region, expected):
    assert FLEX.twilio_url(edge, region) == expected
    assert base_url(None, FLEX, edge, region) == expected
    assert base_url('', FLEX, edge, region) == expected


def test_every_product_gets_the_edge_and_region_in_its_own_host():
    assert [product.twilio_url('tokyo') for product in PRODUCTS] == [
        'https://flex-api.tokyo.us1.twilio.com', 'https://studio.tokyo.us1.twilio.com',
        'https://conversations.tokyo.us1.twilio.com', 'https://sync.tokyo.us1.twilio.com']


def test_a_url_given_wins_over_the_edge_and_region():
    assert base_url('https://flex.example.test/', FLEX, 'sydney', 'us1') == 'https://flex.example.test'


@pytest.mark.parametrize('option, value', [
    ('edge', None), ('edge', ''), ('edge', 'sydney'), ('edge', 'sao-paulo'), ('edge', 'ashburn-ix'), ('edge', 'roaming'),
    ('edge', 'x' * 63), ('region', None), ('region', ''), ('region', 'us1'),
])
def test_names_that_can_be_used(option, value):
    assert location_problem(option, value) is None


@pytest.mark.parametrize('option, value, expected', [
    ('edge', 'Sydney', 'is not a Twilio edge name (in lower case: sydney): lower-case letters and digits, with single hyphens '
                       'inside, such as sydney, dublin or ashburn'),
    ('edge', 'syd ney', 'is not a Twilio edge name: lower-case letters and digits, with single hyphens inside, such as sydney, '
                        'dublin or ashburn'),
    ('edge', 'sydney.us1', 'is not a Twilio edge name: lower-case letters and digits, with single hyphens inside, such as sydney, '
                           'dublin or ashburn'),
    ('edge', 'sydney\n', 'is not a Twilio edge name: lower-case letters and digits, with single hyphens inside, such as sydney, '
                         'dublin or ashburn'),
    ('edge', '-sydney', 'is not a Twilio edge name: lower-case letters and digits, with single hyphens inside, such as sydney, '
                        'dublin or ashburn'),
    ('edge', 'sao--paulo', 'is not a Twilio edge name: lower-case letters and digits, with single hyphens inside, such as sydney, '
                           'dublin or ashburn'),
    ('edge', ' ', 'is not a Twilio edge name: lower-case letters and digits, with single hyphens inside, such as sydney, '
                  'dublin or ashburn'),
    ('edge', 'x' * 64, 'is not a Twilio edge name: lower-case letters and digits, with single hyphens inside, such as sydney, '
                       'dublin or ashburn'),
    ('region', 'US1', 'is not a Twilio region name (in lower case: us1): lower-case letters and digits, with single hyphens '
                      'inside, such as us1'),
    ('region', 'https://flex-api.ie1.twilio.com', 'is not a Twilio region name: lower-case letters and digits, with single '
                                                  'hyphens inside, such as us1'),
])
def test_a_value_that_is_not_a_name_is_refused_saying_what_a_name_is(option, value, expected):
    assert location_problem(option, value) == expected


@pytest.mark.parametrize('region', ['ie1', 'au1', 'us2', 'de1', 'us1-ix'])
def test_a_region_other_than_us1_is_refused_naming_the_us1_only_products_and_where_twilio_says_so(region):
    assert location_problem('region', region) == (
        'is not us1: the collection works on a Flex account, and Twilio offers the Twilio Flex API and Twilio Sync API '
        'only in its US1 region (https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability); '
        'leave the region unset or set it to us1 (an edge alone goes to us1)')


# -- url_problem -------------------------------------------------------------------------------

NOT_BASE = 'is not an absolute http(s) base URL such as https://flex-api.twilio.com'
NOT_URL = 'is not an absolute http(s) URL such as https://example.com/webhook'


@pytest.mark.parametrize('value', [
    'https://flex.example.test',
    'https://flex.example.test/',
    'http://127.0.0.1:8642/flex-api',
    'HTTPS://FLEX.EXAMPLE.TEST',
    'https://[::1]:8080/api',
])
def test_good_base_urls(value):
    assert url_problem(value, 'https://flex-api.twilio.com') is None


@pytest.mark.parametrize('value, expected', [
    ('flex-api.twilio.com', NOT_BASE),
    ('ftp://flex.example.test', NOT_BASE),
    ('https://', NOT_BASE),
    ('https:///v1', NOT_BASE),
    ('//flex.example.test', NOT_BASE),
    ('https://flex.example.test/a b', NOT_BASE),
    ('https://flex.example.test\n', NOT_BASE),
    ('', NOT_BASE),
    # A base URL gets paths appended: a query or a fragment would end up in the middle of them.
    ('https://studio.example.test?region=ie1', NOT_BASE),
    ('https://studio.example.test#top', NOT_BASE),
    ('https://flex.example.test:99999', 'is not a URL with a valid port (for example https://flex-api.twilio.com)'),
    ('https://flex.example.test:http', 'is not a URL with a valid port (for example https://flex-api.twilio.com)'),
])
def test_bad_base_urls_name_the_example(value, expected):
    assert url_problem(value, 'https://flex-api.twilio.com') == expected


@pytest.mark.parametrize('value, expected', [
    ('https://hooks.example.test/webchat?token=1#x', None),
    ('http://hooks.example.test', None),
    ('ftp://x', NOT_URL),
    ('not a url', NOT_URL),
    ('/relative/path', NOT_URL),
])
def test_urls_the_api_stores_may_have_a_query(value, expected):
    assert url_problem(value, 'https://example.com/webhook', base=False) == expected


# -- origin ------------------------------------------------------------------------------------

@pytest.mark.parametrize('url, expected', [
    ('https://flex.example.test/v1/FlexFlows', ('https', 'flex.example.test', 443)),
    ('HTTPS://FLEX.Example.TEST/v1/FlexFlows', ('https', 'flex.example.test', 443)),
    ('https://flex.example.test:443/v1', ('https', 'flex.example.test', 443)),
    ('http://flex.example.test/v1', ('http', 'flex.example.test', 80)),
    ('http://flex.example.test:80', ('http', 'flex.example.test', 80)),
    ('https://flex.example.test:8443/v1', ('https', 'flex.example.test', 8443)),
])
def test_origin_compares_two_spellings_of_one_server_equal(url, expected):
    assert origin(url) == expected


def test_origin_tells_servers_apart():
    home = origin('https://flex.example.test')
    assert origin('https://flex.example.test:8443') != home
    assert origin('http://flex.example.test') != home
    assert origin('https://evil.example.test') != home


# -- plain http --------------------------------------------------------------------------------

@pytest.mark.parametrize('value', [
    'https://flex.example.test',
    'http://127.0.0.1:8642/flex-api',
    'http://127.1.2.3',
    'http://localhost:8642',
    'http://[::1]:8642',
])
def test_no_warning_for_https_or_loopback(value):
    assert plain_http_warning('flex_api_url', value) is None


def test_plain_http_to_another_machine_warns_naming_the_option_and_host():
    assert plain_http_warning('studio_api_url', 'http://studio.example.test:8080/x') == (
        'studio_api_url uses plain http to studio.example.test: credentials cross the network unencrypted')


def test_a_host_name_that_merely_starts_with_127_is_not_loopback():
    assert is_loopback('127.attacker.example') is False
    assert plain_http_warning('flex_api_url', 'http://127.attacker.example') is not None
