#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server (Debian's package), then stops it and deletes it.
#   bash scripts/with-postgres.sh npx vitest run --config vitest.postgres.config.ts
# Installs the `postgresql` package when no server binaries are found (as root; otherwise says how).
# The cluster lives in a fresh temporary directory, listens only on a Unix socket in that directory
# (no TCP port, so runs never collide), and runs as an unprivileged user: the `postgres` system user
# when started as root (PostgreSQL refuses to run as root), else the caller.
# The command sees PGHOST (the socket directory), PGPORT, PGUSER and PGDATABASE, which `pg` and psql read.
set -euo pipefail

find_bin_dir() {
  # Highest installed major version first.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r | head -n 1
}

BIN_DIR="${LEADLIFT_POSTGRES_BIN:-$(find_bin_dir)}"
if [ -z "$BIN_DIR" ] || [ ! -x "$BIN_DIR/initdb" ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "PostgreSQL is missing: install it with 'sudo apt-get install -y postgresql' (needed by npm run test:postgres)." >&2
    exit 1
  fi
  echo "Installing Debian's postgresql for the PostgreSQL parity tests…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN_DIR="$(find_bin_dir)"
  # The package may start its default cluster; these tests do not use it, so stop what this install started.
  VERSION="$(basename "$(dirname "$BIN_DIR")")"
  pg_ctlcluster "$VERSION" main stop >/dev/null 2>&1 || true
fi

WORK_DIR="$(mktemp -d -t leadlift-postgres.XXXXXX)"
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres "$WORK_DIR"
  RUN_AS=(runuser -u postgres --)
fi

stop_server() {
  "${RUN_AS[@]}" "$BIN_DIR/pg_ctl" -D "$WORK_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK_DIR"
}
trap stop_server EXIT

# UTF-8 with the C.UTF-8 locale: lower() of non-ASCII text follows Unicode; no fsync, as the data are thrown away.
"${RUN_AS[@]}" "$BIN_DIR/initdb" -D "$WORK_DIR/data" -U leadlift --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$WORK_DIR/initdb.log" 2>&1 \
  || { cat "$WORK_DIR/initdb.log" >&2; exit 1; }
"${RUN_AS[@]}" "$BIN_DIR/pg_ctl" -D "$WORK_DIR/data" -l "$WORK_DIR/server.log" -w -t 60 \
  -o "-c listen_addresses='' -k $WORK_DIR -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null \
  || { cat "$WORK_DIR/server.log" >&2; exit 1; }

export PGHOST="$WORK_DIR" PGPORT=5432 PGUSER=leadlift PGDATABASE=postgres
echo "PostgreSQL $("$BIN_DIR/postgres" --version | awk '{print $3}') running on socket $WORK_DIR" >&2
"$@"
