{{- define "every.labels" -}}
app: {{ .Chart.Name }}
release: {{ .Release.Name }}
{{- end }}

{{- define "every.securityContext" -}}
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
{{- end }}

{{- define "every.container" -}}
- name: {{ .name }}
  image: {{ .image }}
  securityContext:
    {{- include "every.securityContext" . | nindent 4 }}
    readOnlyRootFilesystem: true
    privileged: true
{{- end }}
