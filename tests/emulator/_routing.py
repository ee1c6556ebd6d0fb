# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Which resource family serves a path, and running its operation under the store lock.

Every Twilio product is served under a path prefix named after its host (flex-api.twilio.com is
/flex-api, studio.twilio.com is /studio, conversations.twilio.com is /conversations,
sync.twilio.com is /sync). The families
are found, not listed: every Family subclass defined in a _*.py file of this directory that says
where it is mounted (its `product` and `path`) is served, and each collection family's `collection`
is a collection of the store (a state file without it loads it empty). Adding a resource family is
adding its file; nothing else changes.
"""

import importlib
import inspect
import os
import re
import threading
from urllib.parse import unquote

from _resources import CollectionFamily, Family
from _responses import ApiError, method_not_allowed, not_found

HERE = os.path.dirname(os.path.abspath(__file__))
_FOUND = []
_FINDING = threading.Lock()
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


def families():
    """Every family the emulator serves, one instance each, in file and then definition order.
    Found on first use (not at import: the files found may import this one)."""
    with _FINDING:
        if not _FOUND:
            _FOUND.extend(_find())
    return tuple(_FOUND)


def _find():
    found = []
    for name in sorted(os.listdir(HERE)):
        if not (name.startswith('_') and name.endswith('.py')) or name == '__init__.py':
            continue
        module = importlib.import_module(name[:-3])
        for value in vars(module).values():
            if (inspect.isclass(value) and issubclass(value, Family) and value.__module__ == module.__name__
                    and value.product is not None and value.path is not None):
                found.append((name, inspect.getsourcelines(value)[1], value))
    return [family() for _name, _line, family in sorted(found, key=lambda item: item[:2])]


def collection_names():
    """The store's collections: one per collection family."""
    return tuple(family.collection for family in families() if isinstance(family, CollectionFamily))


def products():
    """The product prefixes the families are mounted under."""
    return tuple(sorted(set(family.product for family in families())))


def twilio_path(path):
    """The path as Twilio names it in a 404 or 405 (its recorded answers): without the product
    prefix (the host) and without the version segment, e.g. /FlexFlows/FO...."""
    for product in products():
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
    for family in families():
        if hasattr(family, 'route'):
            # A family whose paths have a variable segment before its own (Sync documents, under a
            # service) routes them itself.
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
        for family in families():
            if isinstance(family, CollectionFamily):
                records = store.collections[family.collection].records.values()
                state[family.state_key] = [family.render(record, call) for record in records]
            else:
                state[family.state_key] = family.render(store, call)
        return state
