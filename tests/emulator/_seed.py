# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The state of a freshly provisioned Flex account: what Twilio creates for every new Flex project.

The account's identity (every SID below) is drawn once per emulator start, or read back from the
state file, and reused by a reset, so a reset brings back the same fresh account.
"""

import json

from _values import new_sid, timestamp_now

IDENTITY_PREFIXES = {
    'chat_service_sid': 'IS',
    'flex_service_sid': 'IS',
    'flex_instance_sid': 'GO',
    'workspace_sid': 'WS',
    'workflow_sid': 'WW',
    'taskqueue_sid': 'WQ',
    'offline_activity_sid': 'WA',
    'messaging_service_sid': 'MG',
    'chat_channel_sid': 'TC',
    'voice_channel_sid': 'TC',
    'author_sid': 'US',
    'webchat_flow_sid': 'FW',
    'messaging_flow_sid': 'FW',
    'voice_flow_sid': 'FW',
    'web_flex_flow_sid': 'FO',
}


def new_identity():
    """Fresh random SIDs for every seeded object."""
    return dict((name, new_sid(prefix)) for name, prefix in IDENTITY_PREFIXES.items())


def _send_to_flex_definition(description, event, widget, identity, channel_sid):
    """A Studio definition whose trigger hands the `event` straight to Flex, like Twilio's defaults."""
    if event == 'incomingCall':
        attributes = {'type': 'inbound', 'name': '{{trigger.call.From}}'}
    else:
        attributes = {
            'name': '{{trigger.message.ChannelAttributes.from}}',
            'channelType': '{{trigger.message.ChannelAttributes.channel_type}}',
            'channelSid': '{{trigger.message.ChannelSid}}',
        }
    return {
        'description': description,
        'states': [
            {
                'name': 'Trigger',
                'type': 'trigger',
                'transitions': [
                    {'event': 'incomingMessage', 'next': widget} if event == 'incomingMessage' else {'event': 'incomingMessage'},
                    {'event': 'incomingCall', 'next': widget} if event == 'incomingCall' else {'event': 'incomingCall'},
                    {'event': 'incomingRequest'},
                ],
                'properties': {'offset': {'x': 0, 'y': 0}},
            },
            {
                'name': widget,
                'type': 'send-to-flex',
                'transitions': [{'event': 'callComplete'}, {'event': 'failedToEnqueue'}, {'event': 'callFailure'}],
                'properties': {
                    'offset': {'x': 20, 'y': 370},
                    'workflow': identity['workflow_sid'],
                    'channel': channel_sid,
                    'attributes': json.dumps(attributes),
                },
            },
        ],
        'initial_state': 'Trigger',
        'flags': {'allow_concurrent_calls': True},
    }


def _configuration(account_sid, identity, now):
    """Every field of the spec's flex.v1.configuration schema, as a new account shows them (url is added when served)."""
    return {
        'account_sid': account_sid,
        'date_created': now,
        'date_updated': now,
        'attributes': {},
        'status': 'ok',
        'taskrouter_workspace_sid': identity['workspace_sid'],
        'taskrouter_target_workflow_sid': identity['workflow_sid'],
        'taskrouter_target_taskqueue_sid': identity['taskqueue_sid'],
        'taskrouter_taskqueues': [{'sid': identity['taskqueue_sid'], 'targettable': True}],
        'taskrouter_skills': [],
        'taskrouter_worker_channels': {
            'agent': [{'name': 'default', 'availability': True, 'capacity': 1},
                      {'name': 'voice', 'availability': True, 'capacity': 1},
                      {'name': 'chat', 'availability': True, 'capacity': 2}],
            'supervisor': [],
        },
        'taskrouter_worker_attributes': {'agent': {}, 'supervisor': {}},
        'taskrouter_offline_activity_sid': identity['offline_activity_sid'],
        'runtime_domain': 'https://flex.twilio.com',
        'messaging_service_instance_sid': identity['messaging_service_sid'],
        'chat_service_instance_sid': identity['chat_service_sid'],
        'flex_service_instance_sid': identity['flex_service_sid'],
        'flex_instance_sid': identity['flex_instance_sid'],
        'ui_language': 'en',
        'ui_attributes': {},
        'ui_dependencies': {},
        'ui_version': '2.13.1',
        'service_version': '1.0',
        'call_recording_enabled': False,
        'call_recording_webhook_url': None,
        'crm_enabled': False,
        'crm_type': None,
        'crm_callback_url': None,
        'crm_fallback_url': None,
        'crm_attributes': None,
        'public_attributes': {},
        'plugin_service_enabled': True,
        'plugin_service_attributes': None,
        'integrations': [],
        'outbound_call_flows': None,
        'serverless_service_sids': [],
        'queue_stats_configuration': None,
        'notifications': {'enabled': True, 'mode': 'whenNotInFocus'},
        'markdown': {'enabled': False, 'mode': 'readOnly'},
        'flex_insights_hr': None,
        'flex_insights_drilldown': False,
        'flex_url': None,
        'channel_configs': [],
        'debugger_integration': None,
        'flex_ui_status_report': None,
        'agent_conv_end_methods': None,
        'citrix_voice_vdi': None,
        'offline_config': None,
    }


