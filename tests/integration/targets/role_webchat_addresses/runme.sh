#!/usr/bin/env bash
# The webchat_addresses role against a fresh emulator, run as its users run it: one play over
# several sites (inventory hosts the role never contacts), with forks, check mode and --diff.
# What molecule proves (extensions/molecule/webchat_addresses: converge, idempotence, a hand edit
# put back, verify) is not repeated here; this target proves request counts, connections,
# ownership and purge, check mode, the record, bad input, and the move to Conversations.
set -euo pipefail
collection="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/twilio_ops/flex"
# Start an emulator for the whole script, then run the script again inside it.
if [ -z "${FLEX_EMULATOR_URL:-}" ]; then
  exec python "$collection/tests/emulator/with_emulator.py" -- bash "$0" "$@"
fi
set -x
export ANSIBLE_ROLES_PATH=..
output="${OUTPUT_DIR:-$(mktemp -d)}"
export RECORD_DIR="$output/records"
rm -rf "$RECORD_DIR"

# Everything the role does in a play, asserted through its fact, its results, its record and the
# emulator's request log.
ansible-playbook -i inventory.yml --forks 4 test.yml "$@" | tee "$output/test.txt"

# --check --diff from the command line, with an edit of site_two ("fr" gets the janitor, "de" is
# retired): the diff shows both, and nothing is written.
edit='{"webchat_addresses_languages": [{"language": "fr", "studio_flow": "Messaging Flow", "janitor_enabled": true},
       {"language": "de", "state": "absent"}]}'
ansible-playbook -i inventory.yml --limit site_two,localhost --check --diff -e "$edit" site.yml "$@" | tee "$output/check_diff.txt"
grep -E '^-\s+"janitor_enabled": false' "$output/check_diff.txt"
grep -E '^\+\s+"janitor_enabled": true' "$output/check_diff.txt"
grep -E '^\+\+\+ after: "Help de" \(FO[0-9a-f]{32}, web\): delete' "$output/check_diff.txt"
grep -E 'site_two +: ok=[0-9]+ +changed=1 ' "$output/check_diff.txt"

# Secrets given as role variables never reach the output, even at -vvv.
ansible-playbook -i inventory.yml --limit site_two,localhost -vvv site.yml "$@" > "$output/verbose.txt"
grep -E 'site_two +: ok=[0-9]+ +changed=0 .*failed=0' "$output/verbose.txt"

# A relative record directory is the playbook's, wherever ansible-playbook starts: the first run
# (from another directory) writes site_two's record beside site.yml, and a second run finds it
# there, so it has nothing to record again.
here="$PWD"
(cd "$output" && ANSIBLE_ROLES_PATH="$here/.." ansible-playbook -i "$here/inventory.yml" --limit site_two,localhost \
  -e webchat_addresses_record_dir=relative_records "$here/site.yml" "$@") > "$output/relative.txt"
test -f "$here/relative_records/site_two.json" && test ! -e "$output/relative_records"
grep -E 'site_two +: ok=[0-9]+ +changed=2 .*failed=0' "$output/relative.txt"
ansible-playbook -i inventory.yml --limit site_two,localhost -e webchat_addresses_record_dir=relative_records site.yml "$@" \
  | tee "$output/relative_again.txt"
grep -E 'site_two +: ok=[0-9]+ +changed=0 .*failed=0' "$output/relative_again.txt"
rm -rf "$here/relative_records"

# A site moves to Conversations (on a fresh account: this resets the emulator).
ansible-playbook -i inventory.yml conversations.yml "$@" | tee "$output/conversations.txt"

set +x
for secret in "$FLEX_EMULATOR_API_SECRET" "$TWILIO_AUTH_TOKEN"; do
  if grep -qF "$secret" "$output"/*.txt; then
    echo "a secret was printed" >&2
    exit 1
  fi
done
echo "no secret in the output"
