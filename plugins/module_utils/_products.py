# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""The Twilio products the collection talks to, one row each, and the one rule for their base
URLs. The modules' connection options, the client's base URLs and the role's connection
variables are all derived from PRODUCTS; the doc fragment and the role's argument spec are
checked against it by tests. Standard library only: the role's filters import it on the
controller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
from urllib.parse import urlsplit


class Product:
    """One Twilio product: its key (what the code calls it), the module option and environment
    variable that override its base URL, and Twilio's own URL."""

    def __init__(self, key, option, default, env, title):
        self.key = key
        self.option = option
        self.default = default
        self.env = env
        self.title = title

    def role_variable(self, role):
        """The role variable that carries this product's URL: webchat_addresses_flex_api_url."""
        return '%s_%s' % (role, self.option)


PRODUCTS = (
    Product('flex', 'flex_api_url', 'https://flex-api.twilio.com', 'TWILIO_FLEX_API_URL', 'Twilio Flex API'),
    Product('studio', 'studio_api_url', 'https://studio.twilio.com', 'TWILIO_STUDIO_API_URL', 'Twilio Studio API'),
    Product('conversations', 'conversations_api_url', 'https://conversations.twilio.com', 'TWILIO_CONVERSATIONS_API_URL',
            'Twilio Conversations API'),
    Product('sync', 'sync_api_url', 'https://sync.twilio.com', 'TWILIO_SYNC_API_URL', 'Twilio Sync API'),
)

PRODUCTS_BY_KEY = dict((product.key, product) for product in PRODUCTS)

# The credentials, in the order messages name them: (option, environment variable, secret).
CREDENTIALS = (
    ('account_sid', 'TWILIO_ACCOUNT_SID', False),
    ('auth_token', 'TWILIO_AUTH_TOKEN', True),
    ('api_key', 'TWILIO_API_KEY', False),
    ('api_secret', 'TWILIO_API_SECRET', True),
)


def is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_url(value, product):
    """The base URL to use for a product: the value given, without trailing slashes, or Twilio's
    own when the value is empty (an environment variable set to '' counts as not set)."""
    value = (value or '').strip()
    return value.rstrip('/') if value else product.default


def url_problem(value, example, base=True):
    """Why value is not an absolute http(s) URL, or None: the one URL rule of the collection, for
    the products' base URLs (base=True: no query string or fragment either, since paths are
    appended to it) and for URLs the API stores, such as webhooks. example is the URL a message
    suggests instead (for a base URL, the right product's own)."""
    text = str(value)
    parts = urlsplit(text)
    try:
        parts.port
    except ValueError:
        return 'is not a URL with a valid port (for example %s)' % example
    if (parts.scheme not in ('http', 'https') or not parts.hostname or any(character.isspace() for character in text)
            or base and (parts.query or parts.fragment)):
        return 'is not an absolute http(s) %sURL such as %s' % ('base ' if base else '', example)
    return None


def plain_http_warning(option, value):
    """A warning for a base URL that sends credentials unencrypted to another machine, or None."""
    parts = urlsplit(value)
    if parts.scheme == 'http' and not is_loopback(parts.hostname or ''):
        return '%s uses plain http to %s: credentials cross the network unencrypted' % (option, parts.hostname)
    return None


def origin(url):
    """(scheme, host, port) with the host in lower case and the default port made explicit, so two
    spellings of one server compare equal."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = {'http': 80, 'https': 443}.get(scheme)
    return scheme, (parts.hostname or '').lower(), port
