#!/usr/bin/env bash
# Not a test: GET /api/pns/{nip} through Debian's nginx (config/nginx/epupns.conf, least_conn, keep-alive
# upstream) to 1 and to 2 service processes sharing PostgreSQL and Redis, and to 1 process directly,
# alternating ROUNDS rounds of RUN_SECONDS wrk runs. Needs nginx and wrk (apt-get install -y nginx wrk);
# BENCH_DB / feeders as lookup-bench.sh. nginx listens on NGINX_PORT (18180) with its own prefix in target/.
set -euo pipefail
cd "$(dirname "$0")/../../.."
DB=${BENCH_DB:-epupns_lt}
ROUNDS=${ROUNDS:-5}
SECONDS_PER_RUN=${RUN_SECONDS:-10}
CONNECTIONS=${CONNECTIONS:-64}
NGINX_PORT=${NGINX_PORT:-18180}
JAR=${SERVICE_JAR:-target/epupns.jar}
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx"; exit 2; }
PREFIX=$PWD/target/scale-out-nginx
mkdir -p "$PREFIX/logs" "$PREFIX/conf"
# The shipped upstream (127.0.0.1:8081, :8082) and server block, on our own port; a second upstream of one process.
sed -e "s/listen 80;/listen $NGINX_PORT;/" config/nginx/epupns.conf > "$PREFIX/conf/epupns.conf"
sed -n '/^upstream epupns {/,/^}/p' config/nginx/epupns.conf | sed -e 's/upstream epupns {/upstream epupns_one {/' \
  -e '/127.0.0.1:8082/d' > "$PREFIX/conf/one.conf"
cat > "$PREFIX/conf/nginx.conf" <<CONF
worker_processes 1;
pid $PREFIX/nginx.pid;
error_log $PREFIX/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  include $PREFIX/conf/epupns.conf;
  include $PREFIX/conf/one.conf;
  server { listen $((NGINX_PORT + 1)); location / { proxy_pass http://epupns_one; proxy_http_version 1.1;
    proxy_set_header Connection ""; proxy_set_header X-Forwarded-For \$remote_addr; } }
}
CONF
pids=()
cleanup() { nginx -p "$PREFIX" -c "$PREFIX/conf/nginx.conf" -s stop 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for port in 8081 8082; do
  EPUPNS_HTTP_PORT=$port EPUPNS_MANAGEMENT_PORT=$((port + 1000)) EPUPNS_DB_URL=postgresql://postgres@127.0.0.1:5432/$DB \
    EPUPNS_REDIS_KEY_PREFIX=scale-out: EPUPNS_HTTP_TRUSTED_CLIENT_IP_HEADER=X-Forwarded-For \
    EPUPNS_RATE_LIMIT_LOOKUP_PER_IP=1000000000 EPUPNS_HTTP_INSTANCES=${INSTANCES:-2} \
    java ${JAVA_OPTS:--Xmx288m} -jar "$JAR" > "target/scale-out-$port.log" 2>&1 &
  pids+=($!)
done
nginx -p "$PREFIX" -c "$PREFIX/conf/nginx.conf"
NIP=$(sed -n 2p "${NIPS:-load-tests/target/feeders/nips.csv}")
for port in 8081 8082; do
  for i in $(seq 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/pns/$NIP")" = 200 ] && break
    sleep 1
  done
done
run() { wrk -t1 -c"$CONNECTIONS" -d"$1"s -s src/test/bench/lookup-nips.lua "$2" | awk '/Requests\/sec/ {print $2}'; }
echo "warm-up ..."
run "${WARMUP:-30}" "http://127.0.0.1:$NGINX_PORT" >/dev/null
printf '%-6s %12s %14s %14s %10s\n' round "1 direct" "1 via nginx" "2 via nginx" "2 ÷ 1 nginx"
t1=0; t2=0; td=0
for r in $(seq "$ROUNDS"); do
  d=$(run "$SECONDS_PER_RUN" http://127.0.0.1:8081); one=$(run "$SECONDS_PER_RUN" "http://127.0.0.1:$((NGINX_PORT + 1))")
  two=$(run "$SECONDS_PER_RUN" "http://127.0.0.1:$NGINX_PORT")
  printf '%-6s %12.0f %14.0f %14.0f %10.2f\n' "$r" "$d" "$one" "$two" "$(echo "$two / $one" | bc -l)"
  td=$(echo "$td + $d" | bc -l); t1=$(echo "$t1 + $one" | bc -l); t2=$(echo "$t2 + $two" | bc -l)
done
printf '%-6s %12.0f %14.0f %14.0f %10.2f\n' mean "$(echo "$td / $ROUNDS" | bc -l)" "$(echo "$t1 / $ROUNDS" | bc -l)" \
  "$(echo "$t2 / $ROUNDS" | bc -l)" "$(echo "$t2 / $t1" | bc -l)"
