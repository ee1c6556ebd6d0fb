#!/usr/bin/env bash
# site_lock against a fresh emulator (Sync documents), as a user's playbook runs it: two runs at
# once, a forced unlock, an expired lease, check mode.
exec ../setup_flex_emulator/run-playbook.sh test.yml "$@"
