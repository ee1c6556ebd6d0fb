# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""examples/webchat_sites/provision.yml as controller jobs (ansible-runner), against emulated accounts.

Scenarios (issue 20): a check job, a run job, a second run job with no change (the per-site results
and the set_stats summary read from the jobs' artifacts); two jobs at once on an overlapping site;
the inventory sliced into three jobs at once over sites that share accounts, under Twilio's rate
limits; a purge job from a fresh directory that removes only what the role made.
"""

import collections
import re
import time

from conftest import count

LANGUAGES = [dict(language='en'), dict(language='es')]
FLEX_FLOWS = 'twilio_ops.flex.flex_flows'
WAITED = re.compile(r"^webchat_addresses: waited (\d+(\.\d+)?) s for another run's lock on the site$")


def site(prefix, account=None):
    """A site's host variables: its prefix, two languages, and its connection when given."""
    variables = dict(webchat_addresses_name_prefix=prefix, webchat_addresses_languages=LANGUAGES)
    if account is not None:
        variables.update(account.host_vars())
    return variables


def names(account, prefix):
    return [flow['friendly_name'] for flow in account.flows() if flow['friendly_name'].startswith(prefix + ' ')]


def assert_ok(job):
    assert job.status == 'successful' and job.rc == 0, job.describe()
    assert not job.failures(), job.describe()


def summary(job):
    return job.stats()['artifact_data']['webchat_sites']


# What a module's retries entry says of a request it met a 429 or 5xx with (plugins/module_utils/_api.py).
RETRIED = ('retrying', 'the create had been applied; found it by lookup')


def assert_every_429_retried(jobs, logs):
    """No 429 was the last word: in each emulator's log, every 429 is followed by a success of the
    same request, and the modules' retries lists name as many 429s, each retried."""
    throttled = 0
    for log in logs:
        for index, entry in enumerate(log):
            if entry['status'] != 429:
                continue
            throttled += 1
            assert [later for later in log[index + 1:] if (later['method'], later['path']) == (entry['method'], entry['path'])
                    and later['status'] is not None and 200 <= later['status'] < 300], 'a 429 never retried: %r' % (entry,)
    entries = [entry for job in jobs for res in job.module_results() for entry in res.get('retries', [])]
    assert [entry for entry in entries if entry['outcome'] not in RETRIED] == []
    assert len([entry for entry in entries if entry['reason'] == 429]) == throttled
    return throttled


def test_check_run_and_idempotent_run(accounts, new_job, measured):
    """a and e: check, run, run again; per-site results and the set_stats summary from the artifacts."""
    account = accounts[0]
    sites = dict(acme_a1=site('A1'), acme_a2=site('A2'))
    # A hand-made address named like the role's, for a language the role does not manage here: the
    # purge test checks that it survives.
    account.create_flow('A1 fr')

    since = len(account.requests())
    check = new_job('a-check', sites, envvars=account.env()).run(check=True)
    log = account.requests()
    measured.add('a', 'check', check.seconds, count(log, since))
    assert_ok(check)
    assert not [entry for entry in log[since:] if entry['method'] in ('POST', 'DELETE') and '/flex-api/' in entry['path']]
    assert sorted(names(account, 'A1')) == ['A1 fr'] and names(account, 'A2') == []
    results = check.results(FLEX_FLOWS)
    assert sorted(results) == sorted(sites)
    for name in sites:
        assert results[name]['changed'] is True
    assert summary(check) == dict((name, dict(changed=True, addresses=2, api='flex_flows')) for name in sites)

    since = len(account.requests())
    run = new_job('a-run', sites, envvars=account.env()).run()
    log = account.requests()
    measured.add('a', 'run', run.seconds, count(log, since))
    assert_ok(run)
    assert_every_429_retried([run], [log[since:]])
    results = run.results(FLEX_FLOWS)
    assert sorted(results) == sorted(sites)
    for name in sites:
        assert results[name]['changed'] is True
    assert sorted(names(account, 'A1')) == ['A1 en', 'A1 es', 'A1 fr']
    assert sorted(names(account, 'A2')) == ['A2 en', 'A2 es']
    assert summary(run) == dict((name, dict(changed=True, addresses=2, api='flex_flows')) for name in sites)
    stats = run.stats()
    assert set(stats['changed']) == set(sites)

    since = len(account.requests())
    again = new_job('a-run-again', sites, envvars=account.env()).run()
    log = account.requests()
    measured.add('a', 'run again', again.seconds, count(log, since))
    assert_ok(again)
    results = again.results(FLEX_FLOWS)
    assert sorted(results) == sorted(sites)
    for name in sites:
        assert results[name]['changed'] is False, results[name]
    # changed=0 for every site in the job's stats, and nothing written to Flex.
    assert again.stats()['changed'] == {}
    assert not [entry for entry in log[since:] if entry['method'] in ('POST', 'DELETE') and '/flex-api/' in entry['path']]
    assert summary(again) == dict((name, dict(changed=False, addresses=2, api='flex_flows')) for name in sites)
    assert sorted(names(account, 'A2')) == ['A2 en', 'A2 es']


def test_two_jobs_at_once_on_an_overlapping_site(accounts, new_job, measured):
    """b: two jobs share site acme_b2; the second waits for the first's lock; no address is made twice."""
    account = accounts[0]
    first = new_job('b-first', dict(acme_b1=site('B1'), acme_b2=site('B2')), envvars=account.env())
    second = new_job('b-second', dict(acme_b2=site('B2'), acme_b3=site('B3')), envvars=account.env())
    # The first job holds acme_b2's lock for at least 4 s: its read of the site's record is slowed
    # down (a 2xx fault only delays the real answer), so the second job finds the lock taken.
    account.hook('faults', dict(method='GET', path=r'twilio_ops\.flex\.site\.acme_b2/Items$', status=200, count=1, delay=4))
    since = len(account.requests())
    started = time.monotonic()
    first.start()
    # The second job starts once the first holds the lock (its record read has arrived).
    deadline = time.monotonic() + 60
    while not [entry for entry in account.requests()[since:]
               if entry['method'] == 'GET' and re.search(r'site\.acme_b2/Items$', entry['path'])]:
        assert time.monotonic() < deadline, 'the first job never read acme_b2 record'
        time.sleep(0.2)
    second.start()
    first.wait()
    second.wait()
    wall = time.monotonic() - started
    log = account.requests()
    measured.add('b', 'first', first.seconds, None)
    measured.add('b', 'second', second.seconds, None)
    measured.add('b', 'both', wall, count(log, since), 'at once, one account')
    assert_ok(first)
    assert_ok(second)
    assert_every_429_retried([first, second], [log[since:]])
    waited = [message for message in second.messages().get('acme_b2', []) if WAITED.match(str(message))]
    assert len(waited) == 1, second.messages()
    assert float(WAITED.match(waited[0]).group(1)) > 0
    assert not [message for message in first.messages().get('acme_b2', []) if WAITED.match(str(message))]
    # One made acme_b2's addresses, the other found them made.
    changed = [job.results(FLEX_FLOWS)['acme_b2']['changed'] for job in (first, second)]
    assert changed == [True, False]
    for prefix in ('B1', 'B2', 'B3'):
        assert sorted(names(account, prefix)) == [prefix + ' en', prefix + ' es']
    # The lock item was read more than once by the job that waited (its polls).
    lock_reads = [entry for entry in log[since:] if entry['method'] == 'GET'
                  and re.search(r'site\.acme_b2/Items/lock$', entry['path'])]
    assert len(lock_reads) >= 3, lock_reads


def test_three_slices_at_once_over_shared_accounts(accounts, new_job, measured):
    """c: six sites over three accounts, sliced as AWX slices (host i in slice i mod 3), three jobs at once."""
    layout = [('acme_c1', 0), ('acme_c2', 0), ('acme_c3', 0), ('acme_c4', 1), ('acme_c5', 1), ('acme_c6', 2)]
    slices = [layout[index::3] for index in range(3)]
    jobs = []
    for number, members in enumerate(slices):
        sites = dict((name, site(name.split('_')[1].upper(), accounts[index])) for name, index in members)
        jobs.append(new_job('c-slice%d' % (number + 1), sites))
    since = [len(account.requests()) for account in accounts]
    started = time.monotonic()
    for job in jobs:
        job.start()
    for job in jobs:
        job.wait()
    wall = time.monotonic() - started
    logs = [account.requests() for account in accounts]
    for job in jobs:
        measured.add('c', job.ident, job.seconds, None)
    measured.add('c', 'all slices', wall, dict(
        (str(account.index), count(logs[account.index], since[account.index])) for account in accounts), 'three jobs at once')
    for job in jobs:
        assert_ok(job)
    results = {}
    for job in jobs:
        results.update(job.results(FLEX_FLOWS))
    assert sorted(results) == sorted(name for name, _index in layout)
    # Every 429 was retried (the three jobs made 12 addresses in accounts limited to 2 creates a second).
    throttled = assert_every_429_retried(jobs, [log[start:] for log, start in zip(logs, since)])
    measured.rows[-1]['note'] += ', %d answers 429, each retried' % throttled
    for name, index in layout:
        assert results[name]['changed'] is True
        prefix = name.split('_')[1].upper()
        made = names(accounts[index], prefix)
        assert sorted(made) == [prefix + ' en', prefix + ' es'], made
    for account in accounts:
        counts = collections.Counter(flow['friendly_name'] for flow in account.flows())
        assert [name for name, seen in counts.items() if seen > 1] == []
    # Every site converged: a second sliced run changes nothing.
    again = [new_job('c-again%d' % (number + 1), dict(
        (name, site(name.split('_')[1].upper(), accounts[index])) for name, index in members)) for number, members in enumerate(slices)]
    for job in again:
        job.start()
    for job in again:
        job.wait()
    for job in again:
        assert_ok(job)
        assert job.stats()['changed'] == {}, job.describe()


def test_purge_from_a_fresh_directory(accounts, new_job, measured):
    """d: a purge job, in a fresh directory, removes the addresses the role made, and nothing else."""
    account = accounts[0]
    before = dict((flow['friendly_name'], flow['sid']) for flow in account.flows())
    assert {'A1 en', 'A1 es', 'A1 fr', 'A2 en', 'A2 es'} <= set(before), sorted(before)
    sites = dict(acme_a1=site('A1'), acme_a2=site('A2'))
    extravars = dict(webchat_addresses_purge=True, webchat_addresses_allow_purge_all=True, webchat_addresses_languages=[])
    since = len(account.requests())
    purge = new_job('d-purge', sites, envvars=account.env(), extravars=extravars).run()
    log = account.requests()
    measured.add('d', 'purge', purge.seconds, count(log, since))
    assert_ok(purge)
    assert_every_429_retried([purge], [log[since:]])
    after = dict((flow['friendly_name'], flow['sid']) for flow in account.flows())
    gone = sorted(set(before) - set(after))
    assert gone == ['A1 en', 'A1 es', 'A2 en', 'A2 es']
    # The hand-made address, the console's, and the other scenarios' sites are untouched.
    assert after['A1 fr'] == before['A1 fr']
    assert dict((name, sid) for name, sid in before.items() if name not in gone) == after
    assert summary(purge) == dict((name, dict(changed=True, addresses=0, api='flex_flows')) for name in sites)
