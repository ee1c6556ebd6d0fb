# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the target's stand-in servers share: a quiet request handler with one way to answer, and
serving on loopback while one command runs."""

import http.server
import json
import os
import subprocess
import sys
import threading


class StandIn(http.server.BaseHTTPRequestHandler):
    """The base of a stand-in's handler: answers with send() or send_json(), logs nothing."""

    def send(self, status, payload, kind):
        self.send_response(status)
        self.send_header('Content-Type', kind)
        self.send_header('Content-Length', str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def send_json(self, status, body):
        self.send(status, json.dumps(body).encode(), 'application/json')

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


def command_line(argv):
    """The command after an optional leading '--'."""
    return argv[1:] if argv[:1] == ['--'] else argv


def serve_during(server, variable, url, command):
    """Serve in a thread, run command with variable=url(port) in its environment, stop."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ, **{variable: url % server.server_address[1]})
    try:
        return subprocess.call(command, env=env)
    finally:
        server.shutdown()


def main(make_server, variable, url):
    sys.exit(serve_during(make_server(), variable, url, command_line(sys.argv[1:])))
