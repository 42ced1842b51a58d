#!/usr/bin/env bash
# Benchmark (not a test): generate + import N synthetic PNS with the jar's sapk-* commands, then
# psql \copy of the same CSV into a plain table with the same columns (no validation, no indexes).
# Usage: src/test/bench/sapk-import-bench.sh [ROWS] (default 4500000); RIWAYAT=1 also imports the
# five history lists (much slower); BENCH_DIR holds the CSV (deleted afterwards).
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROWS=${1:-4500000}
DB=epupns_bench
DIR=${BENCH_DIR:-/tmp/sapk-bench}
PG="postgresql://postgres@127.0.0.1:5432/$DB"
HEAP=${HEAP:-256m}
mkdir -p "$DIR"
df -h "$DIR"
[ -f target/epupns.jar ] || mvn -q -B package -DskipTests
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB with (force)"

CSV="$DIR/pns-$ROWS.csv"
echo "== generate $ROWS rows"
/usr/bin/time -f "generate: %e s, max RSS %M KB" \
  java -Xmx$HEAP -jar target/epupns.jar sapk-generate --count "$ROWS" --out "$CSV" --seed 2015 2> >(tr '\r' '\n' | grep -v '^sapk-generate \[' >&2)
ls -l "$CSV"

echo "== import (validation + COPY + merge), -Xmx$HEAP"
NO_RIWAYAT=$([ "${RIWAYAT:-0}" = 1 ] && echo "" || echo "--no-riwayat")
set +e
/usr/bin/time -f "import: %e s, max RSS %M KB" \
  java -Xmx$HEAP -jar target/epupns.jar sapk-import --db "$PG" $NO_RIWAYAT "$CSV" 2> >(tr '\r' '\n' | grep -v '^sapk-import \[' >&2)
echo "import exit code $?"
set -e
psql -h 127.0.0.1 -U postgres -d $DB -Atc "select 'pns rows: ' || count(*) from pns"

echo "== psql \\copy into a plain table (same columns, no validation)"
COLUMNS=$(head -1 "$CSV")
DDL=$(python3 - "$COLUMNS" <<'PY'
import sys
dates={"tanggal_lahir","tmt_cpns","tmt_pns","tmt_golongan","tmt_jabatan_struktural","tmt_eselon",
       "tmt_jabatan_fungsional_tertentu","tmt_jabatan_fungsional_umum","bpjs_tanggal_lahir"}
ints={"tahun_lulus","masa_kerja_tahun","masa_kerja_bulan","instansi_induk_id","instansi_kerja_id",
      "satuan_kerja_id","unit_organisasi_id"}
bools={"guru","dokter","bapertarum_punya_rumah","kpe_punya"}
cols=sys.argv[1].split(",")
print("create table pns_plain (" + ", ".join(
    c + (" date" if c in dates else " integer" if c in ints else " boolean" if c in bools else " text")
    for c in cols) + ")")
PY
)
psql -q -h 127.0.0.1 -U postgres -d $DB -c "$DDL"
START=$(date +%s.%N)
psql -h 127.0.0.1 -U postgres -d $DB -c "\\copy pns_plain from '$CSV' with (format csv, header true)"
END=$(date +%s.%N)
python3 -c "s=$END-$START; print(f'psql copy: {s:.1f} s, {$ROWS/s:,.0f} rows/s')"

psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB with (force)"
rm -f "$CSV" "$CSV.errors.txt"
df -h "$DIR"
