#!/bin/sh
# First start of the PostgreSQL container: the product's owner role (aoc, which the migrations run
# as), its runtime role (aoc_app, which the API and the worker run as: it owns nothing, and the
# migrations grant it its privileges), one for Temporal (which creates its own databases with
# temporal-sql-tool), and the product's database.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
CREATE ROLE aoc LOGIN PASSWORD '${AOC_DB_PASSWORD}';
CREATE ROLE aoc_app LOGIN PASSWORD '${AOC_APP_DB_PASSWORD}';
CREATE DATABASE aoc_plans OWNER aoc;
REVOKE ALL ON DATABASE aoc_plans FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE aoc_plans TO aoc_app;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD}';
SQL
