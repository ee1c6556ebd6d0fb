# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a run of the collection costs, against the floor (`make bench`; `make bench-smoke`).

    python bench/run_bench.py [--smoke] [--collections DIR] [--output-dir DIR] [--runs N]

Runs ansible-playbook against a local emulator (tests/emulator) and measures, for a site of N
languages (N = 1, 10, 50, 200): the role's first run (N creates) and its converged run (nothing to
change), beside one ansible.builtin.uri task looping over the same N lookups, the floor for any
per-language loop; flex_flow_info over an account of 10,000 flows; and a cold start (one no-op
flex_flow against one uri GET). API requests are counted in the emulator's request log.

Writes results.csv and cost_per_address.png (under bench/ of the output directory) and the docs
page guide_benchmark.rst; prints the table. The output directory is docs/docsite/rst, or a new
temporary directory with --smoke (N = 1 and 10, one run each, 1,500 flows), which must not touch
the docs. Exits 1 when a request-count target is missed (N + 2 requests and no write on a
converged run, ceil(flows / 1000) list requests): those do not depend on the machine. The time
ratio does, so it is reported, with the machine and its load, and never fails the run.

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

FULL = dict(sizes=(1, 10, 50, 200), runs=3, flows=10000)
SMOKE = dict(sizes=(1, 10), runs=1, flows=1500)
# Runs at N <= 10 last a few seconds, so the machine's noise weighs more there: six more runs
# (9 in all), a minute more in all, for a median that a single slow run does not move.
EXTRA_RUNS_UP_TO = 10
EXTRA_RUNS = 6
# The same forks for every playbook. A site is one host, and loop items run one after the other
# within a host, so forks do not change either side of the comparison.
FORKS = 5
PAGE_SIZE = 1000

TARGETS = dict(ratio=1.2, ratio_from_n=10, max_info_lists=10)

# Real codes first, then as many private-use ones (xx-A001, ...) as N needs; all match the
# role's pattern ^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$.
REAL_LANGUAGES = ('en', 'fr', 'de', 'es', 'it', 'pt-BR', 'nl', 'sv', 'da', 'fi', 'nb', 'pl', 'cs', 'hu', 'ro',
                  'el', 'tr', 'ru', 'uk', 'ja', 'ko', 'zh-Hans', 'zh-Hant', 'ar', 'he', 'hi', 'th', 'vi', 'id', 'ms')


class BenchError(Exception):
    """A run that failed outright (not a missed target): nothing measured can be trusted."""


def languages(count):
    codes = list(REAL_LANGUAGES[:count])
    codes += ['xx-A%03d' % number for number in range(1, count - len(codes) + 1)]
    return [dict(language=code) for code in codes]


class Run:
    """One timed ansible-playbook run and the API requests it made."""

    def __init__(self, seconds, cpu_seconds, entries, output):
        self.seconds = seconds
        self.cpu_seconds = cpu_seconds
        self.requests = bench_emulator.api_requests(entries)
        self.writes = bench_emulator.writes(self.requests)
        self.output = output


