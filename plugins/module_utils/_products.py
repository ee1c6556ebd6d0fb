# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""The Twilio products the collection talks to, one row each, the one rule for their base URLs,
and the edge and region that choose Twilio's host for each (as Twilio's SDKs build it). The
modules' connection options, the client's base URLs and the role's connection variables are all
derived from PRODUCTS and LOCATION; the doc fragment and the role's argument spec are checked
against them by tests. Standard library only: the role's filters import it on the controller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re
from urllib.parse import urlsplit


class Product:
    """One Twilio product: its key (what the code calls it), the module option and environment
    variable that override its base URL, and Twilio's own URL."""

    def __init__(self, key, option, default, env, title, us1_only=False):
        self.key = key
        self.option = option
        self.default = default
        self.env = env
        self.title = title
        # Whether Twilio documents the product in its US1 region only (REGIONS_URL).
        self.us1_only = us1_only

    def twilio_url(self, edge=None, region=None):
        """Twilio's own base URL for this product, built as Twilio's SDKs build it (twilio-python
        ClientBase.get_hostname): https://{product}.{edge}.{region}.twilio.com, an edge without a
        region going to us1 and a region without an edge giving {product}.{region}.twilio.com;
        neither leaves the default, https://{product}.twilio.com."""
        if not edge and not region:
            return self.default
        scheme, host = self.default.split('://')
        pieces = host.split('.')
        region = region or 'us1'
        return '%s://%s' % (scheme, '.'.join(part for part in [pieces[0], edge, region] + pieces[-2:] if part))

    def role_variable(self, role):
        """The role variable that carries this product's URL: webchat_addresses_flex_api_url."""
        return '%s_%s' % (role, self.option)


PRODUCTS = (
    Product('flex', 'flex_api_url', 'https://flex-api.twilio.com', 'TWILIO_FLEX_API_URL', 'Twilio Flex API', us1_only=True),
    Product('studio', 'studio_api_url', 'https://studio.twilio.com', 'TWILIO_STUDIO_API_URL', 'Twilio Studio API'),
    Product('conversations', 'conversations_api_url', 'https://conversations.twilio.com', 'TWILIO_CONVERSATIONS_API_URL',
            'Twilio Conversations API'),
    Product('sync', 'sync_api_url', 'https://sync.twilio.com', 'TWILIO_SYNC_API_URL', 'Twilio Sync API', us1_only=True),
)

PRODUCTS_BY_KEY = dict((product.key, product) for product in PRODUCTS)

# The credentials, in the order messages name them: (option, environment variable, secret).
CREDENTIALS = (
    ('account_sid', 'TWILIO_ACCOUNT_SID', False),
    ('auth_token', 'TWILIO_AUTH_TOKEN', True),
    ('api_key', 'TWILIO_API_KEY', False),
    ('api_secret', 'TWILIO_API_SECRET', True),
)


# The settings that choose Twilio's host of every product, as Twilio's SDKs and CLI name them:
# (option, environment variable). Neither is a secret.
LOCATION = (
    ('edge', 'TWILIO_EDGE'),
    ('region', 'TWILIO_REGION'),
)

# The one region the collection accepts: Flex and Sync are offered in US1 only (the products
# marked us1_only), as Twilio's regional product availability page documents (by their absence
# from the IE1 and AU1 lists; its "Studio with Twilio Regions" page adds that Send to Flex is not
# available in IE1 because Flex is not).
HOME_REGION = 'us1'
REGIONS_URL = 'https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability'

# An edge or region is one DNS label of at most 63 characters: lower-case letters and digits,
# with single hyphens inside (Twilio's edges include sao-paulo, and Interconnect edges such as
# ashburn-ix). The edges are not checked against a list: Twilio adds edges, and its SDKs take any.
LOCATION_NAME = re.compile(r'(?=.{1,63}\Z)[a-z0-9]+(?:-[a-z0-9]+)*')
LOCATION_EXAMPLES = dict(edge='sydney, dublin or ashburn', region=HOME_REGION)


def location_problem(option, value):
    """Why the value of edge or region (an option of LOCATION) cannot be used, or None; '' and
    None (not set) can. Said of the value, shown first by the caller: it is no secret."""
    if not value:
        return None
    value = str(value)
    if not LOCATION_NAME.fullmatch(value):
        fix = ' (in lower case: %s)' % value.lower() if LOCATION_NAME.fullmatch(value.lower()) else ''
        return 'is not a Twilio %s name%s: lower-case letters and digits, with single hyphens inside, such as %s' % (
            option, fix, LOCATION_EXAMPLES[option])
    if option == 'region' and value != HOME_REGION:
        only = ' and '.join(product.title for product in PRODUCTS if product.us1_only)
        return ('is not %s: the collection works on a Flex account, and Twilio offers the %s only in its US1 region (%s); '
                'leave the region unset or set it to %s (an edge alone goes to %s)' % (HOME_REGION, only, REGIONS_URL, HOME_REGION, HOME_REGION))
    return None


def is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_url(value, product, edge=None, region=None):
    """The base URL to use for a product: the value given, without trailing slashes (it wins over
    edge and region), or Twilio's own for the edge and region when the value is empty (an
    environment variable set to '' counts as not set)."""
    value = (value or '').strip()
    return value.rstrip('/') if value else product.twilio_url(edge, region)


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
