# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""TwilioModule: what every module of the collection is. It takes the module's own options plus
the connection options, resolves those, and owns what belongs to one module run: the HTTP client,
the account reads, the warnings, and the exit, whose every result (failures included) carries the
retries the run needed. All of it but the options' parsing and the exit is TwilioRun, which a run
inside the controller's own process shares (plugins/plugin_utils/controller_run.py: the site's
lock and record, bookkeeping cheap enough to cost no module process). The families (_resource.Resources and its subclasses) and the set runs
(_resource_set.ResourceSet) read, plan and write through it; they never exit a module themselves.

The module flows are here too, one method each: a resource converged (run_one), resources listed
(run_info), account reads (run_read), any other step (run_flow)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.twilio_ops.flex.plugins.module_utils._account import Account
from ansible_collections.twilio_ops.flex.plugins.module_utils._api import TwilioClient
from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._connection import connection_argument_spec, location_refusal, resolve_connection
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import Refusal
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

INVALID = 'Invalid input, nothing was sent to Twilio: '


def with_connection(argument_spec):
    """A module's argument spec with the connection options added."""
    spec = connection_argument_spec()
    spec.update(argument_spec)
    return spec


class TwilioRun:
    """One run of a module's logic, on its options (params, check_mode), with what it needs to
    warn (warn), exit (exit_json, fail_json) and keep secrets out (no_log_values)."""

    def connect(self):
        """Resolve the connection options and make the run's client; fails on bad credentials."""
        self.sources, secrets = resolve_connection(self.params)
        self.no_log_values.update(secrets)
        self._pending_warnings = []
        # The credentials are checked here, before the module's own input: a run that cannot
        # authenticate says so first.
        self.client = TwilioClient(self)
        # Then the edge and region, which choose every product's host: a region where Flex is not
        # offered is refused before any request.
        refusal = location_refusal(self.params, self.sources)
        if refusal:
            self.fail(refusal)
        # The account reads of the run, each made on first use and kept.
        self.account = Account(self.client)

    def warn_once(self, warning):
        """A warning of the run, given with its result (once, however often it is found)."""
        if warning not in self._pending_warnings:
            self._pending_warnings.append(warning)

    def _flush(self, result):
        for warning in self._pending_warnings:
            self.warn(warning)
        self._pending_warnings = []
        result['retries'] = self.client.retries
        return result

    def exit(self, result):
        self.exit_json(**self._flush(result))

    def fail(self, msg, **extra):
        self.fail_json(msg=msg, **self._flush(extra))

    # -- the module flows -------------------------------------------------------------------

    def run_flow(self, step, refusals=()):
        """Exit with the result step() returns, or fail: with Twilio's error, or with the message
        of one of refusals (the exceptions by which a flow says what must not be done)."""
        try:
            result = step()
        except TwilioApiError as exc:
            self.fail(str(exc), error=exc.as_result())
        except refusals as exc:  # pylint: disable=catching-non-exception
            self.fail(str(exc))
        self.exit(result)

    def run_read(self, read):
        """Exit with the fields read() returns (changed: false), or fail with the API error."""
        self.run_flow(lambda: dict(read(), changed=False))

    def run_one(self, resources):
        """Validate the module's options as one entry, converge that resource, exit."""
        desired = resources.desired(self.params)
        problems = resources.problems(desired)
        if problems:
            self.fail(INVALID + '; '.join(problems))
        # The family's own product is used in any case: its URL is checked before any request.
        resources.collection_url()
        try:
            result = resources.converge(desired)
        except Refusal as exc:
            self.fail('Nothing was written: %s' % exc)
        except TwilioApiError as exc:
            self.fail(str(exc), error=exc.as_result())
        self.exit(result)

    def run_info(self, resources, result_key, sid=None, identity=None, keep=None):
        """Read-only: every matching resource as a list ([] when none match), for *_info modules."""
        if sid is not None and sid_problem(sid, resources.sid_prefix):
            self.fail(INVALID + 'sid %s %s' % (quoted(sid), sid_problem(sid, resources.sid_prefix)))
        self.run_read(lambda: {result_key: [record for record in resources.find(sid, identity) if keep is None or keep(record)]})


class TwilioModule(TwilioRun, AnsibleModule):
    """An AnsibleModule with the connection options, the client of the run and one exit."""

    def __init__(self, argument_spec, **kwargs):
        kwargs.setdefault('supports_check_mode', True)
        AnsibleModule.__init__(self, argument_spec=with_connection(argument_spec), **kwargs)
        self.connect()
