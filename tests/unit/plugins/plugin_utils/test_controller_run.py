# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The site's lock and record run in the controller's process (controller_run.ControllerRun, the
action plugins' way) exactly as the modules do: the same requests, results, checks and warnings,
with no secret in the result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.modules import site_lock, site_record_info
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.controller_run import ControllerRun, Exited
from ansible_collections.twilio_ops.flex.tests.unit.canned import CONNECTION
from ansible_collections.twilio_ops.flex.tests.unit.plugins.modules.test_site_record import ARGS, EN, bucket, item, key, listing
from ansible_collections.twilio_ops.flex.tests.unit.replay import AnsibleExitJson, AnsibleFailJson, Replay


def in_process(module, args, calls, check_mode=False):
    """Run module's main() as its action plugin does; (result, replay)."""
    replay = Replay(calls)
    options = dict((key_, value) for key_, value in CONNECTION.items() if value is not None)
    options.update(args)

    def main():
        try:
            module.main(make=lambda **kwargs: ControllerRun(module.__name__.rsplit('.', 1)[-1], options, check_mode, **kwargs))
        except Exited as exc:
            raise (AnsibleFailJson if exc.result.get('failed') else AnsibleExitJson)(exc.result)

    result, _failed = replay.run(main, {})
    return result, replay


def test_the_record_is_read_as_the_module_reads_it(run):
    calls = [listing(item(key(EN), bucket([EN])))]
    as_module, _failed, _replay = run(ARGS, list(calls), module=site_record_info)
    result, replay = in_process(site_record_info, ARGS, list(calls))

    assert result == as_module
    assert result['record']['addresses'] == [EN] and len(replay.requests) == 1


def test_no_secret_reaches_the_result_even_one_pasted_into_the_account_sid():
    token = CONNECTION['auth_token']
    result, replay = in_process(site_record_info, dict(ARGS, account_sid=token), [])

    assert result['failed'] and result['msg'].startswith('account_sid ')
    assert token not in repr(result) and replay.requests == []


def test_bad_options_are_refused_before_any_request():
    result, replay = in_process(site_lock, dict(ARGS, lease_seconds='soon'), [])

    assert result['failed'] and 'lease_seconds' in result['msg']
    assert replay.requests == []


def test_check_mode_reads_the_lock_and_the_record_in_one_request_and_warns_of_a_held_lock():
    held = item('lock', dict(lock_id='f' * 32, state='held', expires_at='2099-01-01T00:00:00Z', holder=dict(user='awx')), '4')
    result, replay = in_process(site_lock, dict(ARGS, with_record=True), [listing(held, item(key(EN), bucket([EN])))], check_mode=True)

    assert not result.get('failed'), result
    assert result['record']['addresses'] == [EN] and result['lock']['free'] is False
    assert result['warnings'][0].startswith('the site is locked: lock ' + 'f' * 32)
    assert [request['method'] for request in replay.requests] == ['GET']
