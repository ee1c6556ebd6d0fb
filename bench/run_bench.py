# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a run of the collection costs, against the floor (`make bench`; `make bench-smoke`).

    python bench/run_bench.py [--smoke] [--collections DIR] [--output-dir DIR] [--runs N]

Runs ansible-playbook against local emulators (tests/emulator) that apply Twilio's documented
limits for Flex Flows (--twilio-limits: list 10/s, fetch 2/s, create 2/s, update 1/s, delete 2/s,
2500 flows per account), and measures:

* a site of N languages (N = 1, 10, 50, 200): the role's first run (N creates), then its converged
  run (nothing to change) beside one ansible.builtin.uri task looping over the same N lookups (the
  floor for any per-language loop, and what the role did in 1.0.0), in the same run;
* at N = 50, the first run and an update of all 50 addresses, against the documented floor of
  their writes (N / 2 s for creates, N / 1 s for updates) plus the fixed cost of one run;
* an account at the cap of 2500 flows: flex_flow_info, flex_flows and the role;
* six sites at once, one account (one emulator) each, 50 languages each, in one ansible-playbook
  run with six forks: their first run, then their converged run;
* the record kept in the account (Twilio Sync, with the site's lock) against the record file of
  2.0.0, for a converged site of N languages (N = 20 and 200): at most 4 Sync requests, no write
  to Flex, and no more than half a second slower;
* the fleet report (the playbook twilio_ops.flex.drift_report) over 1, 10, 50 and 100 converged
  sites, one account (one emulator) and 5 languages each, beside the role's check mode over the
  same sites: no write, at most 5 requests a site, at most 0.25 s a site at 100 sites.

API requests, writes and 429 answers are counted in the emulators' request logs. Writes
results.csv and cost_per_address.png (under bench/ of the output directory) and the docs page
guide_benchmark.rst; prints the table. The output directory is docs/docsite/rst, or a new
temporary directory with --smoke (N = 1 and 10, one run each, 10 languages for the writes and the
six sites), which must not touch the docs. Exits 1 when a target that does not depend on the
machine is missed (request counts, no write when converged, no 429, no duplicate); the times do
depend on it, so they are reported, with the machine and its load, and never fail the run.

Run it with the interpreter of the venv that has ansible-core (make bench uses .venv/core-2.21):
that interpreter runs ansible-playbook, the modules and the uri loop alike.
"""

import argparse
import datetime
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# bench/ holds the benchmark's own modules; importable however this script is started.
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import bench_emulator  # noqa: E402  pylint: disable=wrong-import-position
import bench_report  # noqa: E402  pylint: disable=wrong-import-position

ROOT = os.path.dirname(HERE)
PLAYBOOKS = os.path.join(HERE, 'playbooks')
DOCS_RST = os.path.join(ROOT, 'docs', 'docsite', 'rst')

# sizes: N of the converged-site scenario; runs: timed runs of each side at N > 10; writes: N of
# the first run and the update judged against the floor; cap: flows in the account at the cap,
# and the languages of the site converged there; sites, site_languages: the six sites; profile:
# the profiled converged run at N = 10; judge_time: give the first run and the update their time
# verdict (the issue sets it at N = 50; at the smoke run's N = 10 the fixed parts of a run weigh
# more than 1.3 times a 5 s floor allows, so there the time is only shown).
FULL = dict(sizes=(1, 10, 50, 200), runs=3, writes=50, cap=2500, cap_languages=10, sites=6, site_languages=50, profile=True,
            judge_time=True, store_sizes=(20, 200), report_sites=(1, 10, 50, 100), report_runs=2)
SMOKE = dict(sizes=(10,), runs=1, writes=10, cap=2500, cap_languages=10, sites=6, site_languages=10, profile=False,
             judge_time=False, store_sizes=(10,), report_sites=(1, 10), report_runs=1)
# Runs at N <= 10 last a few seconds, so the machine's noise weighs more there: six more runs
# (9 in all), a minute more in all, for a median that a single slow run does not move.
EXTRA_RUNS_UP_TO = 10
EXTRA_RUNS = 6
# The same forks for every playbook: enough for the six sites to run at once. A single site is
# one host, so forks change neither side of the one-site comparisons.
FORKS = 6
PAGE_SIZE = 1000
PROFILE_N = 10

# The fleet report's sites: languages each, and the requests it may send to one (its record and
# lock, its Flex Flows listed, its chat addresses listed, and the prediction's reads: the Studio
# flows and the Flex Flows again).
REPORT_LANGUAGES = 5
REPORT_REQUESTS = 5

# The targets, kept exactly. ratio: the converged role run over the uri loop, at most,
# at each N named. Requests of a converged site: at most base_requests plus one per 1000 flows in
# the account. Writes: no 429, and wall time within floor_factor times the documented floor
# (N / rate s) plus the fixed cost of one run. The cap: cap_lists list requests for 2500 flows.
TARGETS = dict(ratio={10: 0.5, 200: 0.05}, base_requests=2, flows_per_request=PAGE_SIZE, floor_factor=1.3,
               rates=dict(create=2, update=1), cap_lists=3, store_sync_requests=4, store_extra_seconds=0.5,
               report_sites=100, report_seconds_per_site=0.25, report_requests_per_site=REPORT_REQUESTS)

# Real BCP 47 tags first, then as many private-use ones (en-x-n0001, ...) as N needs: the role
# accepts only well-formed tags, and writes each in its canonical case (these already are).
REAL_LANGUAGES = ('en', 'fr', 'de', 'es', 'it', 'pt-BR', 'nl', 'sv', 'da', 'fi', 'nb', 'pl', 'cs', 'hu', 'ro',
                  'el', 'tr', 'ru', 'uk', 'ja', 'ko', 'zh-Hans', 'zh-Hant', 'ar', 'he', 'hi', 'th', 'vi', 'id', 'ms')


class BenchError(Exception):
    """A run that failed outright (not a missed target): nothing measured can be trusted."""


def language_codes(count):
    codes = list(REAL_LANGUAGES[:count])
    return codes + ['en-x-n%04d' % number for number in range(1, count - len(codes) + 1)]


def languages(count, **settings):
    return [dict(language=code, **settings) for code in language_codes(count)]


def address_names(count):
    """The names the role gives the addresses of language_codes(count) (its default prefix)."""
    return ['WebChat %s' % code for code in language_codes(count)]


def request_target(flows):
    """At most 2 API requests per converged site, plus one per 1000 flows in the account."""
    return TARGETS['base_requests'] + flows // TARGETS['flows_per_request']


class Run:
    """One timed ansible-playbook run and, per emulator, the API requests it made."""

    def __init__(self, seconds, cpu_seconds, logs, output):
        self.seconds = seconds
        self.cpu_seconds = cpu_seconds
        self.per_site = [bench_emulator.api_requests(entries) for entries in logs]
        self.requests = [entry for entries in self.per_site for entry in entries]
        self.writes = bench_emulator.writes(self.requests)
        self.refusals = bench_emulator.refusals(self.requests)
        self.output = output
        self.tasks = None


class Runner:
    """ansible-playbook against the staged collection, with one interpreter and one environment."""

    def __init__(self, collections, workdir, python):
        self.workdir = workdir
        self.python = python
        self.playbook = os.path.join(os.path.dirname(python), 'ansible-playbook')
        self.records = os.path.join(workdir, 'records')
        env = dict((key, value) for key, value in os.environ.items() if not key.startswith(('TWILIO_', 'ANSIBLE_', 'FLEX_EMULATOR_')))
        env.update(ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false', ANSIBLE_NOCOLOR='1',
                   ANSIBLE_RETRY_FILES_ENABLED='false', ANSIBLE_HOST_KEY_CHECKING='false',
                   ANSIBLE_LOCAL_TEMP=os.path.join(workdir, 'ansible-tmp'))
        self.env = env

    def inventory(self, name, sites):
        """An inventory of sites: {host: its variables}. A site is an account, not a machine: local
        connection and the controller's own interpreter, for the sites and for localhost, which
        the role's tasks are delegated to."""
        local = dict(ansible_connection='local', ansible_python_interpreter=self.python)
        hosts = dict((host, dict(local, **variables)) for host, variables in sites.items())
        path = os.path.join(self.workdir, name + '.yml')
        # JSON is YAML: the yaml inventory plugin reads it. The file holds the emulators' throwaway
        # credentials, in the benchmark's private work directory, removed at the end.
        with open(path, 'w') as handle:
            json.dump(dict(all=dict(children=dict(bench_sites=dict(hosts=hosts), controller=dict(hosts=dict(localhost=local))))),
                      handle, indent=1)
        return path

    def forget_records(self):
        """The sites' records belong to the account they were made in: a reset account starts without."""
        shutil.rmtree(self.records, ignore_errors=True)

    def run(self, playbook, extra_vars, emulators, inventory, profile=False, own_connection=False, options=()):
        """Run bench/playbooks/<playbook> for the sites of `inventory`, timed with perf_counter around
        the whole process, as a user's run is felt. emulators: those whose request logs the run is
        counted in. own_connection: each site names its account (no TWILIO_* variables); otherwise
        the one emulator's TWILIO_* variables. profile: also record each task's wall time (run.tasks).
        options: more ansible-playbook options (--check)."""
        vars_file = os.path.join(self.workdir, 'vars.json')
        with open(vars_file, 'w') as handle:
            json.dump(dict(extra_vars, bench_record_dir=self.records), handle)
        command = [self.python, self.playbook, '-i', inventory, '--forks', str(FORKS), '-e', '@' + vars_file] + list(options) + [
            os.path.join(PLAYBOOKS, playbook)]
        env = dict(self.env)
        if not own_connection:
            env.update(emulators[0].env())
        tasks_file = os.path.join(self.workdir, 'tasks.json')
        if profile:
            env.update(ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, 'callback_plugins'),
                       ANSIBLE_CALLBACKS_ENABLED='bench_task_times', BENCH_TASK_TIMES=tasks_file)
        marks = [emulator.mark() for emulator in emulators]
        before = children_cpu()
        started = time.perf_counter()
        completed = subprocess.run(command, env=env, cwd=self.workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   universal_newlines=True, check=False)
        seconds = time.perf_counter() - started
        cpu_seconds = children_cpu() - before
        if completed.returncode != 0:
            raise BenchError('%s failed (exit %d):\n%s' % (playbook, completed.returncode, completed.stdout[-4000:]))
        run = Run(seconds, cpu_seconds, [emulator.requests_since(mark) for emulator, mark in zip(emulators, marks)],
                  completed.stdout)
        if profile:
            with open(tasks_file) as handle:
                run.tasks = json.load(handle)
        return run


