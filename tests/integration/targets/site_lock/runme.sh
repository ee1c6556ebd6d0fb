#!/usr/bin/env bash
# site_lock against a fresh emulator (Sync documents), as a user's playbook runs it: two runs at
# once, a forced unlock, an expired lease, check mode.
#
# Modules' files are kept in a directory of this run's own, so that test.yml can count the
# site_lock tasks that ran as a module process: only the async one and the one that sets an
# environment; the others run in the controller's process (plugins/plugin_utils/controller_run.py).
set -eu
ANSIBLE_REMOTE_TMP="${OUTPUT_DIR:-$(mktemp -d)}/remote-tmp"
rm -rf "$ANSIBLE_REMOTE_TMP" && mkdir -p "$ANSIBLE_REMOTE_TMP"
export ANSIBLE_REMOTE_TMP ANSIBLE_KEEP_REMOTE_FILES=1
exec ../setup_flex_emulator/run-playbook.sh test.yml "$@"
