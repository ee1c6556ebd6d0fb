# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Which resource family serves a path, and running its operation under the store lock.

Every Twilio product is served under a path prefix named after its host (flex-api.twilio.com is
/flex-api, studio.twilio.com is /studio, conversations.twilio.com is /conversations,
sync.twilio.com is /sync). Adding a resource family is one more entry in FAMILIES; nothing else
changes. A family whose paths have a variable segment before its own (Sync documents, under a
service) routes them itself with a route(path) method.
"""

import re
from urllib.parse import unquote

from _conversations import AddressConfigurations, ConversationsConfiguration
from _resources import CollectionFamily, FlexConfiguration, FlexFlows, StudioFlows
from _responses import ApiError, method_not_allowed, not_found
from _sync import SyncDocuments, SyncServices

PRODUCTS = ('/flex-api', '/studio', '/conversations', '/sync')
FAMILIES = (
    FlexConfiguration('/flex-api', '/v1/Configuration'),
    FlexFlows('/flex-api', '/v1/FlexFlows'),
    StudioFlows('/studio', '/v2/Flows'),
    ConversationsConfiguration('/conversations', '/v1/Configuration'),
    AddressConfigurations('/conversations', '/v1/Configuration/Addresses'),
    SyncServices('/sync', '/v1/Services'),
    SyncDocuments('/sync', '/v1/Services/{ServiceSid}/Documents'),
)
VERSION_SEGMENT = re.compile(r'/v[0-9]+(?=/|$)')


class ApiCall:
    """One API request as the operations see it."""

    def __init__(self, method, path, query, form, body, base_url, limits=None, headers=None, clock=None):
        self.method = method
        self.path = path          # as sent (still URL-encoded), without the query string
        self.query = query        # name -> list of values
        self.form = form          # name -> list of values (form-encoded bodies only)
        self.body = body          # raw bytes, for the JSON body of the Configuration update
        self.base_url = base_url  # http://<Host header>, for the absolute URLs in answers
        self.limits = limits      # TwilioLimits with --twilio-limits, else None
        self.headers = headers if headers is not None else {}  # request headers (Sync's If-Match)
        self.clock = clock        # the emulator's Clock (None: real time)


def twilio_path(path):
    """The path as Twilio names it in a 404 or 405 (its recorded answers): without the product
    prefix (the host) and without the version segment, e.g. /FlexFlows/FO...."""
    for product in PRODUCTS:
        if path.startswith(product + '/'):
            path = path[len(product):]
            match = VERSION_SEGMENT.match(path)
            if match:
                path = path[match.end():] or '/'
            break
    return path


def _route(path):
    """(family, instance key or None) for a served path, or None.

    An instance key is the last path segment, URL-decoded (an address configuration may be named
    by its address, e.g. %2B15005550006). It must fully match the family's pattern: a malformed SID
    is as unknown as a missing one, and Twilio answers 404 for both.
    """
    for family in FAMILIES:
        if hasattr(family, 'route'):
            found = family.route(path)
            if found is not None:
                return found
            continue
        mount = family.product + family.path
        if path == mount:
            return family, None
        if family.instance_pattern is not None and path.startswith(mount + '/'):
            segment = path[len(mount) + 1:]
            if '/' not in segment:
                key = unquote(segment)
                if family.instance_pattern.fullmatch(key):
                    return family, key
    return None


def template(path):
    """The route a path takes, with the instance key as {sid} (e.g. /flex-api/v1/FlexFlows/{sid}),
    or None for a path nothing serves; rate limits are defined per route."""
    route = _route(path)
    if route is None:
        return None
    family, key = route
    return family.product + family.path + ('' if key is None else '/{sid}')


def dispatch(store, call):
    """The ApiResponse for an authenticated API call. Writes are saved before they are answered."""
    try:
        route = _route(call.path)
        if route is None:
            raise not_found(twilio_path(call.path))
        family, key = route
        operations = family.operations() if key is None else family.instance_operations()
        operation = operations.get(call.method)
        if operation is None:
            raise method_not_allowed(operations, twilio_path(call.path), call.method)
        with store.lock:
            response = operation(store, call, key)
            if call.method != 'GET':
                store.save()
        return response
    except ApiError as error:
        return error.response()


def rendered_state(store, base_url):
    """Every resource as the API would answer it, for the /__emulator__/state hook."""
    call = ApiCall('GET', '', {}, {}, b'', base_url)
    with store.lock:
        state = {}
        for family in FAMILIES:
            if isinstance(family, CollectionFamily):
                records = store.collections[family.collection].records.values()
                state[family.state_key] = [family.render(record, call) for record in records]
            else:
                state[family.state_key] = family.render(store, call)
        return state
