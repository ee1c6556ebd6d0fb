# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the collection has, found rather than listed, for the tests that must cover all of it:
its modules (plugins/modules/*.py), its option doc fragments (plugins/doc_fragments/*_options.py),
its resource families (the Resources subclasses defined in plugins/module_utils/_*.py), and which
family each module and each option fragment belongs to (the family a module imports; the fragment
the modules of a family extend). A new family's files are found here by where they are, so no test
has a list to update (see plugins/module_utils/README.md, "Adding a resource family")."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import inspect
import os

import yaml

COLLECTION = 'twilio_ops.flex'
PACKAGE = 'ansible_collections.twilio_ops.flex'
# The collection this file belongs to (tests/unit/discovery.py): its files are the ones found.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _names(directory, suffix='.py'):
    path = os.path.join(ROOT, *directory.split('/'))
    return sorted(name[:-len('.py')] for name in os.listdir(path)
                  if name.endswith(suffix) and name != '__init__.py') if os.path.isdir(path) else []


def module_names():
    """Every module: the files of plugins/modules."""
    return _names('plugins/modules')


def option_fragment_names():
    """Every family's option doc fragment: plugins/doc_fragments/*_options.py."""
    return _names('plugins/doc_fragments', '_options.py')


def import_module(name):
    return importlib.import_module('%s.plugins.modules.%s' % (PACKAGE, name))


def import_fragment(name):
    """A doc fragment's ModuleDocFragment; a clear failure when its file does not exist."""
    path = os.path.join(ROOT, 'plugins', 'doc_fragments', name + '.py')
    assert os.path.exists(path), 'the doc fragment %s.%s does not exist: no file %s' % (COLLECTION, name, os.path.relpath(path, ROOT))
    return importlib.import_module('%s.plugins.doc_fragments.%s' % (PACKAGE, name)).ModuleDocFragment


def _resources_base():
    return importlib.import_module(PACKAGE + '.plugins.module_utils._resource').Resources


def families():
    """Every resource family: the Resources subclasses defined in plugins/module_utils/_*.py, by name."""
    base = _resources_base()
    found = {}
    for name in _names('plugins/module_utils'):
        if not name.startswith('_'):
            continue
        module = importlib.import_module('%s.plugins.module_utils.%s' % (PACKAGE, name))
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, base) and value is not base and value.__module__ == module.__name__:
                found[value.__name__] = value
    return found


def module_families(name):
    """The families a module uses: the Resources subclasses it imports."""
    base = _resources_base()
    return sorted(set(value for value in vars(import_module(name)).values()
                      if inspect.isclass(value) and issubclass(value, base) and value is not base), key=lambda family: family.__name__)


def extended_fragments(name):
    """The doc fragments a module's DOCUMENTATION extends, as written ('twilio_ops.flex.connection')."""
    return yaml.safe_load(import_module(name).DOCUMENTATION).get('extends_documentation_fragment') or []


def option_fragment_modules():
    """{option fragment name: [the modules that extend it, with the families they use]}, for every
    option fragment a module extends and every one in plugins/doc_fragments (those no module
    extends map to [])."""
    found = dict((name, []) for name in option_fragment_names())
    for module in module_names():
        for fragment in extended_fragments(module):
            name = fragment[len(COLLECTION) + 1:].split('.')[0] if fragment.startswith(COLLECTION + '.') else None
            if name and name.endswith('_options'):
                found.setdefault(name, []).append((module, module_families(module)))
    return found
