# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when any secret appears in any file of a directory (the -vvvv output, the results, the
emulator's log): python assert_no_secrets.py DIR SECRET [SECRET ...]

It also fails when the files do not hold what a real run leaves (the module runs traced at -vvvv,
the address the run created, the refused credentials), so an empty or truncated capture cannot pass."""

import os
import sys

# A real run leaves these behind; without them the search proves nothing.
EXPECTED = {
    'output.log': ['AnsiballZ_flex_flow.py', 'Secret en', 'HTTP 401', 'could not connect to'],
    'results.json': ['Secret en', 'HTTP 401', '/flex-api/v1/FlexFlows', 'is not a Flex Flow SID'],
}


def main(directory, secrets):
    problems = []
    for name, markers in EXPECTED.items():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            problems.append('%s is missing' % path)
            continue
        with open(path, encoding='utf-8', errors='replace') as handle:
            text = handle.read()
        problems.extend('%s lacks %r: the capture is incomplete' % (name, marker) for marker in markers if marker not in text)
        for number, line in enumerate(text.splitlines(), 1):
            for index, secret in enumerate(secrets):
                if secret and secret in line:
                    problems.append('%s:%d holds secret #%d' % (name, number, index + 1))
    if problems:
        sys.exit('\n'.join(problems))
    print('no secret in %s (%d secrets searched)' % (', '.join(sorted(EXPECTED)), len(secrets)))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
