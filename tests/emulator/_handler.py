# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The HTTP side of the emulator: reading requests, the in-flight limit, authentication, Twilio's
rate limits, injected faults, the request log, the /__emulator__/ test hooks and writing answers.

The handler expects its server to carry: store, credentials, request_log, faults, limiter,
twilio_limits (None without --twilio-limits), clock and quiet.
"""

import json
import socket
import sys
import time
import traceback
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from _responses import (INVALID_PARAMETER, ApiError, ApiResponse, injected_fault, method_not_allowed, not_found, server_error, too_many_requests,
                        unauthorized)
from _routing import ApiCall, dispatch, rendered_state, template
from _sync import purge_expired

HOOK_PREFIX = '/__emulator__/'
FORM_TYPE = 'application/x-www-form-urlencoded'
MAX_LINE = 65536


class EmulatorHandler(BaseHTTPRequestHandler):
    """One connection; HTTP/1.1 with exact Content-Length so keep-alive clients can reuse it."""

    protocol_version = 'HTTP/1.1'
    server_version = 'flex-emulator'
    _log_entry = None  # request log entry of the API request being answered

    def setup(self):
        super().setup()
        # An answer is written as headers, then body; with Nagle's algorithm on, the body would wait
        # for the client's delayed ACK of the headers, adding about 40 ms to every request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        self._handle()

    def do_POST(self):
        self._handle()

    def do_PUT(self):
        self._handle()

    def do_PATCH(self):
        self._handle()

    def do_DELETE(self):
        self._handle()

    def do_HEAD(self):
        self._handle()

    def do_OPTIONS(self):
        self._handle()

    def version_string(self):
        return self.server_version

    def date_time_string(self, timestamp=None):
        # The Date header is Twilio's clock, which the collection judges a lease's expiry by: it
        # follows the emulator's clock (moved by /__emulator__/clock), as Sync's timestamps do.
        return super(EmulatorHandler, self).date_time_string(self.server.clock.time() if timestamp is None else timestamp)

    def log_request(self, code='-', size='-'):
        """Answers are traced by _trace instead: path without query string, never a header."""

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if not self.server.quiet:
            super().log_message(format, *args)

    def _handle(self):
        split = urlsplit(self.path)
        path = split.path
        try:
            body = self._read_body()
        except ValueError as error:
            # The body cannot be delimited, so nothing else on this connection can be read either.
            self.close_connection = True
            body, body_error = b'', ApiError(400, INVALID_PARAMETER, str(error))
        else:
            body_error = None
        try:
            if path.startswith(HOOK_PREFIX):
                status = self._send(self._hook(path[len(HOOK_PREFIX):], body))
            else:
                status = self._api(path, parse_qs(split.query, keep_blank_values=True), body, body_error)
        except ConnectionError:
            # The client went away while we answered; there is nobody left to tell.
            self.close_connection = True
            return
        self._trace(path, status)

    def _read_body(self):
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            return self._read_chunked()
        length = self.headers.get('Content-Length')
        if length is None:
            return b''
        if not length.strip().isdigit():
            raise ValueError('Invalid Content-Length: {0}'.format(length))
        return self.rfile.read(int(length))

    def _read_chunked(self):
        chunks = []
        while True:
            # int() raises ValueError for a malformed size line, which _handle answers with 400.
            size = int(self.rfile.readline(MAX_LINE).split(b';', 1)[0].strip().decode('ascii', 'replace'), 16)
            if size == 0:
                # Skip the trailer section, which ends with an empty line.
                while self.rfile.readline(MAX_LINE) not in (b'\r\n', b'\n', b''):
                    continue
                return b''.join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(MAX_LINE)

    def _api(self, path, query, body, body_error):
        form = {}
        if self.headers.get('Content-Type', '').split(';')[0].strip().lower() == FORM_TYPE:
            form = parse_qs(body.decode('utf-8', 'replace'), keep_blank_values=True)
        self._log_entry = self.server.request_log.open(self.command, path, query, form)
        try:
            if body_error is not None:
                return self._send(body_error.response())
            return self._answer_api(ApiCall(self.command, path, query, form, body, self._base_url(), self.server.twilio_limits, self.headers,
                                            self.server.clock))
        finally:
            # Answered entries were closed by _send; what is left got no answer (dropped connection).
            self._close_log_entry(0)

    def _close_log_entry(self, status):
        entry, self._log_entry = self._log_entry, None
        if entry is not None:
            self.server.request_log.close(entry, status)

    def _dispatch(self, call):
        try:
            return dispatch(self.server.store, call)
        except Exception:  # pylint: disable=broad-except
            # A bug, or a state file that cannot be written: answer like Twilio's own failures do.
            traceback.print_exc()
            return server_error().response()

    def _answer_api(self, call):
        server = self.server
        # Refused before anything else, like Twilio's concurrency limit: never processed, safe to retry.
        if not server.limiter.acquire():
            return self._send(too_many_requests('Too many concurrent requests').response())
        try:
            if not server.credentials.accept(self.headers.get('Authorization')):
                return self._send(unauthorized().response())
            # Twilio limits rates per account, so only once the account is known; and before any
            # injected fault, which stands for a failure behind the rate limiter.
            if server.twilio_limits is not None:
                refusal = server.twilio_limits.admit(call.method, template(call.path))
                if refusal is not None:
                    return self._send(refusal.response())
            rule = server.faults.take(call.method, call.path)
            if rule is None:
                return self._send(self._dispatch(call))
            response = self._dispatch(call) if rule.processes_request else None
            # Sleep outside every lock: other requests go on while this one is held back.
            time.sleep(rule.delay)
            if rule.status == 0:
                # Drop the connection: close the socket without writing a byte.
                self.close_connection = True
                return 0
            if 200 <= rule.status < 300:
                return self._send(response)
            return self._send(injected_fault(rule.status, rule.retry_after).response())
        finally:
            server.limiter.release()

    def _hook(self, name, body):
        hooks = {
            'requests': {'GET': lambda: ApiResponse(200, self.server.request_log.entries())},
            'reset': {'POST': self._reset},
            'faults': {'GET': lambda: ApiResponse(200, {'faults': self.server.faults.active()}),
                       'POST': lambda: self._post_fault(body)},
            'state': {'GET': self._state},
            'clock': {'GET': lambda: ApiResponse(200, self.server.clock.to_json()),
                      'POST': lambda: self._post_clock(body)},
        }
        if name not in hooks:
            return not_found(HOOK_PREFIX + name).response()
        if self.command not in hooks[name]:
            return method_not_allowed(hooks[name], HOOK_PREFIX + name, self.command).response()
        return hooks[name][self.command]()

    def _reset(self):
        server = self.server
        with server.store.lock:
            server.store.reset()
        server.request_log.clear()
        server.faults.clear()
        server.clock.reset()
        if server.twilio_limits is not None:
            server.twilio_limits.reset()
        return ApiResponse(200, {'reset': True})

    def _expire_sync_objects(self):
        """Remove the Sync objects (documents, maps, map items) past their expiry and grace now, not
        at the next Sync request."""
        store = self.server.store
        with store.lock:
            if purge_expired(store, self.server.clock):
                store.save()

    def _state(self):
        self._expire_sync_objects()
        return ApiResponse(200, rendered_state(self.server.store, self._base_url()))

    def _post_clock(self, body):
        try:
            self.server.clock.post(json.loads(body.decode('utf-8') or 'null'))
        except ValueError as error:
            return ApiError(400, INVALID_PARAMETER, 'Invalid clock request: {0}'.format(error)).response()
        self._expire_sync_objects()
        return ApiResponse(200, self.server.clock.to_json())

    def _post_fault(self, body):
        try:
            rules = self.server.faults.post(json.loads(body.decode('utf-8') or 'null'))
        except ValueError as error:
            return ApiError(400, INVALID_PARAMETER, 'Invalid fault rule: {0}'.format(error)).response()
        return ApiResponse(200, {'faults': rules})

    def _base_url(self):
        host = self.headers.get('Host')
        if not host:
            address, port = self.server.server_address[:2]
            host = '[{0}]:{1}'.format(address, port) if ':' in address else '{0}:{1}'.format(address, port)
        return 'http://' + host

    def _send(self, response):
        # Log the status before the client can see the answer, so a client that reads the log right
        # after its answer finds it complete.
        self._close_log_entry(response.status)
        payload = b'' if response.body is None else json.dumps(response.body).encode('utf-8')
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        # A 204 carries neither a body nor a Content-Length (RFC 9110); everything else says how long it is.
        if response.status != 204:
            if response.body is not None:
                self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(payload)))
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(payload)
        return response.status

    def _trace(self, path, status):
        if not self.server.quiet:
            sys.stderr.write('{0} {1} {2}\n'.format(self.command, path, status))
            sys.stderr.flush()
