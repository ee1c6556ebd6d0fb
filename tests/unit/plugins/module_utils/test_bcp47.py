# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_bcp47: RFC 5646 well-formedness and canonical case, which make one language one address."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils._bcp47 import canonical_tag, tag_problem


@pytest.mark.parametrize('tag, canonical', [
    ('en', 'en'),
    ('EN', 'en'),
    ('pt-br', 'pt-BR'),
    ('pt-BR', 'pt-BR'),
    ('PT-BR', 'pt-BR'),
    ('zh-hant-tw', 'zh-Hant-TW'),
    ('ZH-HANT-TW', 'zh-Hant-TW'),
    ('es-419', 'es-419'),
    ('sl-rozaj-biske', 'sl-rozaj-biske'),
    ('de-ch-1901', 'de-CH-1901'),
    ('de-1996', 'de-1996'),
    ('zh-YUE-hk', 'zh-yue-HK'),
    ('cmn-hans-cn', 'cmn-Hans-CN'),
    ('haw', 'haw'),
    # After a singleton everything is lower case, even what looks like a region or a script.
    ('en-a-bbb-x-private', 'en-a-bbb-x-private'),
    ('en-Latn-US-x-A-B', 'en-Latn-US-x-a-b'),
    ('en-US-u-ca-gregory', 'en-US-u-ca-gregory'),
    ('en-x-Latn', 'en-x-latn'),
])
def test_canonical_case(tag, canonical):
    assert canonical_tag(tag) == canonical
    assert tag_problem(tag) is None


@pytest.mark.parametrize('tag', [
    'en_US',        # underscore, as in POSIX locales
    'en-', '-en', 'en--us',
    'e',            # one letter
    'abcd',         # four letters are reserved
    'toolonglang',  # more than 8
    'x-private',    # private use alone names no language
    'i-klingon',    # grandfathered
    'en-gb-oed',    # irregular grandfathered
    'en-a',         # a singleton needs a subtag
    'en-x',
    'en-us-a-b',
    'en\n',         # \Z: a tag from a YAML block scalar keeps its newline
    ' en',
    '',
    None,
    5,
])
def test_not_well_formed(tag):
    assert canonical_tag(tag) is None
    assert tag_problem(tag) == 'is not a BCP 47 language tag such as en, pt-BR, zh-Hant-TW'
