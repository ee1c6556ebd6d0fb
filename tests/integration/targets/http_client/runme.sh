#!/usr/bin/env bash
# The HTTP client under faults: retries, recovery of writes whose outcome is unknown, certificates,
# answers that are not Twilio's, connection settings, and several sites at once against a
# throttled account. The client is the collection's Python and requests, the same under every
# ansible-core, so the Makefile runs this target on the newest core only; its unit tests
# (tests/unit/plugins/module_utils/test_api_*.py) run on every core.
set -eux
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
export ANSIBLE_ROLES_PATH=..
emulate() { python "$collection/tests/emulator/with_emulator.py" "$@"; }

../setup_flex_emulator/run-playbook.sh faults.yml "$@"
python tls_server.py -- ansible-playbook -i ../setup_flex_emulator/inventory.ini tls.yml "$@"
python not_twilio_server.py -- ansible-playbook -i ../setup_flex_emulator/inventory.ini not_twilio.yml "$@"
../setup_flex_emulator/run-playbook.sh connection.yml "$@"

ANSIBLE_FORKS=6 emulate --max-in-flight 2 -- ansible-playbook -i concurrency.ini concurrency.yml "$@"
