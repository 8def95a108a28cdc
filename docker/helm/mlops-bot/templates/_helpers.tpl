{{/* The chart's name, and the release's name for its objects (63 characters at most). */}}
{{- define "mlops-bot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mlops-bot.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mlops-bot.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "mlops-bot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "mlops-bot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mlops-bot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mlops-bot.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* The fewest and the most pods the Deployment runs. */}}
{{- define "mlops-bot.minReplicas" -}}
{{- if .Values.autoscaling.enabled }}{{ .Values.autoscaling.minReplicas }}{{ else }}{{ .Values.replicaCount }}{{ end }}
{{- end }}
{{- define "mlops-bot.maxReplicas" -}}
{{- if .Values.autoscaling.enabled }}{{ .Values.autoscaling.maxReplicas }}{{ else }}{{ .Values.replicaCount }}{{ end }}
{{- end }}

{{/* "true" when the pods read documents or intents from a ConfigMap rather than the image's. */}}
{{- define "mlops-bot.ownCorpus" -}}
{{- if or .Values.corpus.files .Values.corpus.existingConfigMap }}true{{ end }}
{{- end }}
{{- define "mlops-bot.ownIntents" -}}
{{- if or .Values.intents.files .Values.intents.existingConfigMap }}true{{ end }}
{{- end }}

{{/* Settings that cannot work together stop the install with the reason. */}}
{{- define "mlops-bot.validate" -}}
{{- if and (gt (int (include "mlops-bot.maxReplicas" .)) 1) (not .Values.redis.url) }}
{{- fail "more than one replica needs redis.url (redis://HOST:PORT): a conversation must be found by whichever pod the next message reaches" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (not (dig "requests" "cpu" "" .Values.resources)) }}
{{- fail "autoscaling on CPU needs resources.requests.cpu" }}
{{- end }}
{{- if and .Values.corpus.files .Values.corpus.existingConfigMap }}
{{- fail "set corpus.files or corpus.existingConfigMap, not both" }}
{{- end }}
{{- if and .Values.intents.files .Values.intents.existingConfigMap }}
{{- fail "set intents.files or intents.existingConfigMap, not both" }}
{{- end }}
{{- if hasKey (.Values.env | default dict) "MLOPS_BOT_CHAT_IDLE_TIMEOUT" }}
{{- fail "set chat.idleTimeoutSeconds, not env.MLOPS_BOT_CHAT_IDLE_TIMEOUT: the Ingress's timeouts are checked against it" }}
{{- end }}
{{- /* nginx cutting an idle chat first ends it with no close frame, which the widget retries at once. */}}
{{- if .Values.ingress.enabled }}
{{- $annotations := .Values.ingress.annotations | default dict }}
{{- range $key := list "proxy-read-timeout" "proxy-send-timeout" }}
{{- $timeout := index $annotations (printf "nginx.ingress.kubernetes.io/%s" $key) }}
{{- if and $timeout (le (int $timeout) (int $.Values.chat.idleTimeoutSeconds)) }}
{{- fail (printf "ingress.annotations: nginx's %s (%v s) must be longer than chat.idleTimeoutSeconds (%v s), or nginx cuts idle chats before the server closes them" $key $timeout $.Values.chat.idleTimeoutSeconds) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The environment of the index step and of the server: where the data is. */}}
{{- define "mlops-bot.dataEnv" -}}
{{- if include "mlops-bot.ownCorpus" . }}
- name: MLOPS_BOT_CORPUS
  value: /etc/mlops-bot/corpus
{{- end }}
{{- if include "mlops-bot.ownIntents" . }}
- name: MLOPS_BOT_INTENTS
  value: /etc/mlops-bot/intents
{{- end }}
{{- if or (include "mlops-bot.ownCorpus" .) (include "mlops-bot.ownIntents" .) }}
- name: MLOPS_BOT_DB
  value: /var/lib/mlops-bot/knowledge.db
{{- end }}
{{- end }}

{{/* The mounts of the index step and of the server. */}}
{{- define "mlops-bot.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if or (include "mlops-bot.ownCorpus" .) (include "mlops-bot.ownIntents" .) }}
- name: knowledge
  mountPath: /var/lib/mlops-bot
{{- end }}
{{- if include "mlops-bot.ownCorpus" . }}
- name: corpus
  mountPath: /etc/mlops-bot/corpus
  readOnly: true
{{- end }}
{{- if include "mlops-bot.ownIntents" . }}
- name: intents
  mountPath: /etc/mlops-bot/intents
  readOnly: true
{{- end }}
{{- end }}
