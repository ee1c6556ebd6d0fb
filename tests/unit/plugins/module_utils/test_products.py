# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_products: the product table and the one URL rule (url_problem, base_url, origin, the plain-http
warning). The modules' use of it is specified in test_api_connection.py; the doc fragment and the role are
checked against the table there and in the filter tests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils._products import (
    CREDENTIALS,
    PRODUCTS,
    PRODUCTS_BY_KEY,
    base_url,
    is_loopback,
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
