# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every module is in the action group twilio_ops.flex.flex (so module_defaults reach it) and says so in
its documentation, and the group names nothing else."""

import os

import pytest
import yaml

GROUP = 'flex'
MEMBERSHIP = ['twilio_ops.flex.flex']


@pytest.fixture(scope='module')
def group(collection_root):
    with open(os.path.join(collection_root, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    groups = runtime.get('action_groups') or {}
    assert GROUP in groups, 'meta/runtime.yml has no action group %r' % GROUP
    return groups[GROUP]


def test_group_lists_every_module(group, module_names):
    missing = sorted(set(module_names) - set(entry for entry in group if isinstance(entry, str)))
    assert not missing, 'modules missing from action_groups.%s in meta/runtime.yml: %s' % (GROUP, ', '.join(missing))


def test_group_lists_only_modules(group, module_names):
    # A typo or a removed module in the group would make module_defaults silently miss a module.
    extra = [entry for entry in group if entry not in module_names]
    assert not extra, 'action_groups.%s lists what is not a module of plugins/modules: %r' % (GROUP, extra)
    assert len(group) == len(set(group)), 'action_groups.%s lists a module twice: %r' % (GROUP, group)


def test_docs_state_membership(module_docs, module_names):
    wrong = {}
    for name in module_names:
        attribute = (module_docs[name]['doc'].get('attributes') or {}).get('action_group') or {}
        if attribute.get('membership') != MEMBERSHIP or attribute.get('support') != 'full':
            wrong[name] = attribute
    assert not wrong, ('these modules do not document attributes.action_group with membership %r and support full '
                       '(extend the doc fragment twilio_ops.flex.attributes.ACTIONGROUP_FLEX): %r' % (MEMBERSHIP, wrong))
