# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""The Flex Configuration singleton (GET /v1/Configuration), where an account's chat service is
discovered: its chat_service_instance_sid is the ChatServiceSid a new Flex Flow needs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

CONFIGURATION_PATH = '/v1/Configuration'


def read_flex_configuration(client):
    return client.request('GET', client.url('flex', CONFIGURATION_PATH))


def discover_chat_service_sid(client):
    """The account's Flex chat service SID, or None when Flex is not set up on the account."""
    return read_flex_configuration(client).get('chat_service_instance_sid')
