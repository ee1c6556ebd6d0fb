#!/usr/bin/env bash
# Faults survived, secrets kept: the modules against an emulator that misbehaves on purpose.
set -eux
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
export ANSIBLE_ROLES_PATH=..
emulate() { python "$collection/tests/emulator/with_emulator.py" "$@"; }

emulate -- ansible-playbook -i ../setup_flex_emulator/inventory.ini faults.yml "$@"
emulate -- ansible-playbook -i ../setup_flex_emulator/inventory.ini bad_input.yml "$@"

# Everything printed at -vvvv, every registered result and the emulator's request log are kept,
# then searched for the secrets the run used.
rm -rf "${OUTPUT_DIR:-/tmp}/secrets" && mkdir -p "${OUTPUT_DIR:-/tmp}/secrets"
export SECRETS_DIR="${OUTPUT_DIR:-/tmp}/secrets"
emulate -- bash -c 'ansible-playbook -i ../setup_flex_emulator/inventory.ini secrets.yml -vvvv > "$SECRETS_DIR/output.log" 2>&1;
  status=$?; cat "$SECRETS_DIR/output.log" | tail -n 40; test $status -eq 0 &&
  python assert_no_secrets.py "$SECRETS_DIR" "$TWILIO_AUTH_TOKEN" "$FLEX_EMULATOR_API_SECRET" wrong-token-5e1f0c'

python tls_server.py -- ansible-playbook -i ../setup_flex_emulator/inventory.ini tls.yml "$@"
python not_twilio_server.py -- ansible-playbook -i ../setup_flex_emulator/inventory.ini not_twilio.yml "$@"
emulate -- ansible-playbook -i ../setup_flex_emulator/inventory.ini connection.yml "$@"

ANSIBLE_FORKS=6 emulate --max-in-flight 2 -- ansible-playbook -i concurrency.ini concurrency.yml "$@"
