#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: site_lock
short_description: Take, renew or release a site's run lock, kept in the site's own Twilio account (Sync)
version_added: 3.0.0
description:
  - A lease on a site, so that two runs (two operators, a cron job and a person, two Automation Platform jobs) never
    converge one site at once. It lives in the site's own Twilio account, as the item C(lock) of the Twilio Sync Map
    C(twilio_ops.flex.site.<name>) (which also keeps the site's record, see M(twilio_ops.flex.site_record)), so every
    controller sees it, a laptop as well as a throwaway execution environment.
  - With O(state=held) and no O(lock), takes the lease. A lease that another run holds is waited for, with backoff
    (1 s doubling to 16 s), up to O(lock_timeout) seconds; then the module fails naming the holder (user and host, playbook,
    since when, until when) and the lock's id. A lease that was released, or whose time ran out, is taken over.
  - With O(state=held) and O(lock) (what an earlier task returned), renews that lease for O(lease_seconds) more, for a
    long run. With O(state=released), releases it.
  - O(force_unlock) frees the lease with that id, as Terraform's C(force-unlock) does, for a controller that died
    holding it. It refuses when another lease holds the lock.
  - The lease's expiry is kept in its own data and judged by Twilio's clock (the C(Date) of Twilio's answers), not by
    Sync's TTL, which removes items only approximately; the TTL only cleans up leases nobody released.
  - Every write is conditional on the revision read (C(If-Match)). A release writes the state C(released) rather than
    deleting the item, so that the last holder stays on show.
  - Taking, renewing and releasing a lease are bookkeeping, not changes to the site; they report
    RV(ignore:changed=false), so that a converged run stays at C(changed=0). A forced unlock reports a change.
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
    details: In check mode no lease is taken and nothing is written; the lock is read, and a lease another run holds
      is reported as a warning.
  diff_mode:
    support: none
  idempotent:
    support: partial
    details: Taking a lease that is free, and releasing one's own, are always done; they report no change.
options:
  state:
    description:
      - V(held) takes the lease (or renews O(lock)); V(released) releases O(lock).
    type: str
    choices: [held, released]
    default: held
  lock:
    description:
      - The lease an earlier task took, as this module returned it in RV(lock) (its C(lock_id) and C(revision) are
        used). Needed with O(state=released); with O(state=held), the lease to renew.
    type: dict
  lease_seconds:
    description:
      - How long the lease lasts from now (taking or renewing it), in seconds. A run that takes longer must renew it.
    type: int
    default: 900
  lock_timeout:
    description:
      - How long to wait, in seconds, for a lease another run holds. V(0) fails at once.
    type: float
    default: 600
  force_unlock:
    description:
      - The id of a lease to free whoever holds it (a controller that died holding it), as the failure message and
        RV(lock) name it. Nothing else is done in that run.
    type: str
  with_record:
    description:
      - Also read the site's record (see M(twilio_ops.flex.site_record_info)) once the lease is held, and return it in
        RV(record); in check mode, the lease and the record come from one read. A record that cannot be believed (another
        account's) fails the run and releases the lease it took.
    type: bool
    default: false
  playbook:
    description:
      - What the holder runs, shown to a run that finds the lease held (the role passes its play's name).
    type: str
seealso:
  - module: twilio_ops.flex.flex_flows
  - module: twilio_ops.flex.conversations_addresses
  - module: twilio_ops.flex.site_record
  - name: Twilio Sync Map Item resource
    description: Twilio's reference for the map items the lease is kept in.
    link: https://www.twilio.com/docs/sync/api/map-item-resource
'''

EXAMPLES = r'''
- name: Take the site's lease (wait up to 10 minutes for another run)
  twilio_ops.flex.site_lock:
    name: "{{ inventory_hostname }}"
    playbook: "{{ ansible_play_name }}"
  delegate_to: localhost
  register: site_lock

- name: Converge the site, and release the lease whatever happens
  block:
    - name: Converge the site's addresses
      twilio_ops.flex.flex_flows:
        entries:
          - friendly_name: WebChat en
            studio_flow: Webchat Flow
      delegate_to: localhost
  always:
    - name: Release the site's lease
      twilio_ops.flex.site_lock:
        name: "{{ inventory_hostname }}"
        state: released
        lock: "{{ site_lock.lock }}"
      delegate_to: localhost

- name: Free the lease of a controller that died holding it
  twilio_ops.flex.site_lock:
    name: acme_eu
    force_unlock: 3f0c9a6e2b7d4c1e8a5f6b7c8d9e0f1a
  delegate_to: localhost
'''

RETURN = r'''
lock:
  description:
    - The lease as it is after the run (in check mode, as it was read; empty when there is none).
    - Pass it to a later task's O(lock) to renew or release it.
  returned: always
  type: dict
  sample:
    lock_id: 3f0c9a6e2b7d4c1e8a5f6b7c8d9e0f1a
    state: held
    holder: {"user": "awx", "host": "automation-job-42", "playbook": "Provision WebChat addresses"}
    since: '2026-12-06T20:00:00Z'
    expires_at: '2026-12-06T20:15:00Z'
    lease_seconds: 900
    revision: '3'
    map_sid: MP0123456789abcdef0123456789abcdef
    service_sid: IS0123456789abcdef0123456789abcdef
    account_sid: AC0123456789abcdef0123456789abcdef
waited:
  description: Seconds spent waiting for another run's lease.
  returned: when a lease was taken
  type: float
  sample: 0.0
taken_over:
  description: The expired lease this run took over (a run that died without releasing it), or null.
  returned: when a lease was taken
  type: dict
  sample: null
record:
  description: The site's record, as M(twilio_ops.flex.site_record_info) returns it.
  returned: with O(with_record), when the lease was taken (or, in check mode, read)
  type: dict
  sample: {exists: true, account_sid: AC0123456789abcdef0123456789abcdef, addresses: [], intents: []}
retries:
  description: Requests that were retried, oldest first; empty when every request succeeded at once.
  returned: always
  type: list
  elements: dict
  sample: []
'''

import getpass
import socket

from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._lock import Lease, LockError, describe
from ansible_collections.twilio_ops.flex.plugins.module_utils._record import RecordError, read_site
from ansible_collections.twilio_ops.flex.plugins.module_utils._module import INVALID, TwilioModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._sync import site_argument_spec, site_map, site_problems


def holder(module):
    try:
        user = getpass.getuser()
    except Exception:  # pylint: disable=broad-except
        user = None
    return dict(user=user, host=socket.gethostname(), playbook=module.params['playbook'])


def problems(params):
    found = site_problems(params)
    if not 60 <= params['lease_seconds'] <= 86400:
        found.append('lease_seconds must be between 60 and 86400, got %s' % params['lease_seconds'])
    if params['lock_timeout'] < 0:
        found.append('lock_timeout must be 0 or more seconds, got %s' % params['lock_timeout'])
    lock = params['lock'] or {}
    if (params['state'] == 'released' or params['lock']) and not (lock.get('lock_id') and lock.get('revision')):
        found.append('lock must be the lease an earlier task returned (with its lock_id and revision)')
    if params['force_unlock'] is not None and (params['lock'] or params['state'] == 'released'):
        found.append('force_unlock goes alone: it frees a lease by its id, without lock or state=released')
    return found


def run(module, lease):
    params = module.params
    if module.check_mode:
        # With the record, one read of the site's map gives both.
        found = read_site(lease.map, params['name']) if params['with_record'] else dict(lock=lease.inspect() or {})
        current = found['lock']
        if current and not current['free']:
            module.warn_once('the site is locked: %s (check mode takes no lock)' % describe(current))
        return dict(found, changed=False)
    if params['force_unlock'] is not None:
        released = lease.force_unlock(params['force_unlock'])
        if released is None:
            module.warn_once('force_unlock %s: the site is not locked; nothing to free' % params['force_unlock'])
        return dict(changed=released is not None, lock=released or {})
    if params['state'] == 'released':
        released, warning = lease.release(params['lock'])
        if warning:
            module.warn_once(warning)
        return dict(changed=False, lock=released or {})
    if params['lock']:
        return dict(changed=False, lock=lease.renew(params['lock']))
    lock = lease.acquire(params['lock_timeout'])
    taken_over = lock.pop('taken_over')
    if taken_over:
        module.warn_once('took over an expired lease: %s' % describe(taken_over))
    result = dict(changed=False, waited=lock.pop('waited'), taken_over=taken_over, lock=lock)
    if params['with_record']:
        try:
            result['record'] = read_site(lease.map, params['name'])['record']
        except (RecordError, TwilioApiError):
            # A record that cannot be read leaves the site as it was, unlocked.
            lease.release(lock)
            raise
    return result


def main(make=TwilioModule):
    """make: what runs the module (TwilioModule, or the action plugin's run in the controller's process)."""
    spec = site_argument_spec()
    spec.update(
        state=dict(type='str', choices=['held', 'released'], default='held'),
        lock=dict(type='dict'),
        lease_seconds=dict(type='int', default=900),
        lock_timeout=dict(type='float', default=600.0),
        force_unlock=dict(type='str'),
        playbook=dict(type='str'),
        with_record=dict(type='bool', default=False),
    )
    module = make(argument_spec=spec)
    found = problems(module.params)
    if found:
        module.fail(INVALID + '; '.join(found))
    lease = Lease(site_map(module), holder(module), module.params['lease_seconds'])
    module.run_flow(lambda: run(module, lease), refusals=(LockError, RecordError))


if __name__ == '__main__':
    main()
