#!/usr/bin/env bash
# make bench: the speed targets of the issues, measured on PostgreSQL on this
# machine. It creates (and drops first) two databases of its own, so it never
# touches yours:
#   gentrack_bench         seed_demo --size $BENCH_SIZE, then the catalogue
#                          and the API are timed against it;
#   gentrack_bench_report  bench_report --sizes 10000,100000 (report compile).
# Needs PostgreSQL at $BENCH_PG (default postgres://postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
# seed_demo approves about 60% of what it builds: 170,000 gives the issues' 100,000 approved.
# `make bench SIZE=1000000` sets BENCH_SIZE.
SIZE=${BENCH_SIZE:-170000}
PORT=${BENCH_PORT:-8399}

recreate() {
  $PY - "$PG/postgres" "$1" <<'PYEOF'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYEOF
}

section() { printf '\n== %s\n' "$*"; }

BENCH_DB=${BENCH_DB:-gentrack_bench}
export DATABASE_URL="$PG/$BENCH_DB"
unset REDIS_URL CACHE_URL
recreate "$BENCH_DB"
$PY manage.py migrate --noinput -v0

section "seed_demo --size $SIZE (target: 100,000 commitments in under 2 minutes)"
TIMEFORMAT='seed_demo wall time: %R s'
time $PY manage.py seed_demo --size "$SIZE" | tail -n 3
$PY manage.py dbshell -- -c 'VACUUM ANALYZE' >/dev/null

section "every page and list through gunicorn, beside its SQL floor and a plain DRF peer (docs/performance.md)"
# bench.settings: the project's settings plus the plain-DRF peer under /bench-plain/.
production=(DJANGO_SETTINGS_MODULE=bench.settings DEBUG=false
  SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=127.0.0.1
  SECURE_SSL_REDIRECT=false API_ANON_RATE=1000000/minute)
# With DEBUG off gunicorn refuses to boot before the static files are collected.
env "${production[@]}" $PY manage.py collectstatic --noinput -v0
env "${production[@]}" .venv/bin/gunicorn gentrack.wsgi:application -w 2 -b "127.0.0.1:$PORT" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
env "${production[@]}" $PY -m bench.measure --url "http://127.0.0.1:$PORT" --server-pid "$server"
kill $server; wait $server 2>/dev/null || true; trap - EXIT

# BENCH_REPORT=0 skips the report compile (it seeds databases of its own).
[ "${BENCH_REPORT:-1}" = 0 ] && exit 0

section "accountability report compile (target: 100k commitments + 300k reports under 30 s, under 500 MB)"
export DATABASE_URL="$PG/gentrack_bench_report"
recreate gentrack_bench_report
$PY manage.py migrate --noinput -v0
$PY manage.py bench_report --sizes 10000,100000
