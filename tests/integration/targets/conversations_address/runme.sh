#!/usr/bin/env bash
# The Conversations address modules against a fresh emulator, as a user's playbook runs them.
exec ../setup_flex_emulator/run-playbook.sh test.yml "$@"
