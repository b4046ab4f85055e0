#!/bin/sh
# Creates Temporal's two databases and migrates them to the image's schema version with
# temporal-sql-tool (SQL_* variables from compose.yaml). Every step is a no-op when done.
set -eu
SCHEMA=/etc/temporal/schema/postgresql/v12
for pair in "temporal:temporal" "temporal_visibility:visibility"; do
  db="${pair%%:*}"
  schema="${pair##*:}"
  temporal-sql-tool --db "$db" create-database
  # setup-schema only where the version table is missing; update-schema brings it up to date.
  if ! temporal-sql-tool --db "$db" update-schema -d "$SCHEMA/$schema/versioned" 2>/dev/null; then
    temporal-sql-tool --db "$db" setup-schema -v 0.0
    temporal-sql-tool --db "$db" update-schema -d "$SCHEMA/$schema/versioned"
  fi
done
