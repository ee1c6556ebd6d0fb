# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Twilio's documented limits, applied with --twilio-limits: per-account rates for Flex Flows and
their cap, and Sync's per-object write rates.

Sources: Twilio's "Flex Messaging Limits" page (flex-api-notes §11) gives rates per second for
each Flex Flow operation and a cap of 2500 Flex Flows per account. Twilio's "Sync Limits" page
(https://www.twilio.com/docs/sync/limits) gives "up to 20/s per object, burst window: 10s" for
object writes, and says objects larger than 1 KiB are limited more tightly, down to 2 writes/s
sustained for payloads of 10 KiB and more. No limit is documented for Studio, the Flex or
Conversations configurations, or address configurations, so none is applied to them. How a window
is counted, how sizes in between are rated and how a refusal reads are our choices (README.md).
"""

import collections
import threading
import time

from _responses import TOO_MANY_REQUESTS, too_many_requests

# Accepted requests per sliding second, per route (see _routing.template) and method.
RATES = {
    ('GET', '/flex-api/v1/FlexFlows'): 10,
    ('GET', '/flex-api/v1/FlexFlows/{sid}'): 2,
    ('POST', '/flex-api/v1/FlexFlows'): 2,
    ('POST', '/flex-api/v1/FlexFlows/{sid}'): 1,
    ('DELETE', '/flex-api/v1/FlexFlows/{sid}'): 2,
}
WINDOW = 1.0
MAX_FLEX_FLOWS = 2500

# Sync object writes: a sliding window of SYNC_BURST_WINDOW seconds holds the writes of 20/s, and
# a write costs more the larger its object: 1 unit up to 1 KiB, 10 units from 10 KiB (2 writes/s
# sustained), linear in between (see sync_write_rate).
SYNC_WRITE_RATE = 20
SYNC_LARGE_WRITE_RATE = 2
SYNC_SMALL_OBJECT = 1024
SYNC_LARGE_OBJECT = 10240
SYNC_BURST_WINDOW = 10.0
SYNC_RATE_LIMITED = 54009


def sync_write_rate(size):
    """Writes per second sustained for an object whose data is `size` bytes: 20 up to 1 KiB, 2 from
    10 KiB, and linear in between (our interpolation; Twilio gives only the two ends)."""
    if size <= SYNC_SMALL_OBJECT:
        return float(SYNC_WRITE_RATE)
    if size >= SYNC_LARGE_OBJECT:
        return float(SYNC_LARGE_WRITE_RATE)
    share = float(size - SYNC_SMALL_OBJECT) / (SYNC_LARGE_OBJECT - SYNC_SMALL_OBJECT)
    return SYNC_WRITE_RATE - share * (SYNC_WRITE_RATE - SYNC_LARGE_WRITE_RATE)


class TwilioLimits:
    """Sliding windows of accepted requests per rate class, and the Flex Flow cap."""

    max_flex_flows = MAX_FLEX_FLOWS

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._accepted = collections.defaultdict(collections.deque)  # class -> (time, cost) of accepted requests
        self._refusals = 0

    def admit(self, method, route):
        """None when the request may go on (it then counts), or the 429 ApiError refusing it.

        A refused request does not count against its window, so a client that keeps retrying is
        not locked out for longer than a second. Twilio does not promise a Retry-After header;
        to make clients cope with both, odd-numbered refusals carry `Retry-After: 1` and
        even-numbered ones carry none.
        """
        rate = RATES.get((method, route))
        if rate is None:
            return None
        return self._take((method, route), 1.0, rate, WINDOW, 'Too Many Requests', TOO_MANY_REQUESTS)

    def admit_sync_write(self, object_sid, size):
        """None when a write to the Sync object `object_sid`, whose data is then `size` bytes, may
        go on (it then counts), or the 429 ApiError (code 54009) refusing it. Refusals share the
        count that alternates Retry-After with admit()."""
        cost = SYNC_WRITE_RATE / sync_write_rate(size)
        return self._take(('sync', object_sid), cost, SYNC_WRITE_RATE * SYNC_BURST_WINDOW, SYNC_BURST_WINDOW, 'Rate limit exceeded',
                          SYNC_RATE_LIMITED)

    def _take(self, rate_class, cost, capacity, window, message, code):
        """Count `cost` in the class's window if the window's accepted costs leave room for it."""
        with self._lock:
            now = self._clock()
            accepted = self._accepted[rate_class]
            while accepted and now - accepted[0][0] >= window:
                accepted.popleft()
            # A small tolerance, so that ten writes costing 0.1 each fill exactly one unit.
            if sum(spent for _time, spent in accepted) + cost <= capacity + 1e-9:
                accepted.append((now, cost))
                return None
            self._refusals += 1
            retry_after = 1 if self._refusals % 2 == 1 else None
        return too_many_requests(message, retry_after, code)

    def reset(self):
        """Forget every window and the refusal count (the /__emulator__/reset hook)."""
        with self._lock:
            self._accepted.clear()
            self._refusals = 0
