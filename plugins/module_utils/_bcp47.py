# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""BCP 47 language tags (RFC 5646): whether a tag is well-formed, and its canonical case.

Tags are case-insensitive, so "pt-br" and "pt-BR" are one language; RFC 5646 section 2.1.1 gives
the case they are written in: the language and everything after a singleton in lower case, a
script in title case (zh-Hant), a region in upper case (pt-BR). The webchat_addresses role names
and matches addresses by the canonical form, so one language is one address whatever case the
inventory uses. Standard library only: the role's filters import it on the controller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

_ALPHA = re.compile(r'[A-Za-z]+\Z')
_DIGIT = re.compile(r'[0-9]+\Z')
_ALNUM = re.compile(r'[A-Za-z0-9]+\Z')

EXAMPLES = 'en, pt-BR, zh-Hant-TW'


def _alpha(subtag, low, high):
    return low <= len(subtag) <= high and _ALPHA.match(subtag) is not None


def _variant(subtag):
    # 5 to 8 letters or digits, or a digit followed by 3 letters or digits (RFC 5646 "variant").
    return ((5 <= len(subtag) <= 8 and _ALNUM.match(subtag) is not None)
            or (len(subtag) == 4 and subtag[0].isdigit() and _ALNUM.match(subtag) is not None))


def _well_formed(subtags):
    """Whether subtags (the tag split on '-') follow RFC 5646's langtag production. Grandfathered
    tags and tags made only of private use ("x-...") are not accepted: an address needs a language."""
    position = 0
    count = len(subtags)
    # language: 2-3 letters with up to three 3-letter extlangs, or 5-8 letters (4 are reserved).
    if not (_alpha(subtags[0], 2, 3) or _alpha(subtags[0], 5, 8)):
        return False
    position = 1
    if len(subtags[0]) <= 3:
        extlangs = 0
        while position < count and extlangs < 3 and _alpha(subtags[position], 3, 3):
            position += 1
            extlangs += 1
    if position < count and _alpha(subtags[position], 4, 4):                      # script
        position += 1
    if position < count and (_alpha(subtags[position], 2, 2)                      # region
                             or (len(subtags[position]) == 3 and _DIGIT.match(subtags[position]))):
        position += 1
    while position < count and _variant(subtags[position]):                      # variants
        position += 1
    while position < count and len(subtags[position]) == 1 and subtags[position].lower() != 'x':   # extensions
        position += 1
        start = position
        while position < count and 2 <= len(subtags[position]) <= 8 and _ALNUM.match(subtags[position]):
            position += 1
        if position == start:
            return False
    if position < count and subtags[position].lower() == 'x':                     # private use
        position += 1
        start = position
        while position < count and 1 <= len(subtags[position]) <= 8 and _ALNUM.match(subtags[position]):
            position += 1
        if position == start:
            return False
    return position == count


def canonical_tag(tag):
    """The tag in RFC 5646's canonical case, or None when it is not a well-formed language tag."""
    if not isinstance(tag, str) or not tag or tag != tag.strip():
        return None
    subtags = tag.split('-')
    if not all(subtags) or not _well_formed(subtags):
        return None
    canonical = [subtags[0].lower()]
    after_singleton = False
    for subtag in subtags[1:]:
        if after_singleton or len(subtag) == 1:
            after_singleton = True
            canonical.append(subtag.lower())
        elif len(subtag) == 2:
            canonical.append(subtag.upper())
        elif len(subtag) == 4 and subtag.isalpha():
            canonical.append(subtag.title())
        else:
            canonical.append(subtag.lower())
    return '-'.join(canonical)


def tag_problem(tag):
    """Why tag is not a well-formed BCP 47 language tag, or None."""
    if canonical_tag(tag) is None:
        return 'is not a BCP 47 language tag such as %s' % EXAMPLES
    return None
