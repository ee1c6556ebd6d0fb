# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""TwilioApiError: a request that did not succeed, and which of Twilio's answers count. A 404
means "absent" only with Twilio's own code for it; an error body without Twilio's code is not
Twilio's answer at all. Standard library only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Statuses worth another attempt. Twilio documents 429 (code 20429) as "not processed, safe to
# retry after backing off"; 502/503/504 come from Twilio's edge when a backend is unavailable.
RETRY_STATUSES = frozenset((429, 502, 503, 504))

# Twilio's error code for "the requested resource was not found": the only 404 that means absent.
NOT_FOUND_CODE = 20404


class TwilioApiError(Exception):
    """A request that did not succeed: an HTTP error answer, an answer that is not Twilio's, or
    no answer at all."""

    def __init__(self, method, path, status=None, code=None, message=None, more_info=None, transport=None, hint=None):
        self.method = method
        self.path = path
        self.status = status
        self.code = code
        self.message = message
        self.more_info = more_info
        self.transport = transport
        self.hint = hint
        super(TwilioApiError, self).__init__(self.describe())

    def __str__(self):
        # The message can gain detail after construction (how many attempts were made).
        return self.describe()

    @classmethod
    def from_response(cls, method, path, response, hint=None):
        """Read Twilio's error body: the legacy {code, message, more_info, status} form, or the
        RFC 9457 form newer services use ({title, detail, code, ...}). An answer without one is
        not Twilio's: the message then says what came back and asks whether the URL is right."""
        body = _decoded(response)
        if not _is_twilio_error(body):
            kind = response.headers.get('Content-Type') or 'no Content-Type'
            return cls(method, path, status=response.status_code, hint=hint,
                       message='%s, not a Twilio error (%s)%s' % (response.reason, kind.split(';')[0], _ask(hint)))
        message = body.get('message') or body.get('detail') or body.get('title') or response.reason
        return cls(method, path, status=response.status_code, code=body.get('code'), message=message,
                   more_info=body.get('more_info') or body.get('type'), hint=hint)

    @property
    def not_found(self):
        """True only for Twilio's own "not found" (HTTP 404 with code 20404). A 404 from anything
        else (a web server at a mistyped URL, a proxy) is an error, never "absent"."""
        return self.absent()

    def absent(self, codes=(NOT_FOUND_CODE,)):
        """True for a 404 with one of Twilio's codes for "not found" (a product may have its own,
        such as Sync's 54100 for a missing document)."""
        return self.status == 404 and self.code in codes

    @property
    def ambiguous(self):
        """True when a write may have been applied although no success came back."""
        if self.transport is not None:
            return self.transport not in ('connect-timeout', 'tls', 'unreachable')
        return self.status is not None and self.status >= 500

    @property
    def retryable(self):
        # A certificate that fails verification will fail again, and so will a connection that is
        # refused or a host name that does not resolve: say so at once.
        if self.transport is not None:
            return self.transport not in ('tls', 'unreachable')
        return self.status in RETRY_STATUSES

    def describe(self):
        if self.transport is not None:
            return '%s %s failed: %s' % (self.method, self.path, self.message)
        if self.status is None:
            # A success whose body is not what Twilio sends, or a refusal of ours.
            return '%s %s: %s' % (self.method, self.path, self.message)
        text = '%s %s answered HTTP %s' % (self.method, self.path, self.status)
        if self.code is not None:
            text += ', Twilio error %s' % self.code
        if self.message:
            text += ': %s' % self.message
        if self.more_info:
            text += ' (more info: %s)' % self.more_info
        return text

    def as_result(self):
        """The error as a result field, so playbooks can branch on the code."""
        return dict(status=self.status, code=self.code, message=self.message, more_info=self.more_info,
                    method=self.method, path=self.path)


def _decoded(response):
    try:
        return response.json()
    except ValueError:
        return None


def _is_twilio_error(body):
    """Twilio's error bodies carry an integer code (legacy and RFC 9457 forms alike)."""
    return isinstance(body, dict) and isinstance(body.get('code'), int) and not isinstance(body.get('code'), bool)


def _ask(hint):
    return '; %s' % hint if hint else ''
