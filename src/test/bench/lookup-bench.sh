#!/usr/bin/env bash
# GET /api/pns/{nip} of the service (rate limiter on, limits raised) against a bare Vert.x +
# PostgreSQL lookup of the same row on the same database (LookupBaseline), alternating runs.
#   src/test/bench/lookup-bench.sh            # BENCH_DB (default epupns_lt) must hold SAPK data,
#                                             # load-tests/target/feeders/nips.csv its NIPs (loadtest-prepare)
# ROUNDS (5), RUN_SECONDS (10), CONNECTIONS (64), ACCESS_LOG (true), JAVA_OPTS (-Xmx384m).
set -euo pipefail
cd "$(dirname "$0")/../../.."
DB=${BENCH_DB:-epupns_lt}
ROUNDS=${ROUNDS:-5}
SECONDS_PER_RUN=${RUN_SECONDS:-10}
CONNECTIONS=${CONNECTIONS:-64}
JAVA_OPTS=${JAVA_OPTS:--Xmx384m}
SERVICE_PORT=18081
BASELINE_PORT=18082
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)"; exit 2; }
[ -f target/epupns.jar ] || mvn -B -q -o package -DskipTests
[ -f target/cp.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
mvn -B -q -o test-compile

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
EPUPNS_HTTP_PORT=$SERVICE_PORT EPUPNS_DB_URL=postgresql://postgres@127.0.0.1:5432/$DB \
  EPUPNS_REDIS_KEY_PREFIX=lookup-bench: EPUPNS_LOG_ACCESS_LOG=${ACCESS_LOG:-true} \
  EPUPNS_RATE_LIMIT_LOOKUP_PER_IP=1000000000 EPUPNS_RATE_LIMIT_LOOKUP_PER_NIP=1000000000 \
  java $JAVA_OPTS ${PROFILE_OPTS:-} -jar target/epupns.jar > target/lookup-bench-service.log 2>&1 &
pids+=($!)
java $JAVA_OPTS -cp target/classes:target/test-classes:$(cat target/cp.txt) \
  id.go.bkn.epupns.registration.bench.LookupBaseline $BASELINE_PORT postgresql://postgres@127.0.0.1:5432/$DB \
  > target/lookup-bench-baseline.log 2>&1 &
pids+=($!)
NIP=$(sed -n 2p "${NIPS:-load-tests/target/feeders/nips.csv}")
for port in $SERVICE_PORT $BASELINE_PORT; do
  for i in $(seq 90); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/pns/$NIP")" = 200 ] && break
    sleep 1
  done
done

rps() { wrk -t1 -c"$CONNECTIONS" -d"$1"s -s src/test/bench/lookup-nips.lua "http://127.0.0.1:$2" \
  | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non2xx " $4 > "/dev/stderr"}'; }
echo "warm-up (JIT) ..."
rps 10 $SERVICE_PORT >/dev/null; rps 10 $BASELINE_PORT >/dev/null
printf '%-6s %12s %12s %8s\n' round service baseline ratio
total_s=0; total_b=0
for r in $(seq "$ROUNDS"); do
  s=$(rps "$SECONDS_PER_RUN" $SERVICE_PORT); b=$(rps "$SECONDS_PER_RUN" $BASELINE_PORT)
  printf '%-6s %12.0f %12.0f %8.2f\n' "$r" "$s" "$b" "$(echo "$s / $b" | bc -l)"
  total_s=$(echo "$total_s + $s" | bc -l); total_b=$(echo "$total_b + $b" | bc -l)
done
printf '%-6s %12.0f %12.0f %8.2f\n' mean "$(echo "$total_s / $ROUNDS" | bc -l)" "$(echo "$total_b / $ROUNDS" | bc -l)" \
  "$(echo "$total_s / $total_b" | bc -l)"