def children_cpu():
    """CPU seconds (user + system) of the finished child processes: ansible-playbook, its workers
    and the modules they ran. Unlike wall time it hardly moves when other work shares the machine,
    so it backs the wall-time ratio up. The emulators, children that are still running, are not in it."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median(values):
    return statistics.median(values) if values else None


def check(problems, condition, text):
    if not condition:
        problems.append(text)
    return condition


def write_row(scenario, count, run, kind, fixed, problems, judged, sites=1, strict=True, timed=True):
    """A run that writes: N creates or N updates against the documented floor (N / rate s).
    judged: its targets apply (no 429; and, when timed, the time limit, which is reported only).
    strict: any other number of writes means the run went wrong (a fresh account, no record)."""
    floor = count / float(TARGETS['rates'][kind])
    limit = TARGETS['floor_factor'] * floor + fixed
    made = bench_emulator.creates(run.requests) if kind == 'create' else bench_emulator.updates(run.requests)
    row = dict(scenario=scenario, n=count, runs=1, sites=sites, seconds=run.seconds, cpu_seconds=run.cpu_seconds,
               api_requests=len(run.requests), api_writes=len(run.writes), writes_expected=count * sites,
               refusals=len(run.refusals), floor_seconds=floor, fixed_seconds=fixed, time_limit=limit,
               floor_ratio=(run.seconds - fixed) / floor)
    if run.tasks:
        # Where the run's time went: the module run that writes, and the record kept after it.
        row['module_seconds'] = sum(task['seconds'] for task in run.tasks if task['action'] == 'twilio_ops.flex.flex_flows')
        row['record_seconds'] = sum(task['seconds'] for task in run.tasks if task['action'] in ('ansible.builtin.file', 'ansible.builtin.copy'))
    if judged and timed:
        row['time_met'] = run.seconds <= limit
    if judged:
        row['refusals_met'] = check(problems, not run.refusals, '%s at N=%d: %d answers 429 (target: none)'
                                    % (scenario.replace('_', ' '), count, len(run.refusals)))
    if strict and (len(made) != count * sites or len(run.writes) != count * sites):
        raise BenchError('%s at N=%d: %d %ss among %d writes, not %d' % (scenario, count, len(made), kind, len(run.writes), count * sites))
    return row


def site_scenario(runner, emulator, inventory, count, runs, plan, problems):
    """One site of `count` languages: first run (N creates), then `runs` converged role runs
    interleaved with `runs` uri loops; at N = plan['writes'], an update of every address."""
    say('site of %d language(s): first run, then %d converged run(s) and %d uri loop(s)%s' % (
        count, runs, runs, ', then an update of all %d' % count if count == plan['writes'] else ''))
    emulator.reset()
    runner.forget_records()
    extra_vars = dict(bench_languages=languages(count))
    first = runner.run('role.yml', extra_vars, [emulator], inventory, profile=True)
    role, uri = [], []
    for round_number in range(runs):
        # Alternate which goes first, so a drift in the machine's load weighs on both alike.
        for which in (('role', 'uri') if round_number % 2 == 0 else ('uri', 'role')):
            if which == 'role':
                role.append(runner.run('role.yml', extra_vars, [emulator], inventory))
            else:
                uri.append(runner.run('uri_loop.yml', extra_vars, [emulator], inventory))
    for run in uri:
        if len(run.requests) != count or any(entry['status'] != 200 for entry in run.requests):
            raise BenchError('the uri loop at N=%d made %d requests, not %d answered 200' % (count, len(run.requests), count))
    flows = len(emulator.flows())
    requests = max(len(run.requests) for run in role)
    writes = max(len(run.writes) for run in role)
    target = request_target(flows)
    role_seconds, uri_seconds = median([r.seconds for r in role]), median([r.seconds for r in uri])
    role_cpu, uri_cpu = median([r.cpu_seconds for r in role]), median([r.cpu_seconds for r in uri])
    ratio = role_seconds / uri_seconds
    ratio_target = TARGETS['ratio'].get(count)
    rows = [dict(scenario='converged', n=count, runs=runs, flows=flows, seconds=role_seconds,
                 seconds_min=min(r.seconds for r in role), seconds_max=max(r.seconds for r in role),
                 uri_seconds=uri_seconds, ratio=ratio, cpu_seconds=role_cpu, uri_cpu_seconds=uri_cpu,
                 cpu_ratio=role_cpu / uri_cpu, api_requests=requests, api_writes=writes,
                 refusals=sum(len(r.refusals) for r in role + uri), request_target=target,
                 requests_met=check(problems, requests <= target and writes == 0,
                                    'converged run at N=%d: %d requests and %d writes (target: at most %d requests, no write)'
                                    % (count, requests, writes, target)),
                 ratio_target=ratio_target, ratio_met=None if ratio_target is None else ratio <= ratio_target)]
    # The fixed cost of one run, for the runs that write: the converged run at the same N does
    # everything they do (start, plan, read the account) but the writes.
    judged = count == plan['writes']
    rows.append(write_row('first_run', count, first, 'create', role_seconds, problems, judged, timed=plan['judge_time']))
    profile = None
    if count == PROFILE_N and plan['profile']:
        profile = profile_runs(runner, emulator, inventory, extra_vars)
    if judged:
        update = runner.run('role.yml', dict(bench_languages=languages(count, enabled=False)), [emulator], inventory, profile=True)
        rows.append(write_row('update', count, update, 'update', role_seconds, problems, judged, timed=plan['judge_time']))
    return rows, profile


def warm_up(runner, emulator, inventory):
    """One untimed first run at N = 1: the first ansible-playbook run of a fresh staging compiles the
    collection's Python and fills Ansible's caches, which no later run pays again."""
    say('warm-up: one untimed run')
    emulator.reset()
    runner.forget_records()
    runner.run('role.yml', dict(bench_languages=languages(1)), [emulator], inventory)


def profile_runs(runner, emulator, inventory, extra_vars):
    """Each task's wall time in one more converged role run and uri loop (untimed runs: they only
    attribute the time measured above)."""
    say('profile: each task of a converged run at N=%d' % len(extra_vars['bench_languages']))
    profiles = dict(n=len(extra_vars['bench_languages']))
    for name, playbook in (('role', 'role.yml'), ('uri', 'uri_loop.yml')):
        run = runner.run(playbook, extra_vars, [emulator], inventory, profile=True)
        if name == 'role' and run.writes:
            raise BenchError('the profiled converged run at N=%d wrote %d times' % (profiles['n'], len(run.writes)))
        profiles[name] = dict(seconds=run.seconds, tasks=run.tasks)
    return profiles


def cap_scenario(runner, plan, runs, problems, workdir):
    """An account at Twilio's cap: flex_flow_info, flex_flows, and the role converged there."""
    flows, count = plan['cap'], plan['cap_languages']
    say('an account at the cap of %d flows: seeding it' % flows)
    path = os.path.join(workdir, 'cap-state.json')
    started = time.perf_counter()
    creds = bench_emulator.seed_account(path, address_names(count), flows)
    seed_seconds = time.perf_counter() - started
    emulator = bench_emulator.Emulator(state=path, creds=creds)
    try:
        held = len(emulator.flows())
        if held != flows:
            raise BenchError('the seeded account holds %d flows, not %d' % (held, flows))
        # The emulator's own word that the account is at the cap: one more create is refused.
        chat_service_sid, studio_flow_sid = emulator.seed_ids()
        try:
            emulator.create_flow('Over the cap', chat_service_sid, studio_flow_sid)
            raise BenchError('the emulator accepted a flow beyond %d: is --twilio-limits on?' % flows)
        except RuntimeError as exc:
            if 'HTTP 400' not in str(exc):
                raise
        inventory = runner.inventory('cap', dict(site={}))
        target_lists = int(math.ceil(held / float(PAGE_SIZE)))
        rows = []
        say('flex_flow_info over %d flows, %d run(s)' % (held, runs))
        done = [runner.run('flow_info.yml', dict(bench_expected_flows=held), [emulator], inventory) for _run in range(runs)]
        rows.append(cap_row('flex_flow_info', held, done, target_lists, problems, seed_seconds))
        say('flex_flows over %d flows (%d entries as they are), %d run(s)' % (held, count, runs))
        entries = [dict(friendly_name=name, channel_type='web', enabled=True, integration_type='studio',
                        integration=dict(flow_sid=studio_flow_sid)) for name in address_names(count)]
        done = [runner.run('flex_flows_at_cap.yml', dict(bench_entries=entries), [emulator], inventory) for _run in range(runs)]
        rows.append(cap_row('flex_flows', held, done, target_lists, problems))
        rows[-1]['entries'] = count
        say('the role over a site of %d languages in that account: one run to adopt, then %d converged run(s)' % (count, runs))
        runner.forget_records()
        extra_vars = dict(bench_languages=languages(count))
        adopt = runner.run('role.yml', extra_vars, [emulator], inventory)
        done = [runner.run('role.yml', extra_vars, [emulator], inventory) for _run in range(runs)]
        requests = max(len(run.requests) for run in done)
        writes = max(len(run.writes) for run in done + [adopt])
        target = request_target(held)
        rows.append(dict(scenario='role_at_cap', n=count, runs=runs, flows=held, seconds=median([r.seconds for r in done]),
                         seconds_min=min(r.seconds for r in done), seconds_max=max(r.seconds for r in done),
                         cpu_seconds=median([r.cpu_seconds for r in done]), api_requests=requests,
                         api_lists=max(len(bench_emulator.flex_flow_lists(r.requests)) for r in done), api_writes=writes,
                         refusals=sum(len(r.refusals) for r in done + [adopt]), request_target=target,
                         requests_met=check(problems, requests <= target and writes == 0,
                                            'converged role at the cap (%d flows): %d requests and %d writes (target: at '
                                            'most %d requests, no write)' % (held, requests, writes, target))))
        return rows
    finally:
        emulator.close()


