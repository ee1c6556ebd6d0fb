# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Which resource family serves a path, and running its operation under the store lock.

Every Twilio product is served under a path prefix named after its host (flex-api.twilio.com is
/flex-api, studio.twilio.com is /studio). Adding a resource family, such as the Conversations
address configurations, is one more entry in FAMILIES; nothing else changes.
"""

from _resources import CollectionFamily, FlexConfiguration, FlexFlows, StudioFlows
from _responses import ApiError, method_not_allowed, not_found

PRODUCTS = ('/flex-api', '/studio', '/conversations')
FAMILIES = (
    FlexConfiguration('/flex-api', '/v1/Configuration'),
    FlexFlows('/flex-api', '/v1/FlexFlows'),
    StudioFlows('/studio', '/v2/Flows'),
)


class ApiCall:
    """One API request as the operations see it."""

    def __init__(self, method, path, query, form, body, base_url):
        self.method = method
        self.path = path          # without the query string
        self.query = query        # name -> list of values
        self.form = form          # name -> list of values (form-encoded bodies only)
        self.body = body          # raw bytes, for the JSON body of the Configuration update
        self.base_url = base_url  # http://<Host header>, for the absolute URLs in answers


def _host_path(path):
    """The path as the product's own host sees it, which is how Twilio names it in a 404."""
    for product in PRODUCTS:
        if path.startswith(product + '/'):
            return path[len(product):]
    return path


def resolve(path):
    """(operations by method, instance SID or None) for a path, or a 404."""
    for family in FAMILIES:
        mount = family.product + family.path
        if path == mount:
            return family.operations(), None
        if family.instance_pattern is not None and path.startswith(mount + '/'):
            sid = path[len(mount) + 1:]
            # A malformed SID is as unknown as a missing one: Twilio answers 404 for both.
            if family.instance_pattern.match(sid):
                return family.instance_operations(), sid
    raise not_found(_host_path(path))


def dispatch(store, call):
    """The ApiResponse for an authenticated API call. Writes are saved before they are answered."""
    try:
        operations, sid = resolve(call.path)
        operation = operations.get(call.method)
        if operation is None:
            raise method_not_allowed(operations)
        with store.lock:
            response = operation(store, call, sid)
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
                state[family.collection] = [family.render(record, call) for record in records]
            else:
                state['configuration'] = family.render(store, call)
        return state
