#!/usr/bin/env bash
# Voz benchmark (issue 6): one command, one table. See BENCHMARKS.md.
#   bench/run.sh [--rate 5000] [--duration 3m] [--survivors 2000] [--telegram-share 0.2] [--long] [--fsync everysec,always]
#                [--warmup 15s] [--connections 64] [--baseline 10s | --no-baseline] [--jfr]
#                [--embedded-redis] [--voz-jvm-opts "-Xmx512m"] [--no-build: reuse target/voz.jar]
#                [--fanout 100000 | --fanout 0] [--fanout-rate 500]
# Everything runs on 127.0.0.1 and every child process is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

build=1
args=()
for a in "$@"; do
  if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done

# a system redis-server if there is one; install it where we may (Debian/Ubuntu, as root); else the embedded one
if ! command -v redis-server >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "[bench] installing redis-server (apt-get)..." >&2
  apt-get install -y -qq redis-server >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq redis-server >/dev/null 2>&1; } \
    || echo "[bench] could not install redis-server: using the embedded one" >&2
fi

if [[ $build == 1 || ! -f target/voz.jar ]]; then
  echo "[bench] building target/voz.jar (mvn -DskipTests package)..." >&2
  mvn -q -o -DskipTests package >&2 || mvn -q -DskipTests package >&2
fi
# the load tool is small: always rebuilt (javac against the service jar, which carries Vert.x and Lettuce)
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -nowarn -d target/bench-classes -cp target/voz.jar $(find bench/src/main/java -name '*.java')
jar cf target/voz-bench.jar -C target/bench-classes .

# BENCH_JVM_OPTS: extra JVM options for the load tool itself (e.g. a JFR recording of the tool)
# shellcheck disable=SC2086
exec java ${BENCH_JVM_OPTS:-} -Xms256m -Xmx1g -cp target/voz.jar:target/voz-bench.jar org.voz.bench.Bench "${args[@]+"${args[@]}"}"
