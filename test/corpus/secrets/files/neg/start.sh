#!/bin/sh
exec openclaw gateway --bind loopback --token "$OPENCLAW_GATEWAY_TOKEN"
openclaw gateway --password "${OPENCLAW_GATEWAY_PASSWORD}" --port 18789
openclaw gateway --token <your-token>
gh auth login --token "$GH_TOKEN"
