#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: site_record
short_description: Update a site's record of the addresses it manages, kept in the site's own Twilio account (Sync)
version_added: 3.0.0
description:
  - The record says which addresses a site's automation manages, by API and language, and which of them it made (only
    those may be purged). It lives in the site's own account, in the Twilio Sync Map C(twilio_ops.flex.site.<name>), so
    every controller sees the same record, and a run that dies leaves it behind. The role P(twilio_ops.flex.webchat_addresses#role)
    keeps it with this module; a playbook of one's own can too.
  - A write is a merge, address by address - O(addresses) set, O(remove) removed, every other address kept - and is
    conditional on the revision of what was read (C(If-Match)); a write that meets another run's reads again and merges
    again, so that two writers never lose each other's entries. Hold the site's lock (M(twilio_ops.flex.site_lock))
    around a read and the write that depends on it.
  - O(intents) notes, before creating addresses, which languages a run is about to create, with Twilio's time. If the run
    dies before it records what it made (Ctrl-C, C(kill -9), a failed write), the next run of the role takes an address of
    such a language created after the intent as made by the role. Recording an address, or O(intents_done), ends its intent.
  - The record is split over up to 32 Sync Map items per API by a hash of the language, so that a record of thousands of
    addresses stays within Sync's 16 KiB an item and is still read in one request; only the items that change are written.
  - Every item carries the account it belongs to; a record whose items Twilio keeps in another account (a copy) is
    refused before anything is written.
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.IN_CONTROLLER
  - twilio_ops.flex.site
attributes:
  check_mode:
    support: full
    details: In check mode the record is read and nothing is written; RV(written) names the items a run would write.
  diff_mode:
    support: none
  idempotent:
    support: full
options:
  addresses:
    description:
      - Addresses to record (set, replacing what the record says of the same API and language).
      - Each has C(api) (the role's V(flex_flows) or V(conversations), or a name of one's own), C(language), C(sid) and
        C(made) (whether the automation created it), and may have other string fields it wants kept (the role keeps
        C(friendly_name), and a Conversations address's C(address)).
    type: list
    elements: dict
    default: []
  remove:
    description:
      - Addresses to drop from the record, each as C(api) and C(language).
    type: list
    elements: dict
    default: []
  intents:
    description:
      - Languages about to get a new address, each as C(api) and C(language), noted with Twilio's time.
    type: list
    elements: dict
    default: []
  intents_done:
    description:
      - Intents to end without recording an address (the create did not happen), each as C(api) and C(language).
    type: list
    elements: dict
    default: []
seealso:
  - module: twilio_ops.flex.site_record_info
  - module: twilio_ops.flex.site_lock
  - name: Twilio Sync Map Item resource
    description: Twilio's reference for the map items the record is kept in.
    link: https://www.twilio.com/docs/sync/api/map-item-resource
'''

EXAMPLES = r'''
- name: Note that the German address is about to be made
  twilio_ops.flex.site_record:
    name: "{{ inventory_hostname }}"
    intents:
      - {api: flex_flows, language: de}
  delegate_to: localhost

- name: Create it
  twilio_ops.flex.flex_flow:
    friendly_name: WebChat de
    studio_flow: Webchat Flow
  delegate_to: localhost
  register: german

- name: Record it as made (which ends the intent)
  twilio_ops.flex.site_record:
    name: "{{ inventory_hostname }}"
    addresses:
      - api: flex_flows
        language: de
        sid: "{{ german.flex_flow.sid }}"
        made: "{{ german.operation == 'create' }}"
        friendly_name: WebChat de
  delegate_to: localhost
'''

RETURN = r'''
record:
  description: The site's record after the run (in check mode, as read), as M(twilio_ops.flex.site_record_info) returns it.
  returned: success
  type: dict
  sample:
    exists: true
    account_sid: AC0123456789abcdef0123456789abcdef
    addresses:
      - {api: flex_flows, language: de, sid: FO0123456789abcdef0123456789abcdef, made: true, friendly_name: WebChat de}
    intents: []
written:
  description: The keys of the map items written (or, in check mode, that would be).
  returned: success
  type: list
  elements: str
  sample: [record.flex_flows.07]
retries:
  description: Requests that were retried, oldest first; empty when every request succeeded at once.
  returned: always
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import INVALID, TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._record import Change, RecordError, change_problems, read_items, write
from ansible_collections.twilio_ops.flex.plugins.module_utils._sync import iso, site_argument_spec, site_map, site_problems, twilio_time


def run(module, found):
    params = module.params
    items = found.items()
    read_items(items, params['name'])
    # Twilio's time, from the Date of the read just answered: an intent's time is Twilio's own.
    change = Change(params['addresses'], params['remove'], params['intents'], params['intents_done'], now=iso(twilio_time(module.client)))
    written, after = write(found, params['name'], change, items, check_mode=module.check_mode)
    return dict(changed=bool(written), written=written, record=read_items(after, params['name']))


def main(make=TwilioModule):
    """make: what runs the module (TwilioModule, or the action plugin's run in the controller's process)."""
    spec = site_argument_spec()
    spec.update((option, dict(type='list', elements='dict', default=[])) for option in ('addresses', 'remove', 'intents', 'intents_done'))
    module = make(argument_spec=spec)
    found = site_problems(module.params) + change_problems(module.params)
    if found:
        module.fail(INVALID + '; '.join(found))
    module.run_flow(lambda: run(module, site_map(module)), refusals=(RecordError, ValueError))


if __name__ == '__main__':
    main()
