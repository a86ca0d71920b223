#!/usr/bin/env bash
# Generates a migration for SQLite and for PostgreSQL from the entities:
#   scripts/generate-migration.sh AddSomething
# Needs the local PostgreSQL (ZEGEL_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
name=${1:?usage: scripts/generate-migration.sh <PascalCaseName>}
cd "$(dirname "$0")/.."
admin=${ZEGEL_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
db="zegel_migrate_$$"
tmp=$(mktemp -d)
trap 'psql "$admin" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
npm run build -w shared --silent
npx tsc -p server/tsconfig.build.json
target=server/src/database/migrations
node server/dist/database/migration-writer.js "$name" sqlite "$target" "$tmp/zegel.sqlite"
psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
node server/dist/database/migration-writer.js "$name" postgres "$target" "${admin%/*}/$db"
npx prettier --write "$target" >/dev/null
