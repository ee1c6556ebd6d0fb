#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: site_record_info
short_description: Read a site's record and run lock, kept in the site's own Twilio account (Sync)
version_added: 3.0.0
description:
  - Reads, in one request, the Twilio Sync Map C(twilio_ops.flex.site.<name>) of a site's own account, where the
    collection keeps the site's record of the addresses it manages (see M(twilio_ops.flex.site_record)) and its run lock
    (see M(twilio_ops.flex.site_lock)).
  - The record's every item must say it belongs to the account Twilio keeps it in; a record copied from another account
    is refused.
  - A site with no map yet has an empty record (RV(record.exists=false)); the account is then read from the Sync service
    (one more request).
author:
  - twilio_ops.flex maintainers (@twilio-ops)
extends_documentation_fragment:
  - twilio_ops.flex.connection
  - twilio_ops.flex.attributes
  - twilio_ops.flex.attributes.ACTIONGROUP_FLEX
  - twilio_ops.flex.attributes.IN_CONTROLLER
  - twilio_ops.flex.attributes.INFO_MODULE
  - twilio_ops.flex.site
seealso:
  - module: twilio_ops.flex.site_record
  - module: twilio_ops.flex.site_lock
'''

EXAMPLES = r'''
- name: Read the site's record and who holds its lock
  twilio_ops.flex.site_record_info:
    name: "{{ inventory_hostname }}"
  delegate_to: localhost
  register: site

- name: Show the addresses the role made for the site
  ansible.builtin.debug:
    msg: "{{ site.record.addresses | selectattr('made') | map(attribute='sid') }}"
'''

RETURN = r'''
record:
  description: The site's record.
  returned: success
  type: dict
  contains:
    exists:
      description: Whether the account holds a record for the site.
      type: bool
    account_sid:
      description: The account the record belongs to (the account Twilio answered from).
      type: str
    addresses:
      description:
        - The addresses the record knows, sorted by API and language, each with C(api), C(language), C(sid), C(made)
          (whether the role created it) and the fields the role keeps (C(friendly_name), a Conversations address's
          C(address)).
      type: list
      elements: dict
    intents:
      description:
        - Creates a run announced and did not confirm (it died, or is still running), each with C(api), C(language) and
          C(since) (Twilio's time when it was noted).
      type: list
      elements: dict
  sample:
    exists: true
    account_sid: AC0123456789abcdef0123456789abcdef
    addresses:
      - {api: flex_flows, language: en, sid: FO0123456789abcdef0123456789abcdef, made: true, friendly_name: WebChat en}
    intents: []
lock:
  description: The site's lease as it is (empty when none was ever taken), with C(free).
  returned: success
  type: dict
  sample: {lock_id: 3f0c9a6e2b7d4c1e8a5f6b7c8d9e0f1a, state: released, free: true}
retries:
  description: Requests that were retried, oldest first; empty when every request succeeded at once.
  returned: always
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.twilio_ops.flex.plugins.module_utils._module import INVALID, TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._record import RecordError, read_site
from ansible_collections.twilio_ops.flex.plugins.module_utils._sync import site_argument_spec, site_map, site_problems


def main(make=TwilioModule):
    """make: what runs the module (TwilioModule, or the action plugin's run in the controller's process)."""
    module = make(argument_spec=site_argument_spec())
    if site_problems(module.params):
        module.fail(INVALID + '; '.join(site_problems(module.params)))
    found = site_map(module)
    module.run_flow(lambda: dict(read_site(found, module.params['name']), changed=False), refusals=(RecordError,))


if __name__ == '__main__':
    main()
