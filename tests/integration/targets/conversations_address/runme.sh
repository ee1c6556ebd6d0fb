#!/usr/bin/env bash
# The Conversations address modules against a fresh emulator, as a user's playbook runs them.
set -eux
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
export ANSIBLE_ROLES_PATH=..
python "$collection/tests/emulator/with_emulator.py" -- \
  ansible-playbook -i ../setup_flex_emulator/inventory.ini test.yml "$@"
