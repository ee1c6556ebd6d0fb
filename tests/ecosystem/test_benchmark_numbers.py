# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The measured times the docs quote come from one place: the benchmark's saved results
(docs/docsite/rst/bench/results.csv, written by `make bench` with the benchmark guide). The guides
and READMEs refer to the benchmark guide rather than restate a time; where a page does quote the
time of a first run of N addresses, it must be the saved one, to the precision quoted.

The changelog is left out: it records what a release said when it was made; so is the "History"
section of the benchmark guide, which dates each earlier run (of earlier code) with its own numbers."""

import csv
import glob
import os
import re

import pytest

RESULTS = os.path.join('docs', 'docsite', 'rst', 'bench', 'results.csv')

# "a first run of 50 addresses ... takes about 27 seconds", "the first run at N = 50 took 31.96 s":
# a quoted time, within the sentence that names the first run and its size.
QUOTED = [
    re.compile(r'first run of (?P<n>\d+) (?:addresses|languages|flows)\b[^.;]*?\b(?:about|took|takes|in) '
               r'(?P<seconds>\d+(?:\.\d+)?) ?(?:s|seconds)\b', re.I),
    re.compile(r'first run at N = (?P<n>\d+) took (?P<seconds>\d+(?:\.\d+)?) s\b', re.I),
]


def quoted_first_runs(text):
    """(N, seconds as written) for each first-run time quoted in text."""
    text = re.sub(r'\s+', ' ', text)
    # A sentence may end in a number ("31.96 s."); the patterns stop at full stops between words only.
    text = re.sub(r'\.(?=\s|$)', '. ', text)
    return [(int(match.group('n')), match.group('seconds')) for pattern in QUOTED for match in pattern.finditer(text)]


# An RST section titled History, up to the next section title (underlined with -, = or ^).
HISTORY = re.compile(r'^History\n-+\n.*?(?=^[^\n]+\n[-=^]{3,}\n|\Z)', re.M | re.S)


def without_history(text):
    return HISTORY.sub('', text)


def saved_first_runs(root):
    with open(os.path.join(root, RESULTS)) as stream:
        return dict((int(row['n']), float(row['seconds'])) for row in csv.DictReader(stream) if row['scenario'] == 'first_run')


def agrees(written, saved):
    decimals = len(written.split('.')[1]) if '.' in written else 0
    return float(written) == round(saved, decimals)


def doc_files(root):
    patterns = ['README.md', 'docs/**/*.md', 'docs/docsite/rst/**/*.rst', 'roles/*/README.md', 'examples/**/*.md', 'bench/**/*.md']
    found = set()
    for pattern in patterns:
        found.update(glob.glob(os.path.join(root, pattern), recursive=True))
    return sorted(path for path in found if os.sep + os.path.join('docs', 'build') + os.sep not in path)


def test_the_guard_finds_a_quoted_time():
    # The sentences the guide and the role README had, each with its own number: both are found.
    assert quoted_first_runs('so a first run of 50 addresses gets no 429 and takes about 27 seconds, 25 of them') == [(50, '27')]
    assert quoted_first_runs('a\nfirst run of 50 languages sees no 429 and takes about 32 seconds, 25') == [(50, '32')]
    assert quoted_first_runs('The first run at N = 50 took 31.96 s: 26.89 s in') == [(50, '31.96')]
    assert not agrees('27', 31.9607) and agrees('32', 31.9607) and agrees('31.96', 31.9607)
    page = 'Results\n-------\nThe first run at N = 50 took 31.96 s.\n\nHistory\n-------\n* a first run at N = 200 took 116.73 s\n\nMethod\n------\n'
    assert quoted_first_runs(without_history(page)) == [(50, '31.96')]


def test_quoted_first_run_times_are_the_saved_ones(collection_root):
    saved = saved_first_runs(collection_root)
    assert 50 in saved, '%s has no first run at N = 50' % RESULTS
    wrong = []
    for path in doc_files(collection_root):
        with open(path, encoding='utf-8') as stream:
            for n, written in quoted_first_runs(without_history(stream.read())):
                if n not in saved:
                    wrong.append('%s: a first run of %d, which the benchmark does not measure' % (os.path.relpath(path, collection_root), n))
                elif not agrees(written, saved[n]):
                    wrong.append('%s: a first run of %d in %s s; the benchmark measured %.2f s (%s)'
                                 % (os.path.relpath(path, collection_root), n, written, saved[n], RESULTS))
    assert not wrong, 'refer to the benchmark guide rather than restate its numbers:\n' + '\n'.join(wrong)


@pytest.mark.parametrize('off_by, expected', [(-2, False), (0, True)], ids=['a stale time', 'the saved time'])
def test_the_old_disagreement_is_caught(collection_root, off_by, expected):
    # A sentence quoting the saved time, rounded as the docs round it, agrees; one 2 s off does not.
    saved = saved_first_runs(collection_root)
    ((n, written),) = quoted_first_runs('a first run of 50 addresses takes about %d seconds.' % (round(saved[50]) + off_by))
    assert agrees(written, saved[n]) is expected