class Runner:
    """ansible-playbook against the staged collection: one inventory, one interpreter, one env."""

    def __init__(self, emulator, collections, workdir, python):
        self.emulator = emulator
        self.workdir = workdir
        self.python = python
        self.playbook = os.path.join(os.path.dirname(python), 'ansible-playbook')
        self.inventory = os.path.join(workdir, 'inventory.ini')
        # A site is an account, not a machine: local connection, and the controller's own
        # interpreter, for the site and for localhost, which the role's tasks are delegated to.
        with open(self.inventory, 'w') as handle:
            handle.write('[bench_sites]\nsite ansible_connection=local ansible_python_interpreter=%s\n\n'
                         '[controller]\nlocalhost ansible_connection=local ansible_python_interpreter=%s\n' % (python, python))
        env = dict((key, value) for key, value in os.environ.items() if not key.startswith(('TWILIO_', 'ANSIBLE_')))
        env.update(emulator.env())
        env.update(ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false', ANSIBLE_NOCOLOR='1',
                   ANSIBLE_RETRY_FILES_ENABLED='false', ANSIBLE_HOST_KEY_CHECKING='false',
                   ANSIBLE_LOCAL_TEMP=os.path.join(workdir, 'ansible-tmp'))
        self.env = env

    def run(self, playbook, extra_vars, profile=None):
        """Run bench/playbooks/<playbook>, timed with perf_counter around the whole process, as a
        user's run is felt. profile: a file to get each task's wall time in (bench_task_times)."""
        vars_file = os.path.join(self.workdir, 'vars.json')
        with open(vars_file, 'w') as handle:
            json.dump(extra_vars, handle)
        command = [self.python, self.playbook, '-i', self.inventory, '--forks', str(FORKS), '-e', '@' + vars_file,
                   os.path.join(PLAYBOOKS, playbook)]
        env = dict(self.env)
        if profile:
            env.update(ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, 'callback_plugins'),
                       ANSIBLE_CALLBACKS_ENABLED='bench_task_times', BENCH_TASK_TIMES=profile)
        mark = self.emulator.mark()
        before = children_cpu()
        started = time.perf_counter()
        completed = subprocess.run(command, env=env, cwd=self.workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   universal_newlines=True, check=False)
        seconds = time.perf_counter() - started
        cpu_seconds = children_cpu() - before
        if completed.returncode != 0:
            raise BenchError('%s failed (exit %d):\n%s' % (playbook, completed.returncode, completed.stdout[-4000:]))
        return Run(seconds, cpu_seconds, self.emulator.requests_since(mark), completed.stdout)


