# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Jobs as a controller runs them: examples/webchat_sites through ansible-runner.

Each job gets a fresh private data directory, as AWX and Automation Platform make one for every
job: the project (a copy of examples/webchat_sites, as a project sync makes), the inventory, the
credential's environment variables (env/envvars) and the extra variables (env/extravars). Nothing
is kept between jobs but what the emulated Twilio accounts hold.

Three emulators (three Twilio accounts) run as processes on 127.0.0.1 with Twilio's documented
rate limits (--twilio-limits) for the whole session; every scenario uses sites of its own (their
own name prefix and record), so scenarios do not see each other's addresses.

The collection comes from FLEX_COLLECTION_PATH (the Makefile's staged .build, as an execution
environment has it installed), or is staged here into a temporary directory.
"""

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

import ansible_runner

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

import with_emulator  # noqa: E402  (tests/emulator, put on the path above)

EXAMPLE = os.path.join(ROOT, 'examples', 'webchat_sites')
ACCOUNTS = 3
# Where the suite writes what it measured (each job's wall time and requests): read by whoever
# updates docs/docsite/rst/guide_awx.rst, "Measured".
REPORT = os.environ.get('FLEX_RUNNER_JOBS_REPORT', os.path.join(ROOT, 'tests', 'output', 'runner-jobs.json'))


class Account(object):
    """One emulator: one Twilio account."""

    def __init__(self, index, process, url, creds):
        self.index = index
        self.process = process
        self.url = url
        self.creds = creds

    def env(self):
        """What the Twilio credential type injects into a job, pointed at this emulator."""
        return dict(
            TWILIO_ACCOUNT_SID=self.creds['TWILIO_ACCOUNT_SID'],
            TWILIO_AUTH_TOKEN=self.creds['TWILIO_AUTH_TOKEN'],
            TWILIO_FLEX_API_URL=self.url + '/flex-api',
            TWILIO_STUDIO_API_URL=self.url + '/studio',
            TWILIO_CONVERSATIONS_API_URL=self.url + '/conversations',
            TWILIO_SYNC_API_URL=self.url + '/sync',
        )

    def host_vars(self):
        """The same connection as the role's variables, for a site whose job has another account's credential."""
        return dict(
            webchat_addresses_account_sid=self.creds['TWILIO_ACCOUNT_SID'],
            webchat_addresses_auth_token=self.creds['TWILIO_AUTH_TOKEN'],
            webchat_addresses_flex_api_url=self.url + '/flex-api',
            webchat_addresses_studio_api_url=self.url + '/studio',
            webchat_addresses_conversations_api_url=self.url + '/conversations',
            webchat_addresses_sync_api_url=self.url + '/sync',
        )

    def hook(self, path, data=None):
        body = None if data is None else json.dumps(data).encode()
        request = urllib.request.Request(self.url + '/__emulator__/' + path, data=body,
                                         headers={'Content-Type': 'application/json'} if body else {})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read().decode() or 'null')

    def requests(self):
        return self.hook('requests')

    def state(self):
        return self.hook('state')

    def flows(self):
        return self.state()['flex_flows']

    def create_flow(self, friendly_name):
        """An address made by hand, through the API (as in the Twilio Console), on the seeded Webchat Flow."""
        import base64
        import urllib.parse
        studio = [flow for flow in self.state()['studio_flows'] if flow['friendly_name'] == 'Webchat Flow'][0]
        chat_service = self.state()['configuration'].get('chat_service_instance_sid')
        form = dict(FriendlyName=friendly_name, ChannelType='web', IntegrationType='studio',
                    **{'Integration.FlowSid': studio['sid'], 'ChatServiceSid': chat_service})
        auth = base64.b64encode(('%s:%s' % (self.creds['TWILIO_ACCOUNT_SID'], self.creds['TWILIO_AUTH_TOKEN'])).encode()).decode()
        request = urllib.request.Request(self.url + '/flex-api/v1/FlexFlows', data=urllib.parse.urlencode(form).encode(),
                                         headers={'Authorization': 'Basic ' + auth})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read().decode())


@pytest.fixture(scope='session')
def accounts():
    started = []
    try:
        for index in range(ACCOUNTS):
            creds = with_emulator.credentials()
            process, url = with_emulator.start(creds, twilio_limits=True)
            started.append(Account(index, process, url, creds))
        yield started
    finally:
        for account in started:
            with_emulator.stop(account.process)


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    given = os.environ.get('FLEX_COLLECTION_PATH')
    if given:
        return given
    staged = str(tmp_path_factory.mktemp('stage'))
    subprocess.run([os.path.join(ROOT, 'scripts', 'stage-collection'), staged], check=True, stdout=subprocess.DEVNULL)
    return staged


class Job(object):
    """One controller job: its private data directory, then its run and artifacts."""

    def __init__(self, pdd, ident):
        self.pdd = pdd
        self.ident = ident
        self.seconds = None
        self._process = self._started = None
        self._events = None

    def run(self, check=False):
        """Run the job with ansible_runner.run() and wait for it."""
        started = time.monotonic()
        ansible_runner.run(private_data_dir=self.pdd, playbook='provision.yml', ident=self.ident,
                           cmdline='--check --diff' if check else None, quiet=True)
        self.seconds = time.monotonic() - started
        return self

    def start(self, check=False):
        """Start the job with the ansible-runner command, as a process of its own (jobs at once):
        wait() ends it."""
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-runner'), 'run', self.pdd,
                   '-p', 'provision.yml', '--ident', self.ident, '-q']
        if check:
            command += ['--cmdline', '--check --diff']
        self._started = time.monotonic()
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        return self

    def wait(self):
        self._process.wait()
        self.seconds = time.monotonic() - self._started
        return self

    def _artifact(self, name):
        with open(os.path.join(self.pdd, 'artifacts', self.ident, name)) as stream:
            return stream.read()

    @property
    def status(self):
        """What the job ended as (the artifact `status`: successful, failed...)."""
        return self._artifact('status').strip()

    @property
    def rc(self):
        return int(self._artifact('rc').strip())

    @property
    def events(self):
        """The job's events, from its artifacts (<pdd>/artifacts/<ident>/job_events)."""
        if self._events is None:
            directory = os.path.join(self.pdd, 'artifacts', self.ident, 'job_events')
            events = []
            for name in os.listdir(directory):
                with open(os.path.join(directory, name)) as stream:
                    events.append(json.load(stream))
            self._events = sorted(events, key=lambda event: event['counter'])
        return self._events

    def results(self, action):
        """{site: res} of the module `action` (its runner_on_ok events)."""
        return dict((event['event_data']['host'], event['event_data']['res']) for event in self.events
                    if event['event'] == 'runner_on_ok' and event['event_data'].get('resolved_action') == action)

    def module_results(self):
        """The results of every module of the collection the job ran (runner_on_ok and runner_on_failed)."""
        return [event['event_data']['res'] for event in self.events
                if event['event'] in ('runner_on_ok', 'runner_on_failed')
                and str(event['event_data'].get('resolved_action')).startswith('twilio_ops.flex.')]

    def failures(self):
        return [event for event in self.events if event['event'] in ('runner_on_failed', 'runner_on_unreachable')
                and not event['event_data'].get('ignore_errors')]

    def stats(self):
        """The playbook_on_stats event's data: ok, changed, failures... per host, and artifact_data (set_stats)."""
        return [event for event in self.events if event['event'] == 'playbook_on_stats'][-1]['event_data']

    def messages(self):
        """{site: [debug messages]}."""
        found = {}
        for event in self.events:
            if event['event'] == 'runner_on_ok' and event['event_data'].get('resolved_action') == 'ansible.builtin.debug':
                message = event['event_data']['res'].get('msg')
                found.setdefault(event['event_data']['host'], []).append(message)
        return found

    def describe(self):
        """Say what went wrong, for an assertion message."""
        return 'job %s: status %s rc %s; failures: %s; stdout tail:\n%s' % (
            self.ident, self.status, self.rc,
            [(event['event_data'].get('host'), event['event_data'].get('task'), event['event_data']['res'].get('msg'))
             for event in self.failures()],
            ''.join(self._artifact('stdout').splitlines(True)[-30:]))


