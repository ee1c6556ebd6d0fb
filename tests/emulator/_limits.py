# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Twilio's documented per-account limits for Flex Flows, applied with --twilio-limits.

Source: Twilio's "Flex Messaging Limits" page (flex-api-notes §11). The page gives rates per
second for each Flex Flow operation and a cap of 2500 Flex Flows per account. It documents no
limit for Studio, the Flex or Conversations configurations, or address configurations, so none is
applied to them. How a window is counted and how a refusal reads are our choices (README.md).
"""

import collections
import threading
import time

from _responses import too_many_requests

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


class TwilioLimits:
    """Sliding one-second windows of accepted requests per rate class, and the Flex Flow cap."""

    max_flex_flows = MAX_FLEX_FLOWS

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._accepted = collections.defaultdict(collections.deque)  # class -> times of accepted requests
        self._refusals = 0

    def admit(self, method, route):
        """None when the request may go on (it then counts), or the 429 ApiError refusing it.

        A refused request does not count against its window, so a client that keeps retrying is
        not locked out for longer than a second. Twilio does not promise a Retry-After header;
        to make clients cope with both, odd-numbered refusals carry `Retry-After: 1` and
        even-numbered ones carry none.
        """
        rate_class = (method, route)
        rate = RATES.get(rate_class)
        if rate is None:
            return None
        with self._lock:
            now = self._clock()
            accepted = self._accepted[rate_class]
            while accepted and now - accepted[0] >= WINDOW:
                accepted.popleft()
            if len(accepted) < rate:
                accepted.append(now)
                return None
            self._refusals += 1
            retry_after = 1 if self._refusals % 2 == 1 else None
        return too_many_requests('Too Many Requests', retry_after)

    def reset(self):
        """Forget every window and the refusal count (the /__emulator__/reset hook)."""
        with self._lock:
            self._accepted.clear()
            self._refusals = 0
