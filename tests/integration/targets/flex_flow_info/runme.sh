#!/usr/bin/env bash
# The read-only modules against a fresh emulator, including an account of more than one page.
exec ../setup_flex_emulator/run-playbook.sh test.yml "$@"
