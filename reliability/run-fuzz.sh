#!/usr/bin/env bash
# Builds Voz if needed, starts it in dev against a Redis (redis-server when installed, else the jar's embedded
# one) and a local stub for Twilio, Telegram and the alert webhooks, runs reliability/fuzz.py, stops everything.
# Exits non-zero when any response was 5xx or /health/ready ever failed.
#
#   reliability/run-fuzz.sh [fuzz.py options, e.g. --requests 100000 --concurrency 16 --seed 1]
#
# Env: VOZ_FUZZ_PORT (default 28180), VOZ_FUZZ_STUB_PORT (28181), VOZ_FUZZ_REDIS_PORT (28179): each must be free.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
port="${VOZ_FUZZ_PORT:-28180}"
stub_port="${VOZ_FUZZ_STUB_PORT:-28181}"
redis_port="${VOZ_FUZZ_REDIS_PORT:-28179}"
for p in "$port" "$stub_port" "$redis_port"; do
  if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(0 if s.connect_ex(('127.0.0.1', $p)) == 0 else 1)"; then
    echo "port $p is taken (another service?): set VOZ_FUZZ_PORT, VOZ_FUZZ_STUB_PORT, VOZ_FUZZ_REDIS_PORT" >&2
    exit 2
  fi
done
work="$(mktemp -d /tmp/voz-fuzz.XXXXXX)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "logs and data: $work" >&2
}
trap cleanup EXIT

jar="$repo/target/voz.jar"
if [[ ! -f "$jar" ]]; then
  echo "building $jar" >&2
  (cd "$repo" && mvn -q -B -ntp -DskipTests package)
fi

# throw-away secrets of this run only
twilio_token="fuzz-twilio-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
telegram_secret="fuzz-telegram-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
admin_token="fuzz-admin-$(od -An -N16 -tx8 /dev/urandom | tr -d ' \n')"
data_key="$(head -c 32 /dev/urandom | base64)"

python3 "$here/stub.py" "$stub_port" &
pids+=($!)

redis_url=""
if command -v redis-server >/dev/null 2>&1; then
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=($!)
  redis_url="redis://127.0.0.1:$redis_port"
  echo "redis-server on $redis_port" >&2
else
  echo "no redis-server (apt-get install -y redis-server): Voz starts its embedded Redis" >&2
fi

ln -s "$repo/conversations" "$work/conversations" # Voz reads conversations/ from its working directory
# the fuzz client is one address sending thousands of wrong tokens: with the default throttle it would be answered
# 429 from its tenth, and the staff API behind the token would go untested
printf 'throttle:\n  authFailures: 100000000\n' >"$work/fuzz-config.yaml"
(
  cd "$work"
  export VOZ_CONFIG="$work/fuzz-config.yaml" VOZ_ENV=dev VOZ_HTTP_PORT="$port" VOZ_PUBLIC_URL="http://127.0.0.1:$port" VOZ_ADMIN_TOKEN="$admin_token" \
    VOZ_DATA_KEY="$data_key" TWILIO_ACCOUNT_SID="AC00000000000000000000000000000000" TWILIO_AUTH_TOKEN="$twilio_token" \
    TWILIO_FROM="+15550009999" TWILIO_API_BASE="http://127.0.0.1:$stub_port" TELEGRAM_BOT_TOKEN="123456:fuzz" \
    TELEGRAM_WEBHOOK_SECRET="$telegram_secret" TELEGRAM_API_BASE="http://127.0.0.1:$stub_port" \
    VOZ_ALERT_WEBHOOK_URL="http://127.0.0.1:$stub_port/alerts" VOZ_ALERT_WEBHOOK_SECRET="fuzz-alerts" \
    VOZ_SAFEGUARDING_WEBHOOK_URL="http://127.0.0.1:$stub_port/safeguarding" VOZ_SAFEGUARDING_WEBHOOK_SECRET="fuzz-sg" \
    VOZ_LOG_LEVEL="${VOZ_LOG_LEVEL:-WARN}"
  if [[ -n "$redis_url" ]]; then export REDIS_URL="$redis_url"; fi
  exec java -Xmx512m -jar "$jar" >"$work/voz.log" 2>&1
) &
pids+=($!)

voz_pid="${pids[-1]}"
for _ in $(seq 1 120); do
  kill -0 "$voz_pid" 2>/dev/null || { echo "Voz did not start:" >&2; tail -20 "$work/voz.log" >&2; exit 2; }
  if python3 - "$port" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health/ready", timeout=2).read()
PY
  sleep 1
done

kill -0 "$voz_pid" 2>/dev/null || { echo "Voz did not start:" >&2; tail -20 "$work/voz.log" >&2; exit 2; }
status=0
python3 "$here/fuzz.py" --url "http://127.0.0.1:$port" --twilio-token "$twilio_token" \
  --telegram-secret "$telegram_secret" --admin-token "$admin_token" --samples "$work/fuzz-5xx.txt" \
  --report "$work/fuzz-report.json" "$@" || status=$?
kill -0 "$voz_pid" 2>/dev/null || { echo "Voz died during the run" >&2; status=1; }
echo "Voz log: $(grep -c ' ERROR ' "$work/voz.log" || true) ERROR lines in $work/voz.log" >&2
exit "$status"
