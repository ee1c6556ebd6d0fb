#!/usr/bin/env bash
# The flex_flows module against a fresh emulator that applies Twilio's documented rate limits and
# cap for Flex Flows (--twilio-limits), as a user's playbook runs it.
set -eux
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
export ANSIBLE_ROLES_PATH=..
python "$collection/tests/emulator/with_emulator.py" --twilio-limits -- \
  ansible-playbook -i ../setup_flex_emulator/inventory.ini test.yml "$@"
