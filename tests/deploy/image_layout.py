#!/usr/bin/env python3
"""Runs the image's layout without Docker: docker/stage.sh lays out from the CI build what the
Dockerfile copies into the image, and the staged binary is run the ways the container and the
Kubernetes pod run it, on a root filesystem it cannot write (as user nobody when run as root).

    image_layout.py --source DIR --binary PATH/TO/mlops-bot

1. The image as built (compose, the chart's defaults): the Dockerfile's ENV, the pre-built
   knowledge base used as is (not rebuilt), /healthz and /readyz through the image's health
   check script, the demo page, an answer, SIGTERM ending the server with 0.
2. A pod with the team's documents: ConfigMap-like folders (Kubernetes' ..data symlinks)
   mounted where the rendered chart mounts them, its init container's `mlops-bot index` writing
   to the emptyDir, then the server finding that index current and answering from the new
   document.
3. The same documents without the emptyDir must fail: the read-only root filesystem is real.

Exit 0: all good; 1: a failure, printed; 77: PyYAML missing (CTest counts it skipped).
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lint_deploy  # noqa: E402  (exits 77 without PyYAML)

NOBODY = 65534


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


class Runner:
    """Runs commands as nobody when this test runs as root (root writes through any mode)."""

    def __init__(self):
        self.prefix = []
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            expect(setpriv, "running as root needs setpriv (util-linux) to drop to nobody")
            self.prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]

    def writable_dir(self, path):
        os.makedirs(path)
        if self.prefix:
            os.chown(path, NOBODY, NOBODY)
        return path

    def run(self, argv, env, **kwargs):
        return subprocess.run(self.prefix + argv, env=env, capture_output=True, text=True, timeout=60, **kwargs)

    def start(self, argv, env, log):
        return subprocess.Popen(self.prefix + argv, env=env, stdout=subprocess.DEVNULL, stderr=log)


def read_only(tree):
    for root, dirs, files in os.walk(tree):
        for name in dirs + files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode & ~0o222)
    os.chmod(tree, os.stat(tree).st_mode & ~0o222)


def remove(tree):
    for root, dirs, _ in os.walk(tree):
        for name in dirs:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
    os.chmod(tree, 0o755)
    shutil.rmtree(tree, ignore_errors=True)


def config_map(folder, files):
    """A folder laid out as the kubelet mounts a ConfigMap: each key a symlink into ..data."""
    version = os.path.join(folder, "..2026_01_01_00_00_00.000000001")
    os.makedirs(version)
    for name, content in files.items():
        with open(os.path.join(version, name), "w", encoding="utf-8") as f:
            f.write(content)
    os.symlink(os.path.basename(version), os.path.join(folder, "..data"))
    for name in files:
        os.symlink(os.path.join("..data", name), os.path.join(folder, name))
    read_only(folder)
    return folder


def http(port, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                     headers={"Content-Type": "application/json"} if body else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Server:
    def __init__(self, runner, binary, env, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w+", encoding="utf-8")
        env = dict(env, MLOPS_BOT_HOST="127.0.0.1", MLOPS_BOT_PORT="0")
        self.process = runner.start([binary, "serve"], env, self.log)
        self.port = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            match = re.search(r'"event":"listening"[^\n]*"port":(\d+)', self.text())
            if match:
                self.port = int(match.group(1))
                return
            time.sleep(0.05)
        self.stop()
        raise Failure(f"serve did not start (exit {self.process.returncode}); its log:\n{self.text()}")

    def text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode


def ask(port, question):
    status, body = http(port, "/v1/ask", json.dumps({"text": question}).encode())
    expect(status == 200, f"POST /v1/ask answered {status}: {body[:300]}")
    return json.loads(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--binary", required=True)
    options = parser.parse_args()
    source = os.path.abspath(options.source)

    instructions = lint_deploy.dockerfile_instructions(os.path.join(source, "docker", "Dockerfile"))
    runtime = lint_deploy.dockerfile_stages(instructions)[-1]["instructions"]
    image_env = lint_deploy.dockerfile_env(runtime)
    entrypoint = lint_deploy.exec_form(next(r for w, r in runtime if w == "ENTRYPOINT"))
    healthcheck = next(r for w, r in runtime if w == "HEALTHCHECK")
    health_command = lint_deploy.exec_form(healthcheck.split("CMD", 1)[1].strip())
    _, _, documents = lint_deploy.render_chart(source)
    pod = documents["deployment.yaml"][1][0]["spec"]["template"]["spec"]
    init = next((c for c in pod.get("initContainers") or [] if c.get("args") == ["index"]), None)
    server_container = next((c for c in pod["containers"] if c.get("args") == ["serve"]), None)
    if not init or not server_container:
        print("FAIL the chart's pod has no init container running `index` or no container running `serve`")
        return 1
    volumes = {v["name"]: v for v in pod["volumes"]}

    try:
        runner = Runner()
    except Failure as failure:
        print(f"FAIL {failure}")
        return 1
    work = tempfile.mkdtemp(prefix="mlops-bot-image-")
    os.chmod(work, 0o755)
    try:
        # The image's layout, from the build CI tested.
        staged = subprocess.run([os.path.join(source, "docker", "stage.sh"), options.binary, work],
                                capture_output=True, text=True, timeout=300)
        expect(staged.returncode == 0, f"docker/stage.sh failed:\n{staged.stdout}{staged.stderr}")
        rootfs = os.path.join(work, "rootfs")
        with open(os.path.join(work, "runtime-packages.txt"), encoding="utf-8") as f:
            packages = f.read().split()
        expect(len(packages) >= 5 and all(re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", p) for p in packages),
               f"runtime-packages.txt does not look like Debian package names: {packages}")
        for needed in ("wamerican", "ca-certificates"):
            expect(needed in packages, f"runtime-packages.txt lacks {needed}")

        def in_image(path):
            return os.path.join(rootfs, path.lstrip("/"))

        bin_dir = in_image("/usr/local/bin")
        binary = os.path.join(bin_dir, entrypoint[0])
        expect(os.access(binary, os.X_OK), f"the ENTRYPOINT {entrypoint[0]} is not in the image's /usr/local/bin")
        expect(os.access(os.path.join(bin_dir, health_command[0]), os.X_OK),
               f"the HEALTHCHECK's {health_command[0]} is not in the image's /usr/local/bin")
        env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": "/nonexistent", "LANG": "C.UTF-8"}
        for name, value in image_env.items():
            env[name] = in_image(value) if value.startswith("/") and name != "MLOPS_BOT_HOST" else value
        for name in ("MLOPS_BOT_CORPUS", "MLOPS_BOT_INTENTS", "MLOPS_BOT_WEB_DIR"):
            expect(os.path.isdir(env.get(name, "")), f"the image's {name} is not a folder of the image")
        database = env["MLOPS_BOT_DB"]
        expect(os.path.isfile(database), "the image has no pre-built knowledge base at its MLOPS_BOT_DB")
        built_at = os.stat(database).st_mtime_ns
        read_only(rootfs)

        # 1. The image as built.
        server = Server(runner, binary, env, os.path.join(work, "image.log"))
        try:
            for path, wanted in ((health_command[1], 0), ("/readyz", 0), ("/no-such-path", 1)):
                result = subprocess.run([os.path.join(bin_dir, health_command[0]), path], capture_output=True,
                                        text=True, timeout=30, env=dict(env, MLOPS_BOT_PORT=str(server.port)))
                expect(result.returncode == wanted,
                       f"{health_command[0]} {path} exited {result.returncode}, not {wanted}: {result.stderr}")
            status, page = http(server.port, "/")
            expect(status == 200 and "widget.js" in page, f"GET / (the demo page) answered {status}")
            answer = ask(server.port, "What does an MLOps engineer with 3 years in Bengaluru earn?")
            expect(answer.get("intent", {}).get("name") == "salary.estimate" and answer.get("sources"),
                   f"the image's bot did not answer a salary question: {json.dumps(answer)[:300]}")
        finally:
            code = server.stop()
        log = server.text()
        expect(code == 0, f"serve exited {code} on SIGTERM, not 0")
        expect("building" not in log, f"the image rebuilt its pre-built knowledge base:\n{log}")
        expect(os.stat(database).st_mtime_ns == built_at, "the image's knowledge base was written at start")

        # 2. A pod with the team's documents, mounted as the chart mounts them.
        with open(os.path.join(source, "knowledge", "corpus", "mlops-engineer-salary-india.txt"), encoding="utf-8") as f:
            article = f.read()
        intents = {name: open(os.path.join(source, "intents", "data", name), encoding="utf-8").read()
                   for name in ("intents.json", "entities.json")}
        host_dirs = {}
        for container in (init, server_container):
            for mount in container["volumeMounts"]:
                volume = volumes[mount["name"]]
                if mount["mountPath"] in host_dirs:
                    continue
                folder = os.path.join(work, "volumes", mount["name"])
                if "emptyDir" in volume:
                    host_dirs[mount["mountPath"]] = runner.writable_dir(folder)
                elif mount["name"] == "corpus":
                    host_dirs[mount["mountPath"]] = config_map(folder, {"team-handbook.txt": article})
                elif mount["name"] == "intents":
                    host_dirs[mount["mountPath"]] = config_map(folder, intents)
                else:
                    raise Failure(f"the chart mounts a volume this test does not know: {mount['name']}")

        def in_pod(path):
            for mount_path, folder in host_dirs.items():
                if path == mount_path or path.startswith(mount_path + "/"):
                    return folder + path[len(mount_path):]
            return in_image(path) if path.startswith("/") else path

        def pod_env(container):
            result = dict(env, TMPDIR=in_pod("/tmp"))
            for item in container.get("env") or []:
                # A value computed by the template (the crude render leaves a placeholder) is skipped.
                if "value" in item and item["name"].startswith("MLOPS_BOT_") and item["name"] not in (
                        "MLOPS_BOT_HOST", "MLOPS_BOT_PORT", "MLOPS_BOT_SESSIONS") \
                        and str(item["value"]) != lint_deploy.PLACEHOLDER:
                    result[item["name"]] = in_pod(str(item["value"]))
            return result

        indexed = runner.run([binary] + init["args"], pod_env(init))
        expect(indexed.returncode == 0, f"the init container's `index` failed:\n{indexed.stdout}{indexed.stderr}")
        expect("1 document(s)" in indexed.stdout, f"`index` did not read the mounted document: {indexed.stdout}")
        server = Server(runner, binary, pod_env(server_container), os.path.join(work, "pod.log"))
        try:
            answer = ask(server.port, "What is MLOps?")
            documents_cited = {source_["doc"] for source_ in answer.get("sources", [])}
            expect(documents_cited == {"team-handbook"},
                   f"the pod did not answer from the mounted document: {sorted(documents_cited)}")
        finally:
            code = server.stop()
        expect(code == 0, f"the pod's serve exited {code} on SIGTERM")
        expect("building" not in server.text(), f"the server rebuilt what the init container built:\n{server.text()}")

        # 3. Without the emptyDir, the server cannot index those documents on the read-only root.
        without = dict(pod_env(server_container), MLOPS_BOT_DB=database, MLOPS_BOT_PORT="0",
                       MLOPS_BOT_HOST="127.0.0.1")
        with open(os.path.join(work, "read-only.log"), "w+", encoding="utf-8") as log:
            process = runner.start([binary, "serve"], without, log)
            try:
                code = process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                code = None
            log.seek(0)
            said = log.read()
        expect(code not in (None, 0),
               "serve indexed into the image's folder: the staged root filesystem is writable, so the "
               "read-only checks above prove nothing")
        expect("building" in said, f"serve failed, but not for the rebuild it needed:\n{said}")
    except Failure as failure:
        print(f"FAIL {failure}")
        return 1
    finally:
        remove(work)
    print("image_layout: the staged image serves, answers and stops; the pod's own documents are indexed "
          "by its init container and served; the read-only root refuses a rebuild")
    return 0


if __name__ == "__main__":
    sys.exit(main())