def cap_row(scenario, held, done, target, problems, seed_seconds=None):
    lists = max(len(bench_emulator.flex_flow_lists(run.requests)) for run in done)
    writes = max(len(run.writes) for run in done)
    return dict(scenario=scenario, n=held, runs=len(done), flows=held, seconds=median([run.seconds for run in done]),
                cpu_seconds=median([run.cpu_seconds for run in done]), seconds_min=min(run.seconds for run in done),
                seconds_max=max(run.seconds for run in done), api_requests=max(len(run.requests) for run in done),
                api_lists=lists, api_writes=writes, refusals=sum(len(run.refusals) for run in done), request_target=target,
                requests_met=check(problems, lists <= target and writes == 0,
                                   '%s over %d flows: %d list requests and %d writes (target: %d lists, no write)'
                                   % (scenario, held, lists, writes, target)),
                seed_seconds=seed_seconds)


def six_sites_scenario(runner, plan, problems):
    """plan['sites'] sites, one account (one emulator, with the limits) each, in one ansible-playbook
    run: the first run of plan['site_languages'] languages each, then a converged run."""
    sites, count = plan['sites'], plan['site_languages']
    say('%d sites at once, one account each, %d languages each: first run, then a converged run' % (sites, count))
    emulators = []
    try:
        for _site in range(sites):
            emulators.append(bench_emulator.Emulator())
        hosts = dict(('site%d' % number, emulator.site_vars()) for number, emulator in enumerate(emulators, 1))
        inventory = runner.inventory('sites', hosts)
        runner.forget_records()
        extra_vars = dict(bench_languages=languages(count))
        first = runner.run('role.yml', extra_vars, emulators, inventory, own_connection=True, profile=True)
        converged = runner.run('role.yml', extra_vars, emulators, inventory, own_connection=True)
        wanted = address_names(count)
        duplicates, missing, made = 0, 0, []
        for emulator, requests in zip(emulators, first.per_site):
            names = [flow['friendly_name'] for flow in emulator.flows()]
            duplicates += sum(names.count(name) - 1 for name in set(names))
            missing += sum(1 for name in wanted if name not in names)
            made.append(len(bench_emulator.creates(requests)))
    finally:
        for emulator in emulators:
            emulator.close()
    row = write_row('six_sites', count, first, 'create', converged.seconds, problems, True, sites=sites, strict=False,
                    timed=False)
    per_site = max(len(requests) for requests in converged.per_site)
    converged_writes = len(converged.writes)
    target = request_target(count + 1)
    once = duplicates == 0 and missing == 0 and made == [count] * sites
    row.update(duplicates=duplicates, missing=missing, creates_min=min(made), creates_max=max(made),
               duplicates_met=check(problems, once, '%d sites: %d duplicate(s), %d missing, creates per site %s (target: '
                                    'exactly %d per site, made once)' % (sites, duplicates, missing, made, count)),
               converged_seconds=converged.seconds, converged_requests=per_site, converged_writes=converged_writes,
               converged_refusals=len(converged.refusals), request_target=target,
               requests_met=check(problems, per_site <= target and converged_writes == 0 and not converged.refusals,
                                  '%d sites converged: %d requests per site, %d writes, %d answers 429 (target: at most %d '
                                  'requests, no write, no 429)' % (sites, per_site, converged_writes, len(converged.refusals), target)))
    return [row]


