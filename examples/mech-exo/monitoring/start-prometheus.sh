#!/usr/bin/env bash
# Starts a local Prometheus with the example's data: a week of metrics backfilled with promtool (ending
# now) and the alerting rules of rules.yml. Then, in another shell, from the repository root:
#   PROM_TOKEN=demo node dist/cli.js check --cwd examples/mech-exo --stage post-deploy
# Needs Debian's prometheus package (apt-get install prometheus), which brings promtool.
# PORT (default 9090) is where it listens, on loopback only; Ctrl-C stops it and removes its data.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${PORT:-9090}
command -v prometheus >/dev/null && command -v promtool >/dev/null ||
  { echo "needs prometheus and promtool: apt-get install prometheus" >&2; exit 2; }
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

node "$here/generate-openmetrics.mjs" >"$dir/data.om"
promtool tsdb create-blocks-from openmetrics -q --max-block-duration=240h "$dir/data.om" "$dir/tsdb" >/dev/null
rm "$dir/data.om"
cp "$here/rules.yml" "$dir/rules.yml"
cat >"$dir/prometheus.yml" <<YAML
global: { scrape_interval: 15s, evaluation_interval: 15s }
rule_files: [rules.yml]
scrape_configs:
  - job_name: prometheus
    static_configs: [{ targets: ["127.0.0.1:$port"] }]
YAML
prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/tsdb" \
  --web.listen-address="127.0.0.1:$port" --storage.tsdb.retention.time=30d --log.level=warn &
pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "prometheus did not start" >&2; exit 1; }
  sleep 0.5
done
echo "Prometheus with Mech-Exo's week of data: http://127.0.0.1:$port (Ctrl-C stops it)"
wait "$pid"
