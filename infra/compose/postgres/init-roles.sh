#!/bin/sh
# First start of the PostgreSQL container: a role for the product and one for Temporal
# (which creates its own databases with temporal-sql-tool), and the product's database.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
CREATE ROLE aoc LOGIN PASSWORD '${AOC_DB_PASSWORD}';
CREATE DATABASE aoc_plans OWNER aoc;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD}';
SQL
