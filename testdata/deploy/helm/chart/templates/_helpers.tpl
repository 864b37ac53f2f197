{{/*
Render GODEBUG if extraEnv does not set it. Usage: {{- include "web.godebug.env" $ -}}
- name: GODEBUG
  value: x509sha1=1
*/}}
{{- define "web.selector" -}}
app: web
{{- end -}}

{{- define "web.godebug.env" -}}
{{- if not (hasKey .Values.extraEnvMap "GODEBUG") }}
- name: GODEBUG
  value: 'tlsmlkem=0,tlskyber=0'  # expect: overrides-default tlsmlkem=0, startup-fatal tlskyber=0
{{- end }}
{{- end -}}

{{- define "web.ports" -}}
- name: GODEBUG
  containerPort: 6060
{{- end -}}
