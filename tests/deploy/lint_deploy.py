#!/usr/bin/env python3
"""Lints the deployment files against each other and against the binary, without Docker or helm.

    lint_deploy.py --source DIR --binary PATH/TO/mlops-bot

- docker/Dockerfile: the stages and instructions the issue asks for, the build stage's packages
  and tests coming from scripts/setup.sh (no second package list), configuration by environment;
- docker/compose.yaml: health checks, named volumes declared and used, the bot waiting for a
  healthy Redis, paths that exist;
- docker/helm/mlops-bot: Chart.yaml, every .Values path the templates use present in values.yaml,
  used, and documented in the chart's README; the templates rendered crudely (every branch kept,
  `range` over the default values, `toYaml`/`include` expanded, a value passed on as a number or
  text filled in) and parsed as YAML, then the Deployment, Service, Ingress, HPA and PDB checked,
  the Ingress's nginx timeouts against chat.idleTimeoutSeconds, the documents' ConfigMap mounted
  as a whole folder and watched (corpus.watch: MLOPS_BOT_WATCH, no pod roll for a new document),
  and the admin token (MLOPS_BOT_ADMIN_TOKEN) from a Secret;
- every MLOPS_BOT_* variable these files set is one `mlops-bot serve --help` lists, and every
  Slack/Discord variable one the adapters read, so a renamed setting fails here.

Exit 0: all good; 1: problems, each printed; 77: PyYAML is missing (CTest counts it skipped).
"""
import argparse
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:  # Debian: python3-yaml
    print("lint_deploy: PyYAML is not installed (Debian package python3-yaml): skipped", file=sys.stderr)
    sys.exit(77)

CHART = os.path.join("docker", "helm", "mlops-bot")
PLACEHOLDER = "TPL"


class Problems:
    def __init__(self):
        self.items = []

    def check(self, condition, message):
        if not condition:
            self.items.append(message)
        return condition


# ---------------------------------------------------------------------------------------------
# What the binary and the sources know

def serve_help(binary):
    result = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise SystemExit(f"lint_deploy: `{binary} serve --help` exited {result.returncode}: {result.stderr}")
    return result.stdout


def serve_variables(binary):
    """The MLOPS_BOT_* variables `serve --help` lists: the settings of `serve`."""
    return set(re.findall(r"\bMLOPS_BOT_[A-Z0-9_]+\b", serve_help(binary)))


def source_variables(source, folders, pattern=r'(?:getenv|environment|from_env)\("([A-Z0-9_]+)"'):
    """Environment variables the C++ sources under `folders` read."""
    names = set()
    for folder in folders:
        for root, _, files in os.walk(os.path.join(source, folder)):
            for name in files:
                if name.endswith((".cpp", ".hpp")):
                    with open(os.path.join(root, name), encoding="utf-8") as f:
                        names.update(re.findall(pattern, f.read()))
    return names


def setup_packages(source):
    """The package names of scripts/setup.sh's *_PACKAGES arrays."""
    with open(os.path.join(source, "scripts", "setup.sh"), encoding="utf-8") as f:
        text = f.read()
    packages = set()
    for body in re.findall(r"^[A-Z_]*PACKAGES=\(([^)]*)\)", text, re.M):
        body = re.sub(r"#[^\n]*", "", body)
        packages.update(body.split())
    return packages


# ---------------------------------------------------------------------------------------------
# Dockerfile

def dockerfile_instructions(path):
    """[(INSTRUCTION, arguments)] with continuation lines joined and comments dropped."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    instructions, current = [], ""
    for line in lines:
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        word, _, rest = current.partition(" ")
        instructions.append((word.upper(), rest.strip()))
        current = ""
    return instructions


def dockerfile_stages(instructions):
    stages = []
    for word, rest in instructions:
        if word == "FROM":
            stages.append({"from": rest, "instructions": []})
        elif stages:
            stages[-1]["instructions"].append((word, rest))
    return stages


def dockerfile_env(instructions):
    """ENV KEY=VALUE pairs (the KEY=VALUE form) of a stage's instructions."""
    env = {}
    for word, rest in instructions:
        if word == "ENV":
            for key, value in re.findall(r'([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)', rest):
                env[key] = value.strip('"')
    return env


