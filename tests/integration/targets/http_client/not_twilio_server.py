# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a command while a web server that is not Twilio answers on loopback:
python not_twilio_server.py -- COMMAND... (the command gets NOT_TWILIO_URL, http://localhost:PORT).

What a mistyped base URL or a proxy gives back, by the first path segment:
  /html        every request: 404 with an HTML page (a web server's own "not found")
  /wrongshape  lists: {"flex_flows": "oops"}; anything else: 200 with a JSON list
  /listbody    every request: 200 with a JSON list instead of an object
  /paging      a Flex Flow list in two pages whose next_page_url spells this server's host in
               upper case: the same server, which the client must follow
  /foreign     lists: an empty page as Twilio gives it; other reads and every write: 200 or 201
               with a JSON object that is no Twilio resource; deletes: 204 (an API of something
               else, or a proxy that answers for it)
None of these is Twilio's answer; only /paging and the lists of /foreign are lists as Twilio gives them."""

import http.server
from urllib.parse import urlsplit

import serve_during

FLOW = {'sid': 'FO' + '1' * 32, 'account_sid': 'AC' + '0' * 32, 'friendly_name': 'Page one', 'channel_type': 'web'}
LIST_KEYS = {'FlexFlows': 'flex_flows', 'Addresses': 'address_configurations', 'Flows': 'flows'}
FOREIGN = {'hello': 'world'}


class Handler(serve_during.StandIn):
    def do_GET(self):  # pylint: disable=invalid-name
        path = urlsplit(self.path)
        mode = path.path.split('/')[1]
        if mode == 'html':
            return self.send(404, b'<html><body><h1>Not Found</h1></body></html>', 'text/html')
        if mode == 'wrongshape':
            body = {'flex_flows': 'oops', 'meta': {'next_page_url': None}} if path.path.endswith('/FlexFlows') else [1, 2]
            return self.send_json(200, body)
        if mode == 'listbody':
            return self.send_json(200, [FLOW])
        if mode == 'paging':
            host = 'LOCALHOST:%d' % self.server.server_address[1]
            if 'PageToken' in path.query:
                return self.send_json(200, {'flex_flows': [dict(FLOW, sid='FO' + '2' * 32, friendly_name='Page two')],
                                            'meta': {'next_page_url': None, 'key': 'flex_flows'}})
            return self.send_json(200, {'flex_flows': [FLOW], 'meta': {
                'next_page_url': 'http://%s/paging/v1/FlexFlows?PageSize=1000&Page=1&PageToken=PA%s' % (host, FLOW['sid']),
                'key': 'flex_flows'}})
        if mode == 'foreign':
            key = LIST_KEYS.get(path.path.rsplit('/', 1)[-1])
            return self.send_json(200, {key: [], 'meta': {'next_page_url': None, 'key': key}} if key else FOREIGN)
        return self.send(500, b'unknown mode', 'text/plain')

    def do_POST(self):  # pylint: disable=invalid-name
        if self.path.startswith('/foreign/'):
            return self.send_json(201, FOREIGN)
        return self.do_GET()

    def do_DELETE(self):  # pylint: disable=invalid-name
        if self.path.startswith('/foreign/'):
            return self.send(204, b'', 'application/json')
        return self.do_GET()


def main():
    serve_during.main(lambda: http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler), 'NOT_TWILIO_URL', 'http://localhost:%d')


if __name__ == '__main__':
    main()
