# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""API answers: a success with a JSON body, or a failure with Twilio's legacy error body."""

from http import HTTPStatus

INVALID_PARAMETER = 20001
AUTHENTICATION_FAILED = 20003
METHOD_NOT_ALLOWED = 20004
NOT_FOUND = 20404
TOO_MANY_REQUESTS = 20429

# Twilio codes for the server-side statuses a fault rule may inject; any other status is
# answered with the status itself as the code.
FAULT_CODES = {429: TOO_MANY_REQUESTS, 500: 20500, 502: 20502, 503: 20503, 504: 20504}


class ApiResponse:
    """What an API operation answers: a status, a JSON body (None for an empty body) and extra headers."""

    def __init__(self, status, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


class ApiError(Exception):
    """A failure that is answered with a Twilio error body."""

    def __init__(self, status, code, message, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def response(self):
        """The answer for this failure."""
        return ApiResponse(self.status, error_body(self.status, self.code, self.message), self.headers)


def error_body(status, code, message):
    """Twilio's error body: {code, message, more_info, status}."""
    return {
        'code': code,
        'message': message,
        'more_info': 'https://www.twilio.com/docs/errors/{0}'.format(code),
        'status': status,
    }


def not_found(resource_path):
    """404 for an unknown path or SID. Twilio's recorded answers name the path as the product's
    host sees it, without the version segment: /FlexFlows/FO..., not /v1/FlexFlows/FO...."""
    return ApiError(404, NOT_FOUND, 'The requested resource {0} was not found'.format(resource_path))


def method_not_allowed(allowed, resource_path, method):
    """405 for a method that the path does not serve, worded like Twilio's recorded answer (the
    path as in a 404, and the method); the Allow header lists what the path serves."""
    message = 'The requested resource {0} does not support the attempted HTTP method {1}'.format(resource_path, method)
    return ApiError(405, METHOD_NOT_ALLOWED, message, {'Allow': ', '.join(sorted(allowed))})


def unauthorized():
    """401 for missing or wrong credentials."""
    return ApiError(401, AUTHENTICATION_FAILED, 'Authenticate', {'WWW-Authenticate': 'Basic realm="Twilio API"'})


def server_error():
    """500 for a request the emulator failed to carry out."""
    return ApiError(500, FAULT_CODES[500], 'Internal Server Error')


def too_many_requests(message, retry_after=1, code=TOO_MANY_REQUESTS):
    """429 for a request refused before it was processed; safe for the client to retry.
    `retry_after` None leaves the Retry-After header out; Sync's refusals carry their own code."""
    headers = {} if retry_after is None else {'Retry-After': str(retry_after)}
    return ApiError(429, code, message, headers)


def invalid_value(name, raw):
    """400 for a parameter whose value breaks the spec's type, enum, pattern or range."""
    return ApiError(400, INVALID_PARAMETER, 'Invalid value for {0}: {1}'.format(name, raw))


def refused(message):
    """400 (code 20001) for a request that is well-formed but that the account cannot carry out."""
    return ApiError(400, INVALID_PARAMETER, message)


def missing_parameter(name):
    """400 for a required parameter that the request did not send."""
    return ApiError(400, INVALID_PARAMETER, 'Missing required parameter {0} in the post body'.format(name))


def injected_fault(status, retry_after=None):
    """The answer a fault rule injects: a Twilio error body for `status`."""
    try:
        message = HTTPStatus(status).phrase
    except ValueError:
        message = 'Injected fault'
    headers = {} if retry_after is None else {'Retry-After': str(retry_after)}
    return ApiError(status, FAULT_CODES.get(status, status), message, headers)
