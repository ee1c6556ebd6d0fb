# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""List pages as Twilio's v1/v2 APIs serve them: {<key>: [...], meta: {...}} with PageToken links.

Page tokens follow Twilio's visible format: `PA<sid>` asks for the records created after the
record <sid> (the next page), `PB<sid>` for those created before it (the previous page). A token
stays valid after its record is deleted, because the store remembers the creation order of every
SID it has issued. A token that names no SID of this list is answered 400 (code 20001).
`Page` is bookkeeping only, as the spec says ("simply for client state"): without a PageToken a
list always starts at its first record, whatever Page says.
"""

from urllib.parse import urlencode

from _responses import invalid_value
from _validation import first, integer

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000  # the spec's maximum for Flex and Studio lists; Conversations allows only 50
PARSE_PAGE = integer(0)


class PageRequest:
    """The paging parameters of one list request."""

    def __init__(self, query, filter_params, max_page_size=MAX_PAGE_SIZE):
        page_size = first(query, 'PageSize')
        page = first(query, 'Page')
        self.page_size = DEFAULT_PAGE_SIZE if page_size is None else integer(1, max_page_size)('PageSize', page_size)
        self.page = 0 if page is None else PARSE_PAGE('Page', page)
        self.token = first(query, 'PageToken')
        # Filters are echoed in every page URL, so that following next_page_url keeps filtering.
        self.filters = [(name, first(query, name)) for name in filter_params if first(query, name)]


def _anchor(token, sequence):
    """(direction, creation number) for a page token, or a 400 for one this list never issued."""
    if token[:2] in ('PA', 'PB') and token[2:] in sequence:
        return token[:2], sequence[token[2:]]
    raise invalid_value('PageToken', token)


def _window(numbered, request, sequence):
    """The (number, record) pairs of the requested page."""
    if request.token is None:
        return numbered[:request.page_size]
    direction, anchor = _anchor(request.token, sequence)
    if direction == 'PA':
        return [item for item in numbered if item[0] > anchor][:request.page_size]
    earlier = [item for item in numbered if item[0] < anchor]
    return earlier[-request.page_size:]


def build_page(numbered, sequence, request, list_url, key, render):
    """The body of one list page.

    numbered: the matching records as (creation number, record), in creation order.
    sequence: creation number of every SID the collection ever issued (for page tokens).
    render: turns a stored record into its list representation.
    """
    window = _window(numbered, request, sequence)
    next_token = previous_token = None
    if window:
        first_number, last_number = window[0][0], window[-1][0]
        if any(number > last_number for number, record in numbered):
            next_token = 'PA' + window[-1][1]['sid']
        if any(number < first_number for number, record in numbered):
            previous_token = 'PB' + window[0][1]['sid']
    return page_body([record for number, record in window], request, list_url, key, render, next_token, previous_token)


def page_body(records, request, list_url, key, render, next_token=None, previous_token=None):
    """The body of one list page holding `records`, with links to the pages the tokens open
    (None: there is no such page). Lists that are not in creation order (Sync map items, by key)
    choose their window and tokens themselves and build their page here."""
    def page_url(page, token=None):
        params = request.filters + [('PageSize', request.page_size), ('Page', page)]
        if token is not None:
            params.append(('PageToken', token))
        return list_url + '?' + urlencode(params)

    return {
        key: [render(record) for record in records],
        'meta': {
            'page': request.page,
            'page_size': request.page_size,
            'first_page_url': page_url(0),
            'previous_page_url': None if previous_token is None else page_url(max(request.page - 1, 0), previous_token),
            'url': page_url(request.page, request.token),
            'next_page_url': None if next_token is None else page_url(request.page + 1, next_token),
            'key': key,
        },
    }
