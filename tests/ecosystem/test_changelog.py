# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The changelog: fragments and changelogs/changelog.yaml are valid, and CHANGELOG.md and changelog.yaml
are what antsibull-changelog makes of the fragments and the content (new modules and roles).

The fix for a failure here is the command changelogs/config.yaml documents (`make changelog`)."""

import difflib
import os
import shutil

import pytest
import yaml

FIX = 'run `make changelog` (antsibull-changelog release --reload-plugins --refresh) and commit the result'


def test_fragments_lint(run_tool, collection_root):
    result = run_tool('antsibull-changelog', 'lint', cwd=collection_root)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_changelog_yaml_lint(run_tool, collection_root):
    result = run_tool('antsibull-changelog', 'lint-changelog-yaml', '--strict', os.path.join(collection_root, 'changelogs', 'changelog.yaml'))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def read(path):
    with open(path) as handle:
        return handle.read()


def unified(committed, regenerated, name):
    return ''.join(difflib.unified_diff(committed.splitlines(True), regenerated.splitlines(True), name + ' (committed)', name + ' (regenerated)'))


@pytest.fixture(scope='module')
def regenerated(run_tool, collection_root, tmp_path_factory):
    """A copy of the collection after antsibull-changelog has refreshed it.

    When galaxy.yml's version is already released in changelog.yaml, `release` for that version adds
    any fragment, module or role not yet in it and refreshes the rest; otherwise (fragments waiting for
    the next release) `generate` refreshes the released entries only. Either way a tree that is up to
    date comes out unchanged."""
    copy = os.path.join(str(tmp_path_factory.mktemp('changelog')), 'flex')
    shutil.copytree(collection_root, copy, ignore=shutil.ignore_patterns('output', '.git'))
    with open(os.path.join(copy, 'galaxy.yml')) as handle:
        version = yaml.safe_load(handle)['version']
    with open(os.path.join(copy, 'changelogs', 'changelog.yaml')) as handle:
        releases = yaml.safe_load(handle).get('releases') or {}
    refresh = ['--reload-plugins', '--refresh']
    if version in releases:
        command = ['release', '--version', version, '--date', releases[version]['release_date']] + refresh
    else:
        command = ['generate'] + refresh
    result = run_tool('antsibull-changelog', *command, cwd=copy)
    assert result.returncode == 0, result.stdout + result.stderr
    return copy


@pytest.mark.parametrize('path', ['changelogs/changelog.yaml', 'CHANGELOG.md'])
def test_changelog_is_up_to_date(collection_root, regenerated, path):
    committed = read(os.path.join(collection_root, path))
    fresh = read(os.path.join(regenerated, path))
    assert committed == fresh, '%s is out of date: %s\n%s' % (path, FIX, unified(committed, fresh, path))
