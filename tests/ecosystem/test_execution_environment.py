# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ansible-builder, building an execution environment, must find the modules' one Python dependency."""

import re

import yaml


def test_introspect_lists_requests(run_tool, collections_path):
    # What ansible-builder would install for this collection, read from meta/execution-environment.yml.
    result = run_tool('ansible-builder', 'introspect', '--sanitize', collections_path)
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(result.stdout)
    python = (data or {}).get('python') or []
    ours = [entry for entry in python if entry.endswith('# from collection twilio_ops.flex')]
    names = [re.split(r'[\s<>=!~;\[#]', entry, 1)[0].lower() for entry in ours]
    assert 'requests' in names, 'ansible-builder found no requests requirement of twilio_ops.flex:\n' + result.stdout
