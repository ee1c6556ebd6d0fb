#!/usr/bin/env bash
# The role's account store under what operators do that takes minutes (role_account_store's
# operators.yml, run from that target's directory): runs at once, kill -9, 200 languages.
cd ../role_account_store && exec ../setup_flex_emulator/run-playbook.sh operators.yml "$@"
