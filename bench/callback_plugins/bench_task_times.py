# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This callback belongs to the benchmark (bench/run_bench.py), not to the collection: it is not
# shipped in plugins/, and the benchmark enables it only for the runs whose time it attributes to
# tasks (the profiled converged run, the runs that write), never for the runs it compares.

"""Write the wall time of every task of a playbook run to the JSON file named by BENCH_TASK_TIMES.

A task's time runs from its start to the next task's start (or to the end of the play), as
ansible.posix.profile_tasks measures it, which that collection is not needed for here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: bench_task_times
type: aggregate
short_description: Wall time per task, for the benchmark's profile
description:
  - Writes C([{"name", "action", "seconds", "items", "skipped"}]) to the file named by E(BENCH_TASK_TIMES), in task order.
requirements:
  - enabled in ANSIBLE_CALLBACKS_ENABLED
'''

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_task_times'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._tasks = []
        self._started = None

    def _close(self):
        if self._tasks and self._started is not None:
            self._tasks[-1]['seconds'] = round(time.perf_counter() - self._started, 4)

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self._started = time.perf_counter()
        self._tasks.append(dict(name=task.get_name(), action=task.action, seconds=0.0, items=0, skipped=False))

    def v2_runner_on_skipped(self, result):
        self._tasks[-1]['skipped'] = True

    def v2_runner_item_on_ok(self, result):
        self._tasks[-1]['items'] += 1

    def v2_playbook_on_stats(self, stats):
        self._close()
        path = os.environ.get('BENCH_TASK_TIMES')
        if path:
            with open(path, 'w') as handle:
                json.dump(self._tasks, handle, indent=1)
