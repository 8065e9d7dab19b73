#!/usr/bin/env bash
# Makes sure the machine has what the test suite drives: Chromium for the
# browser and end-to-end tests, curl for the getting-started guide's steps,
# and a running PostgreSQL with a `clientela`
# role for the PostgreSQL run of the server tests. Installs with apt-get when
# run as root on Debian; otherwise says what is missing.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "prerequisites: need root to run: $*" >&2; exit 1
  fi
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "prerequisites: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cluster=$(pg_lsclusters --no-header | awk 'NR==1 { print $1, $2 }')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  as_root pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi
if ! pg_lsclusters --no-header | awk -v c="$cluster" '($1" "$2)==c { print $4 }' | grep -q online; then
  as_root pg_ctlcluster $cluster start
fi

as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<'SQL'
do $$
begin
  if not exists (select from pg_roles where rolname = 'clientela') then
    create role clientela login createdb password 'clientela';
  end if;
  -- The tests drop their scratch databases with (force); an autovacuum worker
  -- still analysing a fresh one belongs to no role, and only this lets the
  -- test role end it.
  if not pg_has_role('clientela', 'pg_signal_backend', 'member') then
    grant pg_signal_backend to clientela;
  end if;
end $$;
SQL
