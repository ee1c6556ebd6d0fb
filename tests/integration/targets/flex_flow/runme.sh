#!/usr/bin/env bash
# The flex_flow module against a fresh emulator, as a user's playbook runs it.
exec ../setup_flex_emulator/run-playbook.sh test.yml "$@"
