{{- define "aoc.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "aoc.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
The environment of the API, the worker and the migrations: plain values, then the Secret.
Called with (dict "root" $ "extra" (dict NAME VALUE …)); the migrations add "migrationSecret".
*/}}
{{- define "aoc.env" -}}
{{- $root := .root -}}
env:
  - name: NODE_ENV
    value: production
  - name: TEMPORAL_ADDRESS
    value: {{ $root.Values.temporal.address | quote }}
  - name: TEMPORAL_NAMESPACE
    value: {{ $root.Values.temporal.namespace | quote }}
  - name: TEMPORAL_TASK_QUEUE
    value: {{ $root.Values.temporal.taskQueue | quote }}
  - name: OIDC_ISSUER_URL
    value: {{ required "oidc.issuerUrl: the OpenID Connect issuer is required in production" $root.Values.oidc.issuerUrl | quote }}
  - name: OIDC_AUDIENCE
    value: {{ $root.Values.oidc.audience | quote }}
  {{- range $claim, $path := $root.Values.oidc.claims }}
  - name: {{ printf "OIDC_%s_CLAIM" (upper $claim) }}
    value: {{ $path | quote }}
  {{- end }}
  {{- range $name, $value := merge (dict) (.extra | default dict) $root.Values.env }}
  - name: {{ $name }}
    value: {{ $value | quote }}
  {{- end }}
envFrom:
  - secretRef:
      name: {{ $root.Values.existingSecret }}
  {{- with .migrationSecret }}
  # The owner of the tables (DATABASE_MIGRATION_URL): for the migrations only, never the services.
  - secretRef:
      name: {{ . }}
  {{- end }}
{{- end -}}

{{- define "aoc.securityContext" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 1000
  runAsGroup: 1000
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: false
  capabilities:
    drop: ["ALL"]
{{- end -}}
