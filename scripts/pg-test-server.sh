#!/usr/bin/env bash
# The PostgreSQL server that Marsad's PostgreSQL tests run against
# (test/postgres-*.test.ts read MARSAD_TEST_PG and skip when it is unset).
#
# Starts the Debian cluster (creating it when missing), then creates the role
# `marsad` (password `marsad`, SUPERUSER: tests create and drop schemas and
# extensions) and the database `marsad_test`. Safe to run any number of
# times: what exists is left as it is. Needs root (or the postgres user's
# rights) and Debian's postgresql packages; as root it installs them with
# apt-get when they are missing.
#
# Prints one line on stdout, the export for the tests; everything else goes
# to stderr, so CI can do:
#   eval "$(bash scripts/pg-test-server.sh)"
#
# Environment: PG_TEST_ROLE, PG_TEST_PASSWORD, PG_TEST_DB override the names.
set -euo pipefail

ROLE="${PG_TEST_ROLE:-marsad}"
PASSWORD="${PG_TEST_PASSWORD:-marsad}"
DB="${PG_TEST_DB:-marsad_test}"
CLUSTER_NAME=main

say() { echo "pg-test-server: $*" >&2; }
die() { say "$*"; exit 1; }

# Names are interpolated into SQL below: allow only plain identifiers.
for v in "$ROLE" "$DB"; do
  [[ "$v" =~ ^[a-z_][a-z0-9_]*$ ]] || die "\"$v\" is not a plain lower-case identifier"
done
[[ "$PASSWORD" != *"'"* ]] || die "the password must not contain a single quote"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  [[ $(id -u) -eq 0 ]] || die "PostgreSQL is not installed (apt-get install postgresql, as root)"
  say "installing PostgreSQL (apt-get install postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
fi

# The newest installed server version.
VERSION=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[[ -n "$VERSION" ]] || die "no PostgreSQL server under /usr/lib/postgresql"

as_postgres() {
  if [[ $(id -un) == postgres ]]; then "$@"; else runuser -u postgres -- "$@"; fi
}

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER_NAME" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  say "creating cluster $VERSION/$CLUSTER_NAME"
  pg_createcluster "$VERSION" "$CLUSTER_NAME" >&2
fi

STATUS=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER_NAME" '$1 == v && $2 == c { print $4 }')
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER_NAME" '$1 == v && $2 == c { print $3 }')
if [[ "$STATUS" != online* ]]; then
  say "starting cluster $VERSION/$CLUSTER_NAME on port $PORT"
  pg_ctlcluster "$VERSION" "$CLUSTER_NAME" start >&2 || die "cannot start the cluster: see /var/log/postgresql/postgresql-$VERSION-$CLUSTER_NAME.log"
fi

# Wait until it accepts connections (at most 30 s).
for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || die "the server on port $PORT does not accept connections"

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }

if [[ $(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'") != 1 ]]; then
  say "creating role $ROLE"
  psql_admin -c "CREATE ROLE $ROLE LOGIN SUPERUSER PASSWORD '$PASSWORD'"
fi
if [[ $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'") != 1 ]]; then
  say "creating database $DB"
  psql_admin -c "CREATE DATABASE $DB OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0"
fi

URL="postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
# Check the password path the tests use (TCP, scram/md5 per pg_hba.conf).
PGPASSWORD="$PASSWORD" psql -X -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -tAc "SELECT 1" >/dev/null \
  || die "cannot log in as $ROLE over TCP (check pg_hba.conf for host 127.0.0.1)"
say "ready: PostgreSQL $VERSION on port $PORT, database $DB"
echo "export MARSAD_TEST_PG=$URL"
