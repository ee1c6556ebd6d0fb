#!/usr/bin/env bash
# The webchat_addresses role with its record and lock in the site's account (the default store),
# against a fresh emulator, as operators run it: two runs at once, a controller killed mid-run, a
# job in a fresh directory, a record of another account, 200 languages, check mode.
exec ../setup_flex_emulator/run-playbook.sh test.yml "$@"
