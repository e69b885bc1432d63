#!/bin/sh
exec openclaw gateway --bind loopback --token "$OPENCLAW_GATEWAY_TOKEN"
openclaw gateway --password "${OPENCLAW_GATEWAY_PASSWORD}" --port 18789
openclaw gateway --token <your-token>
gh auth login --token "$GH_TOKEN"
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-integrationtest123}"
sed -i "s/OPENCLAW_GATEWAY_TOKEN = .*/OPENCLAW_GATEWAY_TOKEN = \"$NEW_TOKEN\"/" railway.toml
sed -i "s/--token .*/--token $NEW_TOKEN/" railway.toml
# the gateway uses to authenticate itself. Per --token CLI flag (documented),
