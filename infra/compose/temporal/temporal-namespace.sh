#!/bin/sh
# The namespace and the product's search attributes (infra/cluster/temporal-namespace.ts
# registers the same ones for `npm run start:cluster`), one at a time; a no-op when done.
set -eu
until temporal operator cluster health >/dev/null 2>&1; do
  echo 'waiting for the Temporal frontend…'
  sleep 2
done
temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention 720h
for attribute in PlanStatus:Keyword PlanStage:Keyword PlanKind:Keyword PlanCountries:KeywordList; do
  name="${attribute%%:*}"
  type="${attribute##*:}"
  until temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; do sleep 2; done
  temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" | grep -qw "$name" ||
    temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
done