def _studio_flow(account_sid, identity, sid, name, definition, now):
    return {
        'sid': sid,
        'account_sid': account_sid,
        'author_sid': identity['author_sid'],
        'friendly_name': name,
        'definition': definition,
        'status': 'published',
        'revision': 1,
        'commit_message': None,
        'valid': True,
        'errors': [],
        'warnings': [],
        'date_created': now,
        # Twilio's recorded answers: a Studio flow's date_updated is null until its first update.
        'date_updated': None,
    }


def conversations_configuration(account_sid, identity):
    """The Conversations account configuration of a Flex account: Flex's chat service is the
    default Conversations service (Twilio's Flex setup makes it so, and its best-practice guide
    requires it), with the account's messaging service. No state timers are set on a new account."""
    return {
        'account_sid': account_sid,
        'default_chat_service_sid': identity['chat_service_sid'],
        'default_messaging_service_sid': identity['messaging_service_sid'],
        'default_inactive_timer': None,
        'default_closed_timer': None,
    }


def fresh_account(account_sid, identity):
    """The Flex and Conversations configurations, Studio flows, Flex Flows and (no) address
    configurations, Sync services or documents of a new account, as stored records."""
    now = timestamp_now()
    webchat = _send_to_flex_definition('Webchat Flow', 'incomingMessage', 'SendMessageToAgent', identity, identity['chat_channel_sid'])
    messaging = _send_to_flex_definition('Messaging Flow', 'incomingMessage', 'SendMessageToAgent', identity, identity['chat_channel_sid'])
    voice = _send_to_flex_definition('Voice IVR', 'incomingCall', 'SendCallToAgent', identity, identity['voice_channel_sid'])
    return {
        'configuration': _configuration(account_sid, identity, now),
        'conversations_configuration': conversations_configuration(account_sid, identity),
        'studio_flows': [
            _studio_flow(account_sid, identity, identity['webchat_flow_sid'], 'Webchat Flow', webchat, now),
            _studio_flow(account_sid, identity, identity['messaging_flow_sid'], 'Messaging Flow', messaging, now),
            _studio_flow(account_sid, identity, identity['voice_flow_sid'], 'Voice IVR', voice, now),
        ],
        'flex_flows': [{
            'sid': identity['web_flex_flow_sid'],
            'account_sid': account_sid,
            'friendly_name': 'Flex Web Channel',
            'chat_service_sid': identity['chat_service_sid'],
            'channel_type': 'web',
            'contact_identity': None,
            'enabled': True,
            'integration_type': 'studio',
            'integration': {'flow_sid': identity['webchat_flow_sid'], 'retry_count': 3},
            'long_lived': False,
            'janitor_enabled': False,
            'date_created': now,
            'date_updated': now,
        }],
        'address_configurations': [],
        # Sync: the default service is provisioned on first use, not with the account.
        'sync_services': [],
        'sync_documents': [],
        'sync_maps': [],
        'sync_map_items': [],
    }