def exec_form(rest):
    """The list of a JSON-form CMD/ENTRYPOINT, or None for the shell form."""
    import json
    try:
        value = json.loads(rest)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def lint_dockerfile(source, known, problems):
    path = os.path.join(source, "docker", "Dockerfile")
    instructions = dockerfile_instructions(path)
    stages = dockerfile_stages(instructions)
    check = problems.check
    if not check(len(stages) >= 2, "Dockerfile: a build stage and a runtime stage are needed"):
        return {}
    build, runtime = stages[0], stages[-1]
    check(re.fullmatch(r"debian:12\s+AS\s+build", build["from"], re.I),
          f"Dockerfile: the first stage must be `FROM debian:12 AS build`, not `FROM {build['from']}`")
    check(re.fullmatch(r"debian:12-slim", runtime["from"]),
          f"Dockerfile: the runtime stage must be `FROM debian:12-slim`, not `FROM {runtime['from']}`")

    # The build stage's packages, build and tests are scripts/setup.sh's.
    build_runs = [rest for word, rest in build["instructions"] if word == "RUN"]
    check(any(re.search(r"scripts/setup\.sh\s+deps\b", run) for run in build_runs),
          "Dockerfile: the build stage must install its packages with `scripts/setup.sh deps`")
    check(any(re.search(r"scripts/setup\.sh\s+(\"?\$\{?SETUP_STEP\}?\"?|test)\b", run) for run in build_runs),
          "Dockerfile: the build stage must build and test with `scripts/setup.sh test` (or $SETUP_STEP)")
    args = {m.group(1): m.group(2) for rest in (r for w, r in build["instructions"] if w == "ARG")
            for m in [re.match(r"(\w+)(?:=(\S+))?", rest)] if m}
    if "SETUP_STEP" in args:
        check(args["SETUP_STEP"] == "test", "Dockerfile: ARG SETUP_STEP must default to test: the image runs the tests")
    check(not any(re.search(r"\bapt(-get)?\s+install\b", run) for run in build_runs),
          "Dockerfile: the build stage must not apt-get install itself; scripts/setup.sh has the list")
    listed = setup_packages(source)
    text = "\n".join(f"{word} {rest}" for word, rest in instructions)
    for package in sorted(listed):
        check(not re.search(rf"(?<![\w./-]){re.escape(package)}(?![\w-])", text),
              f"Dockerfile: package {package} is named here too; scripts/setup.sh's list is the only one")
    check(any(re.search(r"docker/stage\.sh\b", run) for run in build_runs),
          "Dockerfile: the build stage must lay out the image with docker/stage.sh (what tests/deploy runs)")

    runtime_runs = [rest for word, rest in runtime["instructions"] if word == "RUN"]
    installs = [run for run in runtime_runs if re.search(r"\bapt-get\s+install\b", run)]
    check(installs and all("runtime-packages.txt" in run for run in installs),
          "Dockerfile: the runtime stage must install the packages docker/runtime-packages.sh found "
          "(runtime-packages.txt), not a list of its own")

    words = [word for word, _ in runtime["instructions"]]
    users = [rest for word, rest in runtime["instructions"] if word == "USER"]
    user = users[-1].split(":")[0] if users else "root"
    check(user not in ("root", "0"), "Dockerfile: the runtime stage must end as a non-root USER")
    check(user.isdigit(), "Dockerfile: USER must be numeric, so that Kubernetes' runAsNonRoot can check it")
    exposed = [rest for word, rest in runtime["instructions"] if word == "EXPOSE"]
    check(any("8080" in e.split() or "8080/tcp" in e.split() for e in exposed), "Dockerfile: EXPOSE 8080 missing")
    check(("STOPSIGNAL", "SIGTERM") in runtime["instructions"], "Dockerfile: STOPSIGNAL SIGTERM missing")
    healthchecks = [rest for word, rest in runtime["instructions"] if word == "HEALTHCHECK"]
    check(len(healthchecks) == 1 and "/healthz" in healthchecks[0] and "CMD" in healthchecks[0],
          "Dockerfile: one HEALTHCHECK ... CMD on /healthz is needed")
    check("ENTRYPOINT" in words and "CMD" in words, "Dockerfile: ENTRYPOINT and CMD missing")
    entrypoint = exec_form(next((r for w, r in runtime["instructions"] if w == "ENTRYPOINT"), ""))
    cmd = exec_form(next((r for w, r in runtime["instructions"] if w == "CMD"), ""))
    check(entrypoint == ["mlops-bot"], f"Dockerfile: ENTRYPOINT must be [\"mlops-bot\"], not {entrypoint}")
    # Configuration by environment variables only: no flags baked into the command.
    check(cmd == ["serve"], f"Dockerfile: CMD must be [\"serve\"] (settings by environment only), not {cmd}")

    env = dockerfile_env(runtime["instructions"])
    for name in env:
        check(name in known, f"Dockerfile: ENV {name} is not a setting `mlops-bot serve --help` lists")
    check(env.get("MLOPS_BOT_PORT") == "8080", "Dockerfile: ENV MLOPS_BOT_PORT=8080 must match EXPOSE 8080")
    return {"user": user, "env": env, "healthcheck": healthchecks[0] if healthchecks else ""}


