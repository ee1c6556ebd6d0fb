#!/usr/bin/env bash
# The flex_flows module against a fresh emulator that applies Twilio's documented rate limits and
# cap for Flex Flows (--twilio-limits), as a user's playbook runs it.
exec ../setup_flex_emulator/run-playbook.sh --twilio-limits test.yml "$@"
