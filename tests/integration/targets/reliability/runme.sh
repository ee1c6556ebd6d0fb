#!/usr/bin/env bash
# Bad input refused before any request, and secrets kept out of everything a run prints or returns.
# Both depend on ansible-core (argument validation, no_log), so this target runs on every core;
# the HTTP client's faults are in the http_client target.
set -eux
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
export ANSIBLE_ROLES_PATH=..
emulate() { python "$collection/tests/emulator/with_emulator.py" "$@"; }

../setup_flex_emulator/run-playbook.sh bad_input.yml "$@"

# Everything printed at -vvvv, every registered result and the emulator's request log are kept,
# then searched for the secrets the run used.
rm -rf "${OUTPUT_DIR:-/tmp}/secrets" && mkdir -p "${OUTPUT_DIR:-/tmp}/secrets"
export SECRETS_DIR="${OUTPUT_DIR:-/tmp}/secrets"
emulate -- bash -c 'ansible-playbook -i ../setup_flex_emulator/inventory.ini secrets.yml -vvvv > "$SECRETS_DIR/output.log" 2>&1;
  status=$?; cat "$SECRETS_DIR/output.log" | tail -n 40; test $status -eq 0 &&
  python assert_no_secrets.py "$SECRETS_DIR" "$TWILIO_AUTH_TOKEN" "$FLEX_EMULATOR_API_SECRET" wrong-token-5e1f0c'