# ---------------------------------------------------------------------------------------------
# compose.yaml

def default_of(value):
    """`${NAME:-default}` -> default; other strings unchanged."""
    match = re.fullmatch(r"\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}", value)
    return match.group(1) or "" if match else value


def environment_of(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def lint_compose(source, known, platform, problems):
    check = problems.check
    folder = os.path.join(source, "docker")
    with open(os.path.join(folder, "compose.yaml"), encoding="utf-8") as f:
        compose = yaml.safe_load(f)
    services = compose.get("services") or {}
    if not check("bot" in services and "redis" in services, "compose: services bot and redis are needed"):
        return
    declared = set((compose.get("volumes") or {}).keys())
    used = set()
    for name, service in services.items():
        health = service.get("healthcheck") or {}
        check(health.get("test") and not health.get("disable"), f"compose: service {name} has no health check")
        for volume in service.get("volumes") or []:
            if isinstance(volume, str):
                src = volume.split(":")[0]
                kind = "bind" if src.startswith((".", "/", "~", "$")) else "volume"
            else:
                src, kind = volume.get("source", ""), volume.get("type", "volume")
            if kind == "volume" and src:
                used.add(src)
                check(src in declared, f"compose: service {name} uses volume {src}, which `volumes:` does not declare")
            elif kind == "bind":
                host = default_of(src)
                check(os.path.exists(os.path.join(folder, host)),
                      f"compose: service {name} binds {host}, which does not exist relative to docker/")
    for volume in declared - used:
        problems.items.append(f"compose: volume {volume} is declared and never used")

    bot = services["bot"]
    depends = bot.get("depends_on") or {}
    check(isinstance(depends, dict) and (depends.get("redis") or {}).get("condition") == "service_healthy",
          "compose: the bot must depend on redis with condition service_healthy")
    build = bot.get("build") or {}
    context = os.path.normpath(os.path.join(folder, build.get("context", ".")))
    check(os.path.isfile(os.path.join(context, build.get("dockerfile", "Dockerfile"))),
          "compose: the bot's build.dockerfile does not exist in its context")
    check(os.path.normpath(context) == os.path.normpath(source), "compose: the bot must build from the repository root")
    env = environment_of(bot)
    for name, value in env.items():
        if name.startswith("MLOPS_BOT_"):
            check(name in known, f"compose: {name} is not a setting `mlops-bot serve --help` lists")
        else:
            check(name in platform, f"compose: {name} is read by neither the Slack nor the Discord adapter")
    sessions = str(env.get("MLOPS_BOT_SESSIONS", ""))
    check(re.fullmatch(r"redis://redis:\d+", sessions),
          f"compose: MLOPS_BOT_SESSIONS must be redis://redis:PORT (the redis service), not {sessions!r}")
    check(bot.get("stop_signal", "SIGTERM") == "SIGTERM", "compose: the bot's stop_signal must be SIGTERM")
    check(any(str(port).endswith(":8080") or str(port) == "8080" for port in bot.get("ports") or []),
          "compose: the bot must publish container port 8080")
    test = (bot.get("healthcheck") or {}).get("test") or []
    check("mlops-bot-healthcheck" in test, "compose: the bot's health check must run mlops-bot-healthcheck")


# ---------------------------------------------------------------------------------------------
# The chart: a crude renderer for the subset of Go templates the chart uses

ACTION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.S)
VALUES_PATH = re.compile(r"\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
OPENERS = ("if ", "with ", "range ", "define ")


def lookup(values, dotted):
    node = values
    for key in dotted.strip(".").split("."):
        if not isinstance(node, dict) or key not in node:
            raise KeyError(dotted)
        node = node[key]
    return node


def helpers_of(text):
    """{name: [body lines]} of the {{ define }} blocks."""
    helpers, lines, name, depth = {}, COMMENT.sub("", text).splitlines(), None, 0
    for line in lines:
        actions = ACTION.findall(line)
        if name is None:
            match = re.search(r'\{\{-?\s*define\s+"([^"]+)"', line)
            if match:
                name, depth = match.group(1), 1
                helpers[name] = []
            continue
        for action in actions:
            if action.startswith(OPENERS):
                depth += 1
            elif action == "end":
                depth -= 1
        if depth == 0:
            name = None
        else:
            helpers[name].append(line)
    return helpers


class Renderer:
    def __init__(self, values, helpers):
        self.values, self.helpers = values, helpers

    def resolve(self, expression, scope):
        expression = expression.strip()
        if expression == ".":
            return scope.get(".")
        if expression.startswith("$") and not expression.startswith("$."):
            return scope.get(expression.split()[0])
        match = VALUES_PATH.fullmatch(expression)
        if match:
            return lookup(self.values, match.group(1))
        return None

    def render(self, lines, scope=None, indent=0):
        scope = scope or {}
        out, i = [], 0
        while i < len(lines):
            line = lines[i]
            i += 1
            actions = ACTION.findall(line)
            rest = ACTION.sub("", line)
            if not actions:
                out.append(" " * indent + line if line.strip() else line)
                continue
            if rest.strip():
                # Values inside text: each action becomes a scalar.
                def substitute(match):
                    # A range's $key/$value are known, and so is a value's number or text passed
                    # on as it is (e.g. `.Values.chat.idleTimeoutSeconds | int | toString | quote`);
                    # everything else is a placeholder.
                    head, *pipes = [part.strip() for part in match.group(1).split("|")]
                    if re.fullmatch(r"\$\w+", head) and head in scope:
                        value = str(scope[head])
                    elif VALUES_PATH.fullmatch(head) and pipes and set(pipes) <= {"int", "toString", "quote"}:
                        value = self.resolve(head, scope)
                        if isinstance(value, bool) or not isinstance(value, (int, str)):
                            return PLACEHOLDER
                        value = str(value)
                    else:
                        return PLACEHOLDER
                    return '"' + value.replace('"', '\\"') + '"' if "quote" in pipes else value
                out.append(" " * indent + ACTION.sub(substitute, line))
                continue
            action = actions[0]
            lead = len(line) - len(line.lstrip())
            expand = re.fullmatch(r'(include\s+"([^"]+)"\s+\.|toYaml\s+(\S+))(?:\s*\|\s*nindent\s+(\d+))?', action)
            if len(actions) == 1 and expand:
                width = int(expand.group(4)) if expand.group(4) else lead
                if expand.group(2):
                    body = self.helpers.get(expand.group(2))
                    if body is None:
                        raise ValueError(f"include of an undefined template {expand.group(2)}")
                    out.extend(self.render(body, scope, indent + width))
                else:
                    value = self.resolve(expand.group(3), scope)
                    if value not in (None, {}, []):
                        dumped = yaml.safe_dump(value, default_flow_style=False, sort_keys=False)
                        out.extend(" " * (indent + width) + text for text in dumped.splitlines())
                continue
            if len(actions) == 1 and actions[0].startswith(OPENERS):
                body, depth = [], 1
                while i < len(lines):
                    for inner in ACTION.findall(lines[i]):
                        if inner.startswith(OPENERS):
                            depth += 1
                        elif inner == "end":
                            depth -= 1
                    if depth == 0:
                        break
                    body.append(lines[i])
                    i += 1
                i += 1  # the {{ end }}
                body = [text for text in body if not re.fullmatch(r"\s*\{\{-?\s*else\b[^}]*\}\}\s*", text)]
                ranged = re.fullmatch(r"range\s+(\$\w+)\s*,\s*(\$\w+)\s*:=\s*(\S+)", action)
                with_ = re.fullmatch(r"with\s+(\S+)", action)
                if ranged:
                    collection = self.resolve(ranged.group(3), scope) or {}
                    items = collection.items() if isinstance(collection, dict) else enumerate(collection)
                    for key, value in items:
                        inner = dict(scope, **{ranged.group(1): key, ranged.group(2): value})
                        out.extend(self.render(body, inner, indent))
                elif with_:
                    value = self.resolve(with_.group(1), scope)
                    out.extend(self.render(body, dict(scope, **{".": value}), indent))
                else:  # if: every branch is kept
                    out.extend(self.render(body, scope, indent))
                continue
            # Other actions alone on a line (fail, a helper's scalar output...) render nothing here.
        return out


def walk_values(values, used, prefix=""):
    """Leaf paths of values.yaml; a path the templates use whole is a leaf."""
    paths = []
    for key, value in values.items():
        path = f"{prefix}.{key}" if prefix else key
        if path in used or not isinstance(value, dict) or not value:
            paths.append(path)
        else:
            paths.extend(walk_values(value, used, path))
    return paths


def render_chart(source):
    chart = os.path.join(source, CHART)
    with open(os.path.join(chart, "values.yaml"), encoding="utf-8") as f:
        values = yaml.safe_load(f)
    templates = {}
    folder = os.path.join(chart, "templates")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            templates[name] = f.read()
    helpers = {}
    for name, text in templates.items():
        if name.endswith(".tpl"):
            helpers.update(helpers_of(text))
    renderer = Renderer(values, helpers)
    documents = {}
    for name, text in templates.items():
        if not name.endswith(".yaml"):
            continue
        rendered = "\n".join(renderer.render(COMMENT.sub("", text).splitlines()))
        documents[name] = (rendered, [d for d in yaml.safe_load_all(rendered) if d])
    return values, templates, documents


def container_env(container):
    return {item["name"]: item for item in container.get("env") or []}


def lint_chart(source, known, platform, docker, problems):
    check = problems.check
    chart = os.path.join(source, CHART)
    with open(os.path.join(chart, "Chart.yaml"), encoding="utf-8") as f:
        meta = yaml.safe_load(f)
    check(meta.get("apiVersion") == "v2", "Chart.yaml: apiVersion must be v2")
    check(meta.get("name") == "mlops-bot", "Chart.yaml: name must be mlops-bot")
    check(re.fullmatch(r"\d+\.\d+\.\d+([-+].*)?", str(meta.get("version", ""))), "Chart.yaml: version is not SemVer")
    check(meta.get("appVersion"), "Chart.yaml: appVersion missing")

    try:
        values, templates, documents = render_chart(source)
    except (yaml.YAMLError, ValueError, KeyError) as error:
        problems.items.append(f"chart: the templates do not render to YAML: {error}")
        return

    # Values: used by the templates exist, exist only if used, and are documented.
    used = set()
    for text in templates.values():
        used.update(path.strip(".") for path in VALUES_PATH.findall(text))
    for path in sorted(used):
        try:
            lookup(values, path)
        except KeyError:
            problems.items.append(f"chart: templates use .Values.{path}, which values.yaml does not have")
    for path in walk_values(values, used):
        check(path in used or any(u.startswith(path + ".") for u in used),
              f"chart: values.yaml has {path}, which no template uses")
    with open(os.path.join(chart, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    documented = set(re.findall(r"^\|\s*`([A-Za-z0-9_.]+)`", readme, re.M))
    for path in sorted(used):
        check(path in documented, f"chart README: value {path} has no row in the values table")
    for path in sorted(documented - used):
        problems.items.append(f"chart README: documents {path}, which no template uses")

    by_kind = {}
    for name, (_, docs) in documents.items():
        check(docs, f"chart: {name} renders no object")
        for doc in docs:
            by_kind.setdefault(doc.get("kind"), []).append(doc)
    expected = {"Deployment": "apps/v1", "Service": "v1", "Ingress": "networking.k8s.io/v1",
                "HorizontalPodAutoscaler": "autoscaling/v2", "PodDisruptionBudget": "policy/v1", "ConfigMap": "v1"}
    for kind, api in expected.items():
        docs = by_kind.get(kind, [])
        check(docs, f"chart: no {kind} template")
        for doc in docs:
            check(doc.get("apiVersion") == api, f"chart: {kind} must be {api}, not {doc.get('apiVersion')}")
    if not by_kind.get("Deployment"):
        return
    deployment = by_kind["Deployment"][0]
    pod = deployment["spec"]["template"]["spec"]
    containers = pod.get("containers") or []
    server = next((c for c in containers if c.get("args") == ["serve"]), None)
    if not check(server, "chart: no container runs `serve`"):
        return
    check((server.get("readinessProbe") or {}).get("httpGet", {}).get("path") == "/readyz",
          "chart: the readiness probe must be GET /readyz")
    check((server.get("livenessProbe") or {}).get("httpGet", {}).get("path") == "/healthz",
          "chart: the liveness probe must be GET /healthz")
    ports = {p.get("name"): p.get("containerPort") for p in server.get("ports") or []}
    check(ports.get("http") == 8080, "chart: container port http must be 8080, the image's EXPOSE")
    resources = server.get("resources") or {}
    check(resources.get("requests", {}).get("cpu") and resources.get("limits", {}).get("memory"),
          "chart: resources must request CPU (the HPA scales on it) and limit memory")
    security = server.get("securityContext") or {}
    pod_security = pod.get("securityContext") or {}
    check(security.get("readOnlyRootFilesystem") is True, "chart: readOnlyRootFilesystem must be true")
    check(security.get("allowPrivilegeEscalation") is False, "chart: allowPrivilegeEscalation must be false")
    check(pod_security.get("runAsNonRoot") is True, "chart: runAsNonRoot must be true")
    # A Service named mlops-bot would otherwise inject MLOPS_BOT_PORT=tcp://... into the pods.
    check(pod.get("enableServiceLinks") is False, "chart: enableServiceLinks must be false")
    if docker.get("user"):
        check(str(pod_security.get("runAsUser")) == docker["user"],
              f"chart: runAsUser {pod_security.get('runAsUser')} is not the image's USER {docker['user']}")

    # Environment: names the binary and the adapters know; credentials only from Secrets.
    init = next((c for c in pod.get("initContainers") or [] if c.get("args") == ["index"]), None)
    check(init, "chart: an init container running `index` is needed for the team's own documents")
    for container in [server] + ([init] if init else []):
        for name, item in container_env(container).items():
            if name == PLACEHOLDER:
                continue
            if name.startswith("MLOPS_BOT_"):
                check(name in known, f"chart: {name} is not a setting `mlops-bot serve --help` lists")
            else:
                check(name in platform, f"chart: {name} is read by neither the Slack nor the Discord adapter")
                check("secretKeyRef" in (item.get("valueFrom") or {}),
                      f"chart: {name} must come from a Secret (secretKeyRef), not a value")
    for name in values.get("env") or {}:
        check(name in known, f"values.yaml: env.{name} is not a setting `mlops-bot serve --help` lists")
    env = container_env(server)
    check("MLOPS_BOT_SESSIONS" in env, "chart: redis.url must reach the server as MLOPS_BOT_SESSIONS")
    check("MLOPS_BOT_CHAT_IDLE_TIMEOUT" in env,
          "chart: chat.idleTimeoutSeconds must reach the server as MLOPS_BOT_CHAT_IDLE_TIMEOUT")
    for platform_name in ("slack", "discord", "admin"):
        section = values.get(platform_name) or {}
        for key, value in section.items():
            check(key == "existingSecret" and value == "" or key.endswith("Key"),
                  f"values.yaml: {platform_name}.{key}: credentials come from existingSecret, never from values")

    # The data: a mounted corpus/intents is read where it is mounted, the knowledge base is
    # written on a writable volume, and /tmp is writable, with a read-only root filesystem.
    volumes = {v["name"]: v for v in pod.get("volumes") or []}
    for container in [server] + ([init] if init else []):
        mounts = {m["mountPath"]: m for m in container.get("volumeMounts") or []}
        cenv = container_env(container)
        check("/tmp" in mounts and "emptyDir" in volumes.get(mounts["/tmp"]["name"], {}),
              f"chart: {container['name']} needs an emptyDir on /tmp")
        for variable, volume_kind in (("MLOPS_BOT_CORPUS", "configMap"), ("MLOPS_BOT_INTENTS", "configMap"),
                                      ("MLOPS_BOT_DB", "emptyDir")):
            value = (cenv.get(variable) or {}).get("value")
            if not check(value, f"chart: {container['name']} does not set {variable} for the team's own data"):
                continue
            folder = value if volume_kind == "configMap" else os.path.dirname(value)
            mount = mounts.get(folder)
            check(mount and volume_kind in volumes.get(mount["name"], {}),
                  f"chart: {container['name']}'s {variable}={value} is not on a {volume_kind} volume")

    # The documents reach running pods: their ConfigMap mounted as a whole folder (a subPath
    # mount is never updated) and the server watching it; then their change must not roll the pods.
    corpus_values = values.get("corpus") or {}
    for container in [server] + ([init] if init else []):
        for mount in container.get("volumeMounts") or []:
            if "configMap" in volumes.get(mount["name"], {}):
                check("subPath" not in mount and "subPathExpr" not in mount,
                      f"chart: {container['name']} mounts ConfigMap {mount['name']} with subPath, which never updates")
    if check(isinstance(corpus_values.get("watch"), bool), "values.yaml: corpus.watch must be true or false"):
        watch = (env.get("MLOPS_BOT_WATCH") or {}).get("value")
        check(watch == "true", "chart: corpus.watch must reach the server as MLOPS_BOT_WATCH=\"true\"")
        annotations = deployment["spec"]["template"]["metadata"].get("annotations") or {}
        deployment_text = templates.get("deployment.yaml", "")
        check(not any(key == "checksum/data" for key in annotations) and
              re.search(r"if not \.Values\.corpus\.watch \}\}\s*\n\s*checksum/corpus:", deployment_text),
              "chart: a change of the documents must roll the pods only without corpus.watch (checksum/corpus)")
    token = env.get("MLOPS_BOT_ADMIN_TOKEN")
    if check(token, "chart: admin.existingSecret must reach the server as MLOPS_BOT_ADMIN_TOKEN"):
        check("secretKeyRef" in (token.get("valueFrom") or {}),
              "chart: MLOPS_BOT_ADMIN_TOKEN must come from a Secret (secretKeyRef), not a value")

    service = by_kind.get("Service", [{}])[0]
    check(any(p.get("targetPort") == "http" for p in service.get("spec", {}).get("ports", [])),
          "chart: the Service must target port http")
    # The server, not nginx, ends an idle chat: with 1001, which the widget does not retry on its
    # own. nginx cutting it first (its default is 60 s) is a 1006 the widget retries at once.
    idle = (values.get("chat") or {}).get("idleTimeoutSeconds")
    if check(isinstance(idle, int) and idle > 0, "values.yaml: chat.idleTimeoutSeconds must be a positive integer"):
        for ingress in by_kind.get("Ingress", []):
            annotations = ingress["metadata"].get("annotations") or {}
            for key in ("proxy-read-timeout", "proxy-send-timeout"):
                value = annotations.get(f"nginx.ingress.kubernetes.io/{key}", "0")
                check(str(value).isdigit() and int(value) > idle,
                      f"chart: the Ingress's nginx.ingress.kubernetes.io/{key} ({value}) must be longer than "
                      f"chat.idleTimeoutSeconds ({idle}), so that nginx does not cut idle chats first")
    for ingress in by_kind.get("Ingress", []):
        paths = [p for rule in ingress["spec"].get("rules", []) for p in rule.get("http", {}).get("paths", [])]
        check(any(p.get("path") == "/" for p in paths), "chart: the Ingress must route / to the bot")
    for hpa in by_kind.get("HorizontalPodAutoscaler", []):
        metrics = hpa["spec"].get("metrics") or []
        check(any(m.get("resource", {}).get("name") == "cpu" for m in metrics), "chart: the HPA must scale on CPU")
    helpers = templates.get("_helpers.tpl", "")
    check(re.search(r'fail\s+"[^"]*redis\.url', helpers),
          "chart: more than one replica without redis.url must fail the install")
    check(re.search(r'fail\s+\(?(?:printf\s+)?"[^"]*longer than chat\.idleTimeoutSeconds', helpers),
          "chart: nginx timeouts not longer than chat.idleTimeoutSeconds must fail the install")


# ---------------------------------------------------------------------------------------------
# Variables named anywhere in the deployment files

def lint_mentions(source, known, engine, problems):
    """Every MLOPS_BOT_* named in the deployment files (settings or prose) exists."""
    files = [os.path.join("docker", name) for name in sorted(os.listdir(os.path.join(source, "docker")))
             if os.path.isfile(os.path.join(source, "docker", name))]
    for root, _, names in os.walk(os.path.join(source, CHART)):
        files.extend(os.path.relpath(os.path.join(root, n), source) for n in sorted(names))
    with open(os.path.join(source, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    deploy = re.search(r"^## Deploy\n(.*?)(?=^## )", readme + "\n## ", re.M | re.S)
    problems.check(deploy, "README.md: no \"## Deploy\" section")
    texts = [(path, open(os.path.join(source, path), encoding="utf-8").read()) for path in files]
    if deploy:
        texts.append(("README.md (Deploy)", deploy.group(1)))
    for path, text in texts:
        for name in sorted(set(re.findall(r"\bMLOPS_BOT_[A-Z0-9_]+\b", text))):
            problems.check(name in known or name in engine,
                           f"{path}: {name} is neither a `serve --help` setting nor a variable the sources read")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--binary", required=True)
    options = parser.parse_args()
    source = os.path.abspath(options.source)

    known = serve_variables(options.binary)
    if len(known) < 10:
        raise SystemExit(f"lint_deploy: `serve --help` lists only {sorted(known)}: is that the right binary?")
    platform = source_variables(source, ["adapters/slack", "adapters/discord"])
    platform = {name for name in platform if name.startswith(("SLACK_", "DISCORD_"))}
    engine = source_variables(source, ["bot", "adapters", "knowledge", "intents"])

    problems = Problems()
    docker = lint_dockerfile(source, known, problems)
    lint_compose(source, known, platform, problems)
    lint_chart(source, known, platform, docker, problems)
    lint_mentions(source, known, engine, problems)
    for problem in problems.items:
        print(f"FAIL {problem}")
    print(f"lint_deploy: {len(known)} serve settings, {len(platform)} Slack/Discord variables; "
          f"{len(problems.items)} problem(s)")
    return 1 if problems.items else 0


if __name__ == "__main__":
    sys.exit(main())
