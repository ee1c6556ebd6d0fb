#!/usr/bin/env bash
# site_lock against a fresh emulator (Sync documents), as a user's playbook runs it: two runs at
# once, a forced unlock, an expired lease, check mode.
set -eux
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
export ANSIBLE_ROLES_PATH=..
python "$collection/tests/emulator/with_emulator.py" -- \
  ansible-playbook -i ../setup_flex_emulator/inventory.ini test.yml "$@"
