# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fleet report's filters (playbook twilio_ops.flex.drift_report), documented in the
drift_report*.yml files beside this one. This file only names them: the reasoning is
controller-only code in plugins/plugin_utils/drift_report.py, unit-tested there."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.plugin_utils.drift_report import (
    drift_report,
    drift_report_html,
    drift_report_markdown,
    drift_report_site,
)


class FilterModule(object):

    def filters(self):
        return dict(
            drift_report=drift_report,
            drift_report_site=drift_report_site,
            drift_report_markdown=drift_report_markdown,
            drift_report_html=drift_report_html,
        )
