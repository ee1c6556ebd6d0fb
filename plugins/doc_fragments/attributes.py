# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Attributes the collection's modules share, so each module states only its own support."""

    DOCUMENTATION = r'''
attributes:
  check_mode:
    description: Can run in check mode and return a prediction of the change without modifying Twilio.
  diff_mode:
    description: Returns details on what changed (or would change in check mode) when run with C(--diff).
  idempotent:
    description:
      - Running the module again with the same options and no outside change reports RV(ignore:changed=false)
        and sends no write.
'''

    # Every module is in the flex action group, so module_defaults can carry the connection options.
    ACTIONGROUP_FLEX = r'''
attributes:
  action_group:
    description: Use C(group/twilio_ops.flex.flex) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - twilio_ops.flex.flex
'''

    # The modules whose action plugin may run them in the controller's process
    # (plugins/plugin_utils/controller_run.py says why and when).
    IN_CONTROLLER = r'''
attributes:
  action:
    description: Has an action plugin, which runs the module on the controller.
    support: full
    details:
      - Runs in the controller's own process, which saves the half second a module process costs, when the task runs on
        the controller (delegated to C(localhost), or a local connection), the controller's Python has C(requests), no
        C(environment) is set for the task (by it, its block, role or play) and it is not C(async); otherwise it runs
        as a module, with the same options and results.
'''

    INFO_MODULE = r'''
attributes:
  check_mode:
    support: full
    details: This action does not modify state.
  diff_mode:
    support: N/A
    details: This action does not modify state.
  idempotent:
    support: full
'''
