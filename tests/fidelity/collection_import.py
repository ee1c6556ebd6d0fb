# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection's own Python code (ansible_collections.twilio_ops.flex...) importable from the
fidelity suite, which runs from the checkout root (make fidelity), not from a staged collection.

Collection code imports itself as ansible_collections.twilio_ops.flex; a checkout is not laid out
that way, so a temporary folder gets an ansible_collections/twilio_ops/flex link to the checkout
and goes first on sys.path. A checkout that already sits at .../ansible_collections/twilio_ops/flex
(a staged copy) is used where it is. Either way, the code imported is this checkout's."""

import atexit
import importlib
import os
import shutil
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGE = 'ansible_collections.twilio_ops.flex'


def _collections_root():
    parts = REPO.split(os.sep)
    if parts[-3:] == ['ansible_collections', 'twilio_ops', 'flex']:
        return os.sep.join(parts[:-3])
    root = tempfile.mkdtemp(prefix='twilio-ops-flex-fidelity-')
    atexit.register(shutil.rmtree, root, True)
    os.makedirs(os.path.join(root, 'ansible_collections', 'twilio_ops'))
    os.symlink(REPO, os.path.join(root, 'ansible_collections', 'twilio_ops', 'flex'))
    return root


def collection_module(name):
    """Import `name` (e.g. 'plugins.module_utils._flex_flow') from this checkout."""
    if PACKAGE not in sys.modules:
        sys.path.insert(0, _collections_root())
    module = importlib.import_module('{0}.{1}'.format(PACKAGE, name))
    where = os.path.realpath(module.__file__)
    if not where.startswith(os.path.realpath(REPO) + os.sep):
        raise ImportError('{0} was imported from {1}, not from this checkout ({2})'.format(module.__name__, where, REPO))
    return module