def store_scenario(runner, emulator, inventory, count, runs, problems):
    """A converged site of `count` languages with its record in the account (Sync, and the site's
    lock) against its record in a file (2.0.0): a first run in the file store, one run that
    imports the file into the account, then `runs` converged runs of each, alternated."""
    say('record in the account against the file, %d languages: first run, import, then %d converged run(s) of each' % (count, runs))
    emulator.reset()
    runner.forget_records()
    extra_vars = dict(bench_languages=languages(count))
    runner.run('role.yml', dict(extra_vars, bench_record_store='file'), [emulator], inventory)
    runner.run('role.yml', dict(extra_vars, bench_record_store='account'), [emulator], inventory)
    done = dict(file=[], account=[])
    for round_number in range(runs):
        for store in (('account', 'file') if round_number % 2 == 0 else ('file', 'account')):
            done[store].append(runner.run('role.yml', dict(extra_vars, bench_record_store=store), [emulator], inventory))
    account, in_file = done['account'], done['file']
    sync = max(len(bench_emulator.sync_requests(run.requests)) for run in account)
    writes = max(len(bench_emulator.address_writes(run.requests)) for run in account + in_file)
    seconds, file_seconds = median([run.seconds for run in account]), median([run.seconds for run in in_file])
    return [dict(scenario='record_store', n=count, runs=runs, seconds=seconds, file_seconds=file_seconds,
                 extra_seconds=seconds - file_seconds, cpu_seconds=median([run.cpu_seconds for run in account]),
                 file_cpu_seconds=median([run.cpu_seconds for run in in_file]), sync_requests=sync, api_writes=writes,
                 api_requests=max(len(run.requests) for run in account), refusals=sum(len(run.refusals) for run in account + in_file),
                 time_met=seconds - file_seconds <= TARGETS['store_extra_seconds'],
                 requests_met=check(problems, sync <= TARGETS['store_sync_requests'] and writes == 0,
                                    'converged site in the account store at N=%d: %d Sync requests and %d writes to Flex '
                                    '(target: at most %d, none)' % (count, sync, writes, TARGETS['store_sync_requests'])))]