@pytest.fixture
def new_job(tmp_path_factory, collections_path):
    """new_job(ident, sites, envvars=None, extravars=None) -> Job, in a fresh private data directory.

    `sites` maps each site (inventory host) to its host variables (its languages, its prefix, and,
    when its account is not the job's credential, its connection).
    """
    def make(ident, sites, envvars=None, extravars=None):
        pdd = str(tmp_path_factory.mktemp(ident))
        project = os.path.join(pdd, 'project')
        # The project, as a project sync makes it: the repository's files, and nothing a job left.
        shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns('webchat_addresses_records', '*.retry'))
        # The inventory: the example's group variables, and the job's sites.
        inventory = os.path.join(pdd, 'inventory')
        shutil.copytree(os.path.join(project, 'inventory', 'group_vars'), os.path.join(inventory, 'group_vars'))
        hosts = dict(sites=dict(hosts=sites, vars=dict(ansible_python_interpreter=sys.executable)))
        with open(os.path.join(inventory, 'hosts.yml'), 'w') as stream:
            yaml.safe_dump(hosts, stream, default_flow_style=False)
        env = os.path.join(pdd, 'env')
        os.makedirs(env)
        # The credential's injected variables; the collection's path and this venv's bin on PATH
        # stand for the execution environment, which has the collection and ansible-core installed.
        variables = dict(envvars or {}, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_NOCOLOR='1',
                         PATH=os.pathsep.join([os.path.dirname(sys.executable), os.environ.get('PATH', os.defpath)]))
        with open(os.path.join(env, 'envvars'), 'w') as stream:
            yaml.safe_dump(variables, stream, default_flow_style=False)
        if extravars:
            with open(os.path.join(env, 'extravars'), 'w') as stream:
                yaml.safe_dump(extravars, stream, default_flow_style=False)
        return Job(pdd, ident)
    return make


class Measurements(object):
    """Each job's wall time and requests, written to REPORT at the end of the session."""

    def __init__(self):
        self.rows = []

    def add(self, scenario, job, seconds, requests, note=''):
        self.rows.append(dict(scenario=scenario, job=job, seconds=round(seconds, 1), requests=requests, note=note))


@pytest.fixture(scope='session')
def measured():
    measurements = Measurements()
    yield measurements
    directory = os.path.dirname(REPORT)
    if not os.path.isdir(directory):
        os.makedirs(directory)
    with open(REPORT, 'w') as stream:
        json.dump(dict(python=sys.version.split()[0], cpus=os.cpu_count(), when=time.strftime('%Y-%m-%d'),
                       ansible_runner=importlib.metadata.version('ansible-runner'),
                       jobs=measurements.rows), stream, indent=2)
    for row in measurements.rows:
        sys.stderr.write('%(scenario)-10s %(job)-16s %(seconds)6.1f s %(requests)s %(note)s\n' % row)


def count(log, since=0):
    """Requests of an emulator's log from index `since`: {'total', 'writes', '429'}."""
    entries = log[since:]
    return dict(total=len(entries), writes=sum(1 for entry in entries if entry['method'] in ('POST', 'DELETE')),
                throttled=sum(1 for entry in entries if entry['status'] == 429))