def children_cpu():
    """CPU seconds (user + system) of the finished child processes: ansible-playbook, its workers
    and the modules they ran. Unlike wall time it hardly moves when other work shares the machine,
    so it backs the wall-time ratio up. The emulator, a child that is still running, is not in it."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median(values):
    return statistics.median(values) if values else None


def check(problems, condition, text):
    if not condition:
        problems.append(text)
    return condition


def site_scenario(runner, emulator, count, runs, problems):
    """First run (N creates), then `runs` converged role runs interleaved with `runs` uri loops."""
    say('site of %d language(s): first run, then %d converged run(s) and %d uri loop(s)' % (count, runs, runs))
    emulator.reset()
    extra_vars = dict(bench_languages=languages(count))
    first = runner.run('role.yml', extra_vars)
    creates = [entry for entry in first.writes if entry['method'] == 'POST' and entry['path'] == '/flex-api/v1/FlexFlows']
    if len(creates) != count:
        raise BenchError('the first run at N=%d made %d creates, not %d' % (count, len(creates), count))
    role, uri = [], []
    for round_number in range(runs):
        # Alternate which goes first, so a drift in the machine's load weighs on both alike.
        for which in (('role', 'uri') if round_number % 2 == 0 else ('uri', 'role')):
            if which == 'role':
                role.append(runner.run('role.yml', extra_vars))
            else:
                uri.append(runner.run('uri_loop.yml', extra_vars))
    for run in uri:
        if len(run.requests) != count or any(entry['status'] != 200 for entry in run.requests):
            raise BenchError('the uri loop at N=%d made %d requests, not %d answered 200' % (count, len(run.requests), count))
    requests = max(len(run.requests) for run in role)
    writes = max(len(run.writes) for run in role)
    role_seconds, uri_seconds = median([r.seconds for r in role]), median([r.seconds for r in uri])
    ratio = role_seconds / uri_seconds
    role_cpu, uri_cpu = median([r.cpu_seconds for r in role]), median([r.cpu_seconds for r in uri])
    requests_met = check(problems, requests <= count + 2 and writes == 0,
                         'converged run at N=%d: %d requests and %d writes (target: at most %d requests, no write)'
                         % (count, requests, writes, count + 2))
    ratio_target = TARGETS['ratio'] if count >= TARGETS['ratio_from_n'] else None
    return [
        dict(scenario='first_run', n=count, runs=1, seconds=first.seconds, cpu_seconds=first.cpu_seconds,
             api_requests=len(first.requests),
             api_writes=len(first.writes)),
        dict(scenario='converged', n=count, runs=runs, seconds=role_seconds, seconds_min=min(r.seconds for r in role),
             seconds_max=max(r.seconds for r in role), uri_seconds=uri_seconds, ratio=ratio, cpu_seconds=role_cpu,
             uri_cpu_seconds=uri_cpu, cpu_ratio=role_cpu / uri_cpu, api_requests=requests,
             api_writes=writes, request_target=count + 2, ratio_target=ratio_target,
             requests_met=requests_met, ratio_met=None if ratio_target is None else ratio <= ratio_target),
    ]


def flow_info_scenario(runner, emulator, flows, runs, problems):
    say('flex_flow_info over an account of %d flows, %d run(s)' % (flows, runs))
    emulator.reset()
    started = time.perf_counter()
    held = emulator.fill_account(flows)
    seed_seconds = time.perf_counter() - started
    done = [runner.run('flow_info.yml', dict(bench_expected_flows=held)) for _run in range(runs)]
    lists = max(len(bench_emulator.flex_flow_lists(run.requests)) for run in done)
    # One list request per page of 1000: 10 for the 10,000 flows of the target.
    target = int(math.ceil(held / float(PAGE_SIZE)))
    met = check(problems, lists <= target and not any(run.writes for run in done),
                'flex_flow_info over %d flows: %d list requests (target: at most %d)' % (held, lists, target))
    return [dict(scenario='flow_info', n=held, runs=runs, seconds=median([run.seconds for run in done]),
                 cpu_seconds=median([run.cpu_seconds for run in done]),
                 seconds_min=min(run.seconds for run in done), seconds_max=max(run.seconds for run in done),
                 api_requests=lists, api_writes=0, request_target=target, requests_met=met, seed_seconds=seed_seconds)]


def cold_start_scenario(runner, emulator, runs, problems):
    say('cold start: one no-op flex_flow against one uri GET, %d run(s) each' % runs)
    emulator.reset()
    chat_service_sid, studio_flow_sid = emulator.seed_ids()
    one = dict(bench_languages=languages(1), bench_chat_service_sid=chat_service_sid, bench_studio_flow_sid=studio_flow_sid)
    emulator.create_flow('WebChat %s' % one['bench_languages'][0]['language'], chat_service_sid, studio_flow_sid)
    module, uri = [], []
    for round_number in range(runs):
        for which in (('module', 'uri') if round_number % 2 == 0 else ('uri', 'module')):
            if which == 'module':
                module.append(runner.run('cold_flex_flow.yml', one))
            else:
                uri.append(runner.run('uri_loop.yml', one))
    requests = max(len(run.requests) for run in module)
    writes = max(len(run.writes) for run in module)
    met = check(problems, requests <= 1 and writes == 0,
                'no-op flex_flow: %d requests and %d writes (target: one lookup, no write)' % (requests, writes))
    module_seconds, uri_seconds = median([r.seconds for r in module]), median([r.seconds for r in uri])
    module_cpu, uri_cpu = median([r.cpu_seconds for r in module]), median([r.cpu_seconds for r in uri])
    return [dict(scenario='cold_start', n=1, runs=runs, seconds=module_seconds, seconds_min=min(r.seconds for r in module),
                 seconds_max=max(r.seconds for r in module), uri_seconds=uri_seconds, ratio=module_seconds / uri_seconds,
                 cpu_seconds=module_cpu, uri_cpu_seconds=uri_cpu, cpu_ratio=module_cpu / uri_cpu,
                 api_requests=requests, api_writes=writes, request_target=1, requests_met=met)]


def profile_scenario(runner, emulator, count, workdir):
    """Each task's wall time in one converged role run and one uri loop at N=count (untimed runs:
    they only attribute the time measured above)."""
    say('profile: each task of a converged run at N=%d' % count)
    emulator.reset()
    extra_vars = dict(bench_languages=languages(count))
    runner.run('role.yml', extra_vars)
    profiles = {}
    for name, playbook in (('role', 'role.yml'), ('uri', 'uri_loop.yml')):
        path = os.path.join(workdir, 'profile-%s.json' % name)
        run = runner.run(playbook, extra_vars, profile=path)
        with open(path) as handle:
            profiles[name] = dict(seconds=run.seconds, tasks=json.load(handle))
    return dict(n=count, **profiles)


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
    parser.add_argument('--smoke', action='store_true', help='N = 1 and 10, one run each, 1,500 flows; outputs to a temp dir')
    parser.add_argument('--collections', help='a directory holding ansible_collections/twilio_ops/flex (default: stage this checkout)')
    parser.add_argument('--output-dir', help='where results go (default: docs/docsite/rst, or a temp dir with --smoke)')
    parser.add_argument('--runs', type=int, help='converged runs per N (default 3; 1 with --smoke)')
    parser.add_argument('--sizes', type=lambda text: tuple(int(n) for n in text.split(',')), help='N values, e.g. 1,10,50,200')
    parser.add_argument('--flows', type=int, help='Flex Flows in the account flex_flow_info reads (default 10000; 1500 with --smoke)')
    # Measuring takes minutes, writing the outputs a second: keep the measurements to rewrite
    # the outputs later (after a change to bench_report.py) without measuring again.
    parser.add_argument('--save-raw', metavar='FILE', help='also write the measurements to this JSON file')
    parser.add_argument('--render-from', metavar='FILE', help='write the outputs from a --save-raw file; measure nothing')
    return parser.parse_args()


def main():
    args = parse_args()
    plan = dict(SMOKE if args.smoke else FULL)
    for key in ('runs', 'sizes', 'flows'):
        if getattr(args, key):
            plan[key] = getattr(args, key)
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
    problems = []
    emulator = bench_emulator.Emulator()
    try:
        runner = Runner(emulator, collections, workdir, python)
        rows = []
        for count in plan['sizes']:
            runs = plan['runs'] + (EXTRA_RUNS if count <= EXTRA_RUNS_UP_TO and not args.smoke else 0)
            rows += site_scenario(runner, emulator, count, runs, problems)
        rows += flow_info_scenario(runner, emulator, plan['flows'], plan['runs'], problems)
        rows += cold_start_scenario(runner, emulator, plan['runs'], problems)
        profile = profile_scenario(runner, emulator, TARGETS['ratio_from_n'], workdir)
    except BenchError as exc:
        sys.stderr.write('bench: %s\n' % exc)
        return 2
    finally:
        emulator.close()
    info['load_after'] = os.getloadavg()
    info['bench_seconds'] = time.perf_counter() - started
    info['smoke'] = args.smoke
    info['forks'] = FORKS
    raw = dict(rows=rows, profile=profile, info=info, problems=problems)
    if args.save_raw:
        with open(args.save_raw, 'w') as handle:
            json.dump(raw, handle, indent=1)
    return report(raw, output)


def report(raw, output):
    """The outputs and the table; exit 1 when a request-count target was missed."""
    paths = bench_report.write_all(output, raw['rows'], raw['profile'], raw['info'], TARGETS)
    print(bench_report.text_table(raw['rows']))
    for path in paths:
        print('wrote %s' % path)
    for problem in raw['problems']:
        print('TARGET MISSED: %s' % problem)
    return 1 if raw['problems'] else 0


if __name__ == '__main__':
    sys.exit(main())