def report_scenario(runner, plan, problems):
    """The fleet report (twilio_ops.flex.drift_report) over converged sites, one account (one
    emulator) and REPORT_LANGUAGES languages each, their records in their accounts, at each number
    of sites in plan['report_sites'], against the role's check mode over the same sites in the
    same run: `runs` of each, alternated. Every site is made once, by one first run of the role
    over them all."""
    counts = plan['report_sites']
    say('fleet report over %s sites (one account each, %d languages): first run, then the report and the role\'s '
        'check mode over each' % (', '.join(str(count) for count in counts), REPORT_LANGUAGES))
    emulators = []
    try:
        for _site in range(max(counts)):
            emulators.append(bench_emulator.Emulator())
        hosts = [('site%03d' % number, emulator.site_vars()) for number, emulator in enumerate(emulators, 1)]
        runner.forget_records()
        extra_vars = dict(bench_languages=languages(REPORT_LANGUAGES), bench_record_store='account')
        first = runner.run('role.yml', extra_vars, emulators, runner.inventory('report_sites', dict(hosts)), own_connection=True)
        if len(bench_emulator.creates(first.requests)) != REPORT_LANGUAGES * len(emulators):
            raise BenchError('the first run over %d sites made %d addresses, not %d'
                             % (len(emulators), len(bench_emulator.creates(first.requests)), REPORT_LANGUAGES * len(emulators)))
        report_vars = dict(drift_report_hosts='bench_sites', webchat_addresses_languages=languages(REPORT_LANGUAGES),
                           webchat_addresses_record_store='account', drift_report_dir=os.path.join(runner.workdir, 'report'))
        rows = []
        for count in counts:
            inventory = runner.inventory('report_%d' % count, dict(hosts[:count]))
            used = emulators[:count]
            report, check_mode = [], []
            for round_number in range(plan['report_runs']):
                for which in (('report', 'check') if round_number % 2 == 0 else ('check', 'report')):
                    if which == 'report':
                        report.append(runner.run('report.yml', report_vars, used, inventory, own_connection=True))
                        summary = read_report(report_vars['drift_report_dir'])
                        if summary.get('converged') != count:
                            raise BenchError('the report over %d converged sites says %s' % (count, summary))
                    else:
                        check_mode.append(runner.run('role.yml', extra_vars, used, inventory, own_connection=True, options=['--check']))
            rows.append(report_row(count, report, check_mode, problems))
        return rows
    finally:
        for emulator in emulators:
            emulator.close()


