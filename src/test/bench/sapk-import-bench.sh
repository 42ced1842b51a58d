#!/usr/bin/env bash
# Benchmark (not a test): generate N synthetic PNS to a CSV, import it with sapk-import, then
# psql \copy the same CSV into a plain table with the same columns (no validation, no indexes, no
# key): the baseline, measured right next to the import because the machine is shared and noisy.
# Then sapk-generate-import (generator and importer in one JVM through an in-memory pipe) into a
# fresh database. Every import starts from an empty pns table (the bulk-load path).
# Usage: src/test/bench/sapk-import-bench.sh [ROWS] (default 4500000); RIWAYAT=1 also imports the
# five history lists (much slower); HEAP (default 256m); BENCH_DIR holds the CSV (deleted afterwards).
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROWS=${1:-4500000}
DB=${BENCH_DB:-epupns_bench}
DIR=${BENCH_DIR:-/tmp/sapk-bench}
PG="postgresql://postgres@127.0.0.1:5432/$DB"
HEAP=${HEAP:-256m}
PSQL="psql -q -h 127.0.0.1 -U postgres"
NO_RIWAYAT=$([ "${RIWAYAT:-0}" = 1 ] && echo "" || echo "--no-riwayat")
mkdir -p "$DIR"
df -h "$DIR"
[ -f target/epupns.jar ] || mvn -q -B package -DskipTests
$PSQL -c "drop database if exists $DB with (force)"
now() { date +%s.%N; }
rate() { python3 -c "s=$2-$1; print(f'{s:.1f} s, {$ROWS/s:,.0f} rows/s')"; }
hide_bar() { tr '\r' '\n' | grep -v '^sapk-[a-z-]* \[' >&2; }

CSV="$DIR/pns-$ROWS.csv"
echo "== generate $ROWS rows"
/usr/bin/time -f "generate: %e s, max RSS %M KB" \
  java -Xmx$HEAP -jar target/epupns.jar sapk-generate --count "$ROWS" --out "$CSV" --seed 2015 2> >(hide_bar)
ls -l "$CSV"

echo "== sapk-import $NO_RIWAYAT (validation + COPY + merge), -Xmx$HEAP"
set +e
S=$(now)
/usr/bin/time -f "import: %e s, max RSS %M KB" \
  java -Xmx$HEAP -jar target/epupns.jar sapk-import --db "$PG" $NO_RIWAYAT "$CSV" 2> >(hide_bar)
echo "import exit code $?"
E=$(now)
set -e
IMPORT=$(python3 -c "print($E-$S)")
echo "import: $(rate $S $E)"
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
$PSQL -d $DB -c "$DDL"
S=$(now)
psql -h 127.0.0.1 -U postgres -d $DB -c "\\copy pns_plain from '$CSV' with (format csv, header true)"
E=$(now)
COPY=$(python3 -c "print($E-$S)")
echo "psql copy: $(rate $S $E)"
python3 -c "print(f'ratio import / psql copy (rows/s): {$COPY/$IMPORT:.2f}')"
rm -f "$CSV" "$CSV.errors.txt"

echo "== sapk-generate-import $NO_RIWAYAT (one JVM: generator thread -> pipe -> importer), -Xmx$HEAP"
$PSQL -c "drop database if exists $DB with (force)"
S=$(now)
/usr/bin/time -f "generate-import: %e s, max RSS %M KB" \
  java -Xmx$HEAP -jar target/epupns.jar sapk-generate-import --count "$ROWS" --seed 2015 --db "$PG" $NO_RIWAYAT \
  2> >(hide_bar)
E=$(now)
echo "generate-import: $(rate $S $E)"
python3 -c "print(f'ratio generate+import / psql copy (rows/s): {$COPY/($E-$S):.2f}')"
psql -h 127.0.0.1 -U postgres -d $DB -Atc "select 'pns rows: ' || count(*) from pns"
rm -f sapk-generate-import.errors.txt

$PSQL -c "drop database if exists $DB with (force)"
df -h "$DIR"
