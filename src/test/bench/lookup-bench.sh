#!/usr/bin/env bash
# GET /api/pns/{nip} of the service (rate limiter on, limits raised) against a bare Vert.x +
# PostgreSQL lookup of the same row on the same database (LookupBaseline), alternating runs.
#   src/test/bench/lookup-bench.sh            # BENCH_DB (default epupns_lt) must hold SAPK data,
#                                             # load-tests/target/feeders/nips.csv its NIPs (loadtest-prepare)
# ROUNDS (5), RUN_SECONDS (10), CONNECTIONS (64), ACCESS_LOG (true), JAVA_OPTS (-Xmx384m),
# SERVICE_JAR (target/epupns.jar), INSTANCES (2), BEFORE_JAR (another build, e.g. the code before a change:
# then it runs too, on its own port, and every round alternates before, service and baseline), BEFORE_ENV (settings
# of that "before" service, e.g. BEFORE_ENV=EPUPNS_HTTP_FAST_LANE=false with the same jar: the router path),
# DISTINCT_IPS=1 (every request from another address, X-Forwarded-For, with the configured per-IP limit of 60:
# the peak's case, where no address is near a raised limit and every request costs its own Redis round trip).
set -euo pipefail
cd "$(dirname "$0")/../../.."
DB=${BENCH_DB:-epupns_lt}
ROUNDS=${ROUNDS:-5}
SECONDS_PER_RUN=${RUN_SECONDS:-10}
CONNECTIONS=${CONNECTIONS:-64}
JAVA_OPTS=${JAVA_OPTS:--Xmx384m}
SERVICE_PORT=18081
BASELINE_PORT=18082
BEFORE_PORT=18083
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)"; exit 2; }
SERVICE_JAR=${SERVICE_JAR:-target/epupns.jar}
[ -f "$SERVICE_JAR" ] || mvn -B -q -o package -DskipTests
[ -f target/cp.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
mvn -B -q -o test-compile

if [ "${DISTINCT_IPS:-0}" = 1 ]; then
  LIMITS="EPUPNS_HTTP_TRUSTED_CLIENT_IP_HEADER=X-Forwarded-For"
else
  LIMITS="EPUPNS_RATE_LIMIT_LOOKUP_PER_IP=1000000000"
fi
export DISTINCT_IPS
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
# service <jar> <port> <log> [VAR=value ...]: the service with the lookup limit raised (not removed).
service() {
  # The settings given last win: BEFORE_ENV can switch off what the defaults here switch on.
  env EPUPNS_HTTP_PORT=$2 EPUPNS_MANAGEMENT_PORT=$(($2 + 100)) EPUPNS_DB_URL=postgresql://postgres@127.0.0.1:5432/$DB \
    EPUPNS_REDIS_KEY_PREFIX=lookup-bench-$2: EPUPNS_LOG_ACCESS_LOG=${ACCESS_LOG:-true} \
    $LIMITS \
    EPUPNS_HTTP_INSTANCES=${INSTANCES:-2} "${@:4}" java $JAVA_OPTS ${PROFILE_OPTS:-} -jar "$1" > "$3" 2>&1 &
  pids+=($!)
}
NIP=$(sed -n 2p "${NIPS:-load-tests/target/feeders/nips.csv}")
# One process at a time: several JVMs starting at once on a busy box slow each other's start-up.
ready() {
  for i in $(seq 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/api/pns/$NIP")" = 200 ] && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 1
  done
  echo "port $1 did not answer (see target/lookup-bench-*.log)"; exit 1
}
service "$SERVICE_JAR" $SERVICE_PORT target/lookup-bench-service.log
ready $SERVICE_PORT
PORTS="$SERVICE_PORT $BASELINE_PORT"
if [ -n "${BEFORE_JAR:-}" ]; then
  service "$BEFORE_JAR" $BEFORE_PORT target/lookup-bench-before.log ${BEFORE_ENV:-}
  ready $BEFORE_PORT
  PORTS="$PORTS $BEFORE_PORT"
fi
java $JAVA_OPTS -cp target/classes:target/test-classes:$(cat target/cp.txt) \
  id.go.bkn.epupns.registration.bench.LookupBaseline $BASELINE_PORT postgresql://postgres@127.0.0.1:5432/$DB ${INSTANCES:-2} \
  > target/lookup-bench-baseline.log 2>&1 &
pids+=($!)
ready $BASELINE_PORT

# CPU seconds so far of a process, of Redis, and of the PostgreSQL backends serving $DB.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local t=0; for p in $(pgrep -f "postgres: .* $DB "); do t=$((t + $(ticks "$p"))); done; echo $t; }
jvm_of() { ss -ltnp | grep ":$1 " | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
REDIS_PID=$(pgrep -x redis-server | head -1)
# One run: prints "rps cpu_ms_per_request" (service JVM + Redis + its PostgreSQL backends).
rps() {
  local jvm; jvm=$(jvm_of "$2")
  local j0 r0 p0; j0=$(ticks "$jvm"); r0=$(ticks "$REDIS_PID"); p0=$(pg_ticks)
  local r; r=$(wrk -t1 -c"$CONNECTIONS" -d"$1"s -s src/test/bench/lookup-nips.lua "http://127.0.0.1:$2" \
    | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non2xx " $4 > "/dev/stderr"}')
  local j1 r1 p1; j1=$(ticks "$jvm"); r1=$(ticks "$REDIS_PID"); p1=$(pg_ticks)
  echo "$r $(echo "(($j1 - $j0) + ($r1 - $r0) + ($p1 - $p0)) * 10 / ($r * $1)" | bc -l)"
}
echo "warm-up (JIT) ..."
for port in $PORTS; do rps "${WARMUP:-20}" $port >/dev/null; done
printf '%-6s %10s %10s %8s %14s %14s %10s' round service baseline ratio "service cpu ms" "baseline cpu ms" "cpu ratio"
[ -n "${BEFORE_JAR:-}" ] && printf ' %10s %8s %10s' before "ratio" "cpu ratio"
echo
total_s=0; total_b=0; cpu_s=0; cpu_b=0; total_o=0; cpu_o=0
for r in $(seq "$ROUNDS"); do
  o=0; co=1
  [ -n "${BEFORE_JAR:-}" ] && read -r o co < <(rps "$SECONDS_PER_RUN" $BEFORE_PORT)
  read -r s cs < <(rps "$SECONDS_PER_RUN" $SERVICE_PORT); read -r b cb < <(rps "$SECONDS_PER_RUN" $BASELINE_PORT)
  printf '%-6s %10.0f %10.0f %8.2f %14.3f %14.3f %10.2f' "$r" "$s" "$b" "$(echo "$s / $b" | bc -l)" "$cs" "$cb" \
    "$(echo "$cb / $cs" | bc -l)"
  [ -n "${BEFORE_JAR:-}" ] && printf ' %10.0f %8.2f %10.2f' "$o" "$(echo "$o / $b" | bc -l)" "$(echo "$cb / $co" | bc -l)"
  echo
  total_s=$(echo "$total_s + $s" | bc -l); total_b=$(echo "$total_b + $b" | bc -l)
  cpu_s=$(echo "$cpu_s + $cs" | bc -l); cpu_b=$(echo "$cpu_b + $cb" | bc -l)
  total_o=$(echo "$total_o + $o" | bc -l); cpu_o=$(echo "$cpu_o + $co" | bc -l)
done
printf '%-6s %10.0f %10.0f %8.2f %14.3f %14.3f %10.2f' mean "$(echo "$total_s / $ROUNDS" | bc -l)" \
  "$(echo "$total_b / $ROUNDS" | bc -l)" "$(echo "$total_s / $total_b" | bc -l)" "$(echo "$cpu_s / $ROUNDS" | bc -l)" \
  "$(echo "$cpu_b / $ROUNDS" | bc -l)" "$(echo "$cpu_b / $cpu_s" | bc -l)"
[ -n "${BEFORE_JAR:-}" ] && printf ' %10.0f %8.2f %10.2f' "$(echo "$total_o / $ROUNDS" | bc -l)" \
  "$(echo "$total_o / $total_b" | bc -l)" "$(echo "$cpu_b / $cpu_o" | bc -l)"
echo
echo "ratio: requests/s of the service ÷ the baseline's; cpu ms: CPU per request of the JVM + Redis + the"
echo "PostgreSQL backends of $DB (cpu ratio = baseline's ÷ the service's: 1 = as cheap as the bare lookup)"