def read_report(directory):
    """The summary of the report's JSON output."""
    with open(os.path.join(directory, 'drift_report.json')) as handle:
        return json.load(handle)['summary']


def report_row(count, report, check_mode, problems):
    """One number of sites: the report's time per site against the target, and what it sent."""
    seconds, check_seconds = median([run.seconds for run in report]), median([run.seconds for run in check_mode])
    per_site = max(len(requests) for run in report for requests in run.per_site)
    writes = max(len(run.writes) for run in report)
    return dict(scenario='fleet_report', n=count, sites=count, runs=len(report), seconds=seconds,
                seconds_per_site=seconds / count, check_seconds=check_seconds, check_seconds_per_site=check_seconds / count,
                cpu_seconds=median([run.cpu_seconds for run in report]), check_cpu_seconds=median([run.cpu_seconds for run in check_mode]),
                api_requests=per_site, api_writes=writes, refusals=sum(len(run.refusals) for run in report + check_mode),
                request_target=TARGETS['report_requests_per_site'],
                time_met=seconds / count <= TARGETS['report_seconds_per_site'] if count == TARGETS['report_sites'] else None,
                requests_met=check(problems, writes == 0 and per_site <= TARGETS['report_requests_per_site'],
                                   'fleet report over %d sites: %d writes, at most %d requests a site (target: no write, at '
                                   'most %d requests a site)' % (count, writes, per_site, TARGETS['report_requests_per_site'])))


