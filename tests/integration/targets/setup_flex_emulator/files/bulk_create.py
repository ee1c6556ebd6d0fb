# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fill the emulated account straight through the API (a module run per item would make a test
slow), from a target's directory:

    python ../setup_flex_emulator/files/bulk_create.py flex_flows COUNT PREFIX
        COUNT web Flex Flows named "PREFIX NNNN"
    python ../setup_flex_emulator/files/bulk_create.py sms_addresses COUNT PREFIX
        COUNT Conversations SMS addresses "PREFIX" followed by 4 digits (PREFIX: +1500666, say)"""

import os
import sys

import requests


def main(kind, count, prefix):
    base = os.environ['FLEX_EMULATOR_URL']
    session = requests.Session()
    session.auth = (os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])
    if kind == 'flex_flows':
        config = session.get(base + '/flex-api/v1/Configuration', timeout=10).json()
        flows = session.get(base + '/studio/v2/Flows', timeout=10).json()['flows']
        url = base + '/flex-api/v1/FlexFlows'
        forms = ({'FriendlyName': '%s %04d' % (prefix, number), 'ChatServiceSid': config['chat_service_instance_sid'],
                  'ChannelType': 'web', 'IntegrationType': 'studio', 'Integration.FlowSid': flows[0]['sid']}
                 for number in range(int(count)))
    elif kind == 'sms_addresses':
        url = base + '/conversations/v1/Configuration/Addresses'
        forms = ({'Type': 'sms', 'Address': '%s%04d' % (prefix, number)} for number in range(int(count)))
    else:
        sys.exit('bulk_create.py: unknown kind %r (flex_flows or sms_addresses)' % kind)
    for form in forms:
        session.post(url, timeout=10, data=form).raise_for_status()


if __name__ == '__main__':
    main(*sys.argv[1:4])
