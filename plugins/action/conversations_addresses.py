# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""conversations_addresses runs in the controller's process when it can (plugins/plugin_utils/controller_run.py says
why and when), else as a module."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.modules import conversations_addresses
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.controller_run import InProcessAction


class ActionModule(InProcessAction):
    MODULE = conversations_addresses
