# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fill the emulated account with COUNT web flows named "PREFIX NNNN", straight through the API
(a module per flow would make this test slow): python bulk_create.py COUNT PREFIX"""

import os
import sys

import requests


def main(count, prefix):
    base = os.environ['FLEX_EMULATOR_URL']
    session = requests.Session()
    session.auth = (os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])
    config = session.get(base + '/flex-api/v1/Configuration', timeout=10).json()
    flows = session.get(base + '/studio/v2/Flows', timeout=10).json()['flows']
    for number in range(int(count)):
        response = session.post(base + '/flex-api/v1/FlexFlows', timeout=10, data={
            'FriendlyName': '%s %04d' % (prefix, number), 'ChatServiceSid': config['chat_service_instance_sid'],
            'ChannelType': 'web', 'IntegrationType': 'studio', 'Integration.FlowSid': flows[0]['sid']})
        response.raise_for_status()


if __name__ == '__main__':
    main(*sys.argv[1:3])
