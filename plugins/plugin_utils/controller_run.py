# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A module of the collection run inside the controller's own process, by its action plugin.

Why: the webchat_addresses role and the fleet report run a handful of modules per site (the site's
lock and record, site_lock, site_record_info and site_record; the account's listings, flex_flow_info
and conversations_address_info; the set modules, flex_flows and conversations_addresses), all of
them on the controller (delegate_to: localhost). A module process costs about half a second of CPU
(a fork, a temporary directory, an interpreter, its imports) for a request or two; run in the
worker's process instead, the same code costs milliseconds, so a converged site, and a report over
a fleet of them, costs requests rather than processes.

The module's own main() runs, unchanged, with ControllerRun in place of TwilioModule: the same
argument spec and checks (Ansible's ArgumentSpecValidator), connection rules, client, warnings,
check and diff modes and results, with every no_log value removed from the result. Every unit test
of such a module runs both ways (tests/unit/conftest.py). The action plugin falls back to running
the module as usual when this process cannot do it alike (no `requests` here, a connection that is
not local, an environment set for the module, which this process would not see, async)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase
from ansible_collections.twilio_ops.flex.plugins.module_utils._api import HAS_REQUESTS
from ansible_collections.twilio_ops.flex.plugins.module_utils._module import TwilioRun, with_connection


class Exited(Exception):
    """The end of a run: its result."""

    def __init__(self, result):
        super(Exited, self).__init__(result.get('msg'))
        self.result = result


class ControllerRun(TwilioRun):
    """What a module's main() uses of TwilioModule, for a run in this process."""

    def __init__(self, name, args, check_mode, diff, argument_spec, supports_check_mode=True, **rules):
        """rules: AnsibleModule's keywords for options that go together (mutually_exclusive,
        required_if, ...), which Ansible's validator takes alike."""
        self._name = name
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []
        validated = ArgumentSpecValidator(with_connection(argument_spec), **rules).validate(args)
        self.no_log_values = set(validated._no_log_values)
        self.params = validated.validated_parameters
        if validated.error_messages:
            self.fail_json(msg='; '.join(validated.error_messages))
        if check_mode and not supports_check_mode:
            self.exit_json(skipped=True, msg='remote module (%s) does not support check mode' % name)
        self.connect()

    def warn(self, warning):
        self.warnings.append(warning)

    def _end(self, result):
        if self.warnings:
            result['warnings'] = self.warnings
        raise Exited(remove_values(result, self.no_log_values))

    def exit_json(self, **result):
        result.setdefault('changed', False)
        self._end(result)

    def fail_json(self, msg, **result):
        result.update(failed=True, msg=msg)
        self._end(result)


class InProcessAction(ActionBase):
    """The action plugin of a module that may run in the controller's process (MODULE: its
    plugins.modules python module, whose main() takes `make`)."""

    MODULE = None
    _supports_check_mode = True
    # As a module (async runs in the background, which this process cannot).
    _supports_async = True

    def in_process(self):
        """Whether this process runs the module as the module process would: requests is here, the
        task runs on the controller (the local connection: delegate_to localhost) and no
        environment is set for the module by the task, its block, role or play."""
        return (HAS_REQUESTS and self._connection.transport in ('local', 'ansible.builtin.local') and not self._task.async_val
                and not self.module_environment())

    def module_environment(self):
        """The variables the module process would get, merged as Ansible merges them. Not the
        task's environment attribute as it stands: that is a list of every level's, such as
        [{}] when none sets any."""
        environment = {}
        self._compute_environment_string(environment)
        return environment

    def run(self, tmp=None, task_vars=None):
        result = super(InProcessAction, self).run(tmp, task_vars)
        if not self.in_process():
            # What Ansible's own action for modules does (ansible.builtin.normal).
            wrap_async = self._task.async_val and not self._connection.has_native_async
            result.update(self._execute_module(module_name=self._task.resolved_action, module_args=self._task.args, task_vars=task_vars,
                                               wrap_async=wrap_async))
            if not wrap_async:
                self._remove_tmp_path(self._connection._shell.tmpdir)
            return result
        result.update(self.run_module(self.MODULE, self._task.args, task_vars, bool(self._task.check_mode), bool(self._task.diff)))
        return result

    def run_module(self, module, args, task_vars, check_mode, diff):
        """The result of one run of the collection's `module` (its plugins.modules python module)
        with args: in this process when it can, else as a module process, in check mode and diff
        mode as given. A caller that runs several leaves the modules' temporary directory to remove
        (self._remove_tmp_path(self._connection._shell.tmpdir)) once, after the last."""
        name = module.__name__.rsplit('.', 1)[-1]
        if self.in_process():
            try:
                module.main(make=lambda **kwargs: ControllerRun(name, dict(args), check_mode, diff, **kwargs))
            except Exited as exc:
                return exc.result
            raise AssertionError('%s ended without a result' % name)
        saved = self._task.check_mode, self._task.diff
        self._task.check_mode, self._task.diff = check_mode, diff
        try:
            return self._execute_module(module_name='twilio_ops.flex.' + name, module_args=dict(args), task_vars=task_vars)
        finally:
            self._task.check_mode, self._task.diff = saved
