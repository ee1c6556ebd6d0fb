#!/usr/bin/env bash
# What the integration targets share: run one playbook of the calling target, as a user's playbook
# runs, against a fresh emulator (tests/emulator/with_emulator.py, which exports the credentials
# and URLs of its account), with the controller inventory of this directory and the targets as
# roles (setup_flex_emulator's tasks).
#
#   ../setup_flex_emulator/run-playbook.sh [EMULATOR OPTION ...] PLAYBOOK.yml [ANSIBLE-PLAYBOOK ARGUMENT ...]
#
# Run from the target's directory (ansible-test runs runme.sh there). The emulator options are
# every argument before the first one ending in .yml (with_emulator.py --help lists them:
# --twilio-limits for Twilio's documented rate limits and caps, for example).
set -eux
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
export ANSIBLE_ROLES_PATH=..
emulator_options=()
while [ $# -gt 0 ] && [[ "$1" != *.yml ]]; do
  emulator_options+=("$1")
  shift
done
if [ $# -eq 0 ]; then
  echo "usage: run-playbook.sh [EMULATOR OPTION ...] PLAYBOOK.yml [ANSIBLE-PLAYBOOK ARGUMENT ...]" >&2
  exit 2
fi
playbook="$1"
shift
exec python "$collection/tests/emulator/with_emulator.py" ${emulator_options[@]+"${emulator_options[@]}"} -- \
  ansible-playbook -i ../setup_flex_emulator/inventory.ini "$playbook" "$@"
