# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The connection options every module takes; the twin of connection_argument_spec() in
    plugins/module_utils/_connection.py, which derives the URL options from the product table in
    _products.py and the edge and region from its LOCATION (validate-modules checks that the two
    agree; tests/unit checks the table's defaults and environment variables against this text)."""

    DOCUMENTATION = r'''
options:
  account_sid:
    description:
      - The Twilio Account SID (C(AC) followed by 32 hex digits).
      - Needed with O(auth_token). With O(api_key) it is optional.
      - If not set, the environment variable E(TWILIO_ACCOUNT_SID) is used.
    type: str
  auth_token:
    description:
      - The account's auth token, sent as the password of HTTP Basic authentication with O(account_sid).
      - Never shown in results, diffs or messages.
      - If not set, the environment variable E(TWILIO_AUTH_TOKEN) is used.
      - Give either O(auth_token), or O(api_key) with O(api_secret). When both are given, the API key is used.
    type: str
  api_key:
    description:
      - The SID of a Twilio API key (C(SK) followed by 32 hex digits), used with O(api_secret) instead of O(auth_token).
      - If not set, the environment variable E(TWILIO_API_KEY) is used.
    type: str
  api_secret:
    description:
      - The secret of the API key O(api_key). Never shown in results, diffs or messages.
      - If not set, the environment variable E(TWILIO_API_SECRET) is used.
    type: str
  flex_api_url:
    description:
      - Base URL of the Twilio Flex API, without a trailing version path.
      - Override it to reach the collection's emulator, for example V(http://127.0.0.1:8642/flex-api).
      - If not set, the environment variable E(TWILIO_FLEX_API_URL) is used, then Twilio's own, V(https://flex-api.twilio.com)
        (or the host O(edge) and O(region) choose). An empty value counts as not set.
      - Checked only by a module that calls the Flex API.
      - Twilio offers Flex only in its US1 region, so O(region) accepts V(us1) only.
    type: str
  studio_api_url:
    description:
      - Base URL of the Twilio Studio API, used to resolve Studio flows by name.
      - If not set, the environment variable E(TWILIO_STUDIO_API_URL) is used, then Twilio's own, V(https://studio.twilio.com)
        (or the host O(edge) and O(region) choose). An empty value counts as not set.
      - Checked only by a module that calls the Studio API.
    type: str
  conversations_api_url:
    description:
      - Base URL of the Twilio Conversations API, for the Flex Conversations addresses.
      - If not set, the environment variable E(TWILIO_CONVERSATIONS_API_URL) is used, then Twilio's own, V(https://conversations.twilio.com)
        (or the host O(edge) and O(region) choose). An empty value counts as not set.
      - Checked only by a module that calls the Conversations API.
    type: str
  sync_api_url:
    description:
      - Base URL of the Twilio Sync API, where a site's run lock is kept (M(twilio_ops.flex.site_lock)).
      - If not set, the environment variable E(TWILIO_SYNC_API_URL) is used, then Twilio's own, V(https://sync.twilio.com)
        (or the host O(edge) and O(region) choose). An empty value counts as not set.
      - Checked only by a module that calls the Sync API.
    type: str
  edge:
    description:
      - The Twilio edge location of every product's default host, as Twilio's SDKs (and E(TWILIO_EDGE)) use it,
        for example V(sydney), V(dublin) or V(ashburn).
      - With an edge, Twilio's own URL of each product becomes C(https://<product>.<edge>.<region>.twilio.com), for example
        V(https://flex-api.sydney.us1.twilio.com); an edge without O(region) goes to the region V(us1), as in Twilio's SDKs.
      - A product's URL option, such as O(flex_api_url), or its environment variable wins over the edge and region for that product.
      - Lower-case letters and digits, with single hyphens inside (V(sao-paulo), V(ashburn-ix)); anything else is refused
        before any request. The name is not checked against a list; Twilio lists its edges at
        U(https://www.twilio.com/docs/global-infrastructure/edge-locations).
      - That page names Conversations among the products that support edges, but not Flex, Studio or Sync; the collection
        builds their hosts as Twilio's SDKs do, and does not check that Twilio serves them.
      - If not set, the environment variable E(TWILIO_EDGE) is used. An empty value counts as not set.
    type: str
  region:
    description:
      - The Twilio region of every product's default host, as Twilio's SDKs (and E(TWILIO_REGION)) use it. Only V(us1) is accepted.
      - Twilio offers Flex and Sync only in its US1 region
        (U(https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability)),
        and the modules work on a Flex account, so any other region is refused before any request.
      - With a region and no O(edge), Twilio's own URL of each product becomes C(https://<product>.<region>.twilio.com), for
        example V(https://flex-api.us1.twilio.com); with an edge, see O(edge).
      - A product's URL option, such as O(flex_api_url), or its environment variable wins over the edge and region for that product.
      - If not set, the environment variable E(TWILIO_REGION) is used. An empty value counts as not set.
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificates of the API. Only switch it off for a test endpoint you trust.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each HTTP request to connect and to answer.
    type: float
    default: 30
  retry_timeout:
    description:
      - Upper bound, in seconds, on the time spent waiting between retries of one request.
      - Requests answered 429, 502, 503 or 504, and requests that time out or lose their connection,
        are retried with exponential backoff that honours the C(Retry-After) header, until this much time is spent.
      - A connection that is refused, or a host name that does not resolve, is not retried; the module fails at once,
        naming the URL it could not reach. Neither is a TLS certificate that fails verification.
      - A create that got an ambiguous answer (5xx, a timeout or a dropped connection) is followed by a lookup
        before any retry, so a create that was applied is never sent twice.
      - V(0) disables retries.
    type: float
    default: 60
requirements:
  - requests (on the host the module runs on, normally the controller)
notes:
  - >-
    The modules talk to Twilio over HTTPS from wherever they run. Run them on the controller
    (C(delegate_to: localhost)) or in an execution environment; the target hosts need nothing.
  - >-
    Only Twilio's own answers count: a 404 means "absent" only when it carries Twilio's error code 20404 (for Sync, its
    own codes for a missing map or item, 54200 and 54201), and every
    answer must have Twilio's shape. Anything else (a web page from a mistyped URL, a proxy's error) fails the module
    with a message that asks whether the product's URL is right.
  - >-
    When Twilio refuses the credentials (HTTP 401), the message says which pair was used and where each part came from
    (an option, or an environment variable), never the secret.
'''
