#!/usr/bin/env bash
# The fleet report (playbook twilio_ops.flex.drift_report) over sites planted with one drift of
# each kind, against a fresh emulator: its JSON, Markdown and HTML (rendered by headless Chromium),
# no write to the account, and fail_on_drift's exit status.
exec ../setup_flex_emulator/run-playbook.sh test.yml "$@"
