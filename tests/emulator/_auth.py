# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""HTTP Basic authentication as Twilio accepts it: account SID + auth token, or API key SID + secret."""

import base64
import binascii
import hmac


class Credentials:
    """The username/password pairs the emulated account accepts."""

    def __init__(self, account_sid, auth_token, api_key=None, api_secret=None):
        self._pairs = [(account_sid, auth_token)]
        if api_key is not None:
            self._pairs.append((api_key, api_secret))

    def accept(self, authorization):
        """Whether an Authorization header value carries one of the accepted pairs."""
        scheme, _sep, encoded = (authorization or '').partition(' ')
        if scheme.lower() != 'basic':
            return False
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode('utf-8')
        except (binascii.Error, UnicodeDecodeError):
            return False
        username, sep, password = decoded.partition(':')
        if not sep:
            return False
        # Compare every pair in constant time, so timing does not tell which part was wrong.
        matches = [hmac.compare_digest(username.encode(), user.encode()) & hmac.compare_digest(password.encode(), secret.encode())
                   for user, secret in self._pairs]
        return any(matches)