def machine(python):
    cpu = 'unknown'
    try:
        with open('/proc/cpuinfo') as handle:
            for line in handle:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor() or 'unknown'
    version = subprocess.run([python, '-c', 'import ansible.release; print(ansible.release.__version__)'],
                             stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.strip()
    return dict(cpu=cpu, cores=os.cpu_count(), python=platform.python_version(), ansible_core=version,
                system='%s %s' % (platform.system(), platform.release()),
                date=datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'))


def stage(workdir):
    """A copy of this checkout as the collection, so the benchmark measures what is checked out."""
    subprocess.run([os.path.join(ROOT, 'scripts', 'stage-collection'), workdir], check=True, stdout=subprocess.DEVNULL)
    return workdir


def say(text):
    print('== %s' % text, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--smoke', action='store_true',
                        help='N = 1 and 10, one run each, 10 languages for the writes and the six sites; outputs to a temp dir')
    parser.add_argument('--collections', help='a directory holding ansible_collections/twilio_ops/flex (default: stage this checkout)')
    parser.add_argument('--output-dir', help='where results go (default: docs/docsite/rst, or a temp dir with --smoke)')
    parser.add_argument('--runs', type=int, help='timed runs of each side at N > 10 (default 3; 1 with --smoke)')
    parser.add_argument('--sizes', type=lambda text: tuple(int(n) for n in text.split(',')), help='N values, e.g. 1,10,50,200')
    parser.add_argument('--report-sites', type=lambda text: tuple(int(n) for n in text.split(',')),
                        help='numbers of sites of the fleet report, e.g. 1,10,50,100')
    parser.add_argument('--writes', type=int, help='N of the first run and update judged against the floor (default 50)')
    parser.add_argument('--site-languages', type=int, help='languages of each of the six sites (default 50)')
    parser.add_argument('--only', help='scenarios to run, of sites,cap,six,store,report (default: all)')
    # Measuring takes minutes, writing the outputs a second: keep the measurements to rewrite
    # the outputs later (after a change to bench_report.py) without measuring again.
    parser.add_argument('--save-raw', metavar='FILE', help='also write the measurements to this JSON file')
    parser.add_argument('--render-from', metavar='FILE', help='write the outputs from a --save-raw file; measure nothing')
    return parser.parse_args()


def main():
    args = parse_args()
    plan = dict(SMOKE if args.smoke else FULL)
    for key in ('runs', 'sizes', 'writes', 'site_languages', 'report_sites'):
        if getattr(args, key):
            plan[key] = getattr(args, key)
    plan['only'] = tuple(args.only.split(',')) if args.only else ('sites', 'cap', 'six', 'store', 'report')
    python = sys.executable
    if not os.path.exists(os.path.join(os.path.dirname(python), 'ansible-playbook')):
        sys.stderr.write('bench: no ansible-playbook beside %s: run this with the python of a venv that has ansible-core\n' % python)
        return 2
    if args.render_from:
        with open(args.render_from) as handle:
            raw = json.load(handle)
        return report(raw, args.output_dir or DOCS_RST)
    workdir = tempfile.mkdtemp(prefix='flex-bench-')
    output = args.output_dir or (os.path.join(workdir, 'output') if args.smoke else DOCS_RST)
    try:
        return measure(args, plan, workdir, output, python)
    finally:
        # Keep only what was asked for: a smoke run's outputs live in workdir/output.
        for name in os.listdir(workdir):
            path = os.path.join(workdir, name)
            if path == output:
                continue
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
        if not os.listdir(workdir):
            os.rmdir(workdir)


def measure(args, plan, workdir, output, python):
    """Every scenario, then the outputs; the exit code."""
    collections = args.collections or stage(os.path.join(workdir, 'collections'))
    started = time.perf_counter()
    info = machine(python)
    info['load_before'] = os.getloadavg()
    problems, rows, profile = [], [], None
    runner = Runner(collections, workdir, python)
    try:
        if 'sites' in plan['only']:
            emulator = bench_emulator.Emulator()
            try:
                inventory = runner.inventory('site', dict(site={}))
                warm_up(runner, emulator, inventory)
                for count in plan['sizes']:
                    runs = plan['runs'] + (EXTRA_RUNS if count <= EXTRA_RUNS_UP_TO and not args.smoke else 0)
                    found, profiled = site_scenario(runner, emulator, inventory, count, runs, plan, problems)
                    rows += found
                    profile = profiled or profile
            finally:
                emulator.close()
        if 'cap' in plan['only']:
            rows += cap_scenario(runner, plan, plan['runs'], problems, workdir)
        if 'six' in plan['only']:
            rows += six_sites_scenario(runner, plan, problems)
        if 'store' in plan['only']:
            emulator = bench_emulator.Emulator()
            try:
                inventory = runner.inventory('store', dict(site={}))
                for count in plan['store_sizes']:
                    runs = plan['runs'] + (EXTRA_RUNS if count <= EXTRA_RUNS_UP_TO and not args.smoke else 0)
                    rows += store_scenario(runner, emulator, inventory, count, runs, problems)
            finally:
                emulator.close()
        if 'report' in plan['only']:
            rows += report_scenario(runner, plan, problems)
    except BenchError as exc:
        sys.stderr.write('bench: %s\n' % exc)
        return 2
    info['load_after'] = os.getloadavg()
    info['bench_seconds'] = time.perf_counter() - started
    info['smoke'] = args.smoke
    info['forks'] = FORKS
    info['plan'] = dict((key, value) for key, value in plan.items() if key != 'only')
    raw = dict(rows=rows, profile=profile, info=info, problems=problems)
    if args.save_raw:
        with open(args.save_raw, 'w') as handle:
            json.dump(raw, handle, indent=1)
    return report(raw, output)


def report(raw, output):
    """The outputs and the table; exit 1 when a target that does not depend on the machine was missed."""
    paths = bench_report.write_all(output, raw['rows'], raw['profile'], raw['info'], TARGETS)
    print(bench_report.text_table(raw['rows'], TARGETS))
    for path in paths:
        print('wrote %s' % path)
    for problem in raw['problems']:
        print('TARGET MISSED: %s' % problem)
    return 1 if raw['problems'] else 0


if __name__ == '__main__':
    sys.exit(main())
