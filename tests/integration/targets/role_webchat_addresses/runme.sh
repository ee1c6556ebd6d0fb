#!/usr/bin/env bash
# The webchat_addresses role against a fresh emulator, run as its users run it: one play over
# several sites (inventory hosts the role never contacts), with forks, check mode and --diff.
set -euo pipefail
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
# Start an emulator for the whole script, then run the script again inside it.
if [ -z "${FLEX_EMULATOR_URL:-}" ]; then
  exec python "$collection/tests/emulator/with_emulator.py" -- bash "$0" "$@"
fi
set -x
export ANSIBLE_ROLES_PATH=..
output="${OUTPUT_DIR:-$(mktemp -d)}"
log_length() {
  python -c 'import json, os, urllib.request
print(len(json.load(urllib.request.urlopen(os.environ["FLEX_EMULATOR_URL"] + "/__emulator__/requests"))))'
}

# Everything the role does, asserted through its fact, its results and the emulator's request log.
ansible-playbook -i inventory.yml --forks 4 test.yml "$@" | tee "$output/test.txt"

# --check --diff from the command line, with an edit (janitor_enabled for "es"): the diff shows
# the change, and nothing is written.
mark=$(log_length)
ansible-playbook -i inventory.yml --limit site_one --check --diff -e @edit.yml site.yml "$@" | tee "$output/check_diff.txt"
grep -E '^-\s+"janitor_enabled": false' "$output/check_diff.txt"
grep -E '^\+\s+"janitor_enabled": true' "$output/check_diff.txt"
grep -E 'changed: \[site_one -> localhost\] => \(item=WebChat es\)' "$output/check_diff.txt"
ansible-playbook -i inventory.yml check_log.yml -e emulator_mark="$mark" -e expected_writes=0 "$@"

# The same edit for real: one write, and the next run changes nothing.
mark=$(log_length)
ansible-playbook -i inventory.yml --limit site_one --diff -e @edit.yml site.yml "$@" | tee "$output/apply_diff.txt"
grep -E '^\+\s+"janitor_enabled": true' "$output/apply_diff.txt"
ansible-playbook -i inventory.yml check_log.yml -e emulator_mark="$mark" -e expected_writes=1 "$@"
ansible-playbook -i inventory.yml --limit site_one -e @edit.yml site.yml "$@" | tee "$output/again.txt"
grep -E 'site_one +: ok=[0-9]+ +changed=0 .*failed=0' "$output/again.txt"

# Secrets given as role variables never reach the output, even at -vvv.
ansible-playbook -i inventory.yml --limit site_two,localhost -vvv site.yml "$@" > "$output/verbose.txt"
grep -E 'site_two +: ok=[0-9]+ +changed=0 .*failed=0' "$output/verbose.txt"
set +x
for secret in "$FLEX_EMULATOR_API_SECRET" "$TWILIO_AUTH_TOKEN"; do
  if grep -qF "$secret" "$output"/*.txt; then
    echo "a secret was printed" >&2
    exit 1
  fi
done
echo "no secret in the output"
