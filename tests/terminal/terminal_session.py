#!/usr/bin/env python3
"""`mlops-bot chat` and `mlops-bot ask` as a person runs them: in a pseudo-terminal.

Only a terminal makes the chat use libedit (piped input is read line by line), so only this
test reaches the line editor, its prompt and the locale it needs. Usage:

    terminal_session.py --binary build/mlops-bot --locale C.UTF-8 --backend server

--backend local asks the engine in process; --backend server starts `serve` on an ephemeral
127.0.0.1 port and chats with it over ws://. --backend ask runs `ask` (no chat) in the
terminal, with colour, then with NO_COLOR. Exits 0 when every check passes, 1 otherwise.
"""

import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

TIMEOUT = 60  # seconds for one answer; the first may build the knowledge base
STARTUP_TIMEOUT = 120
ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>])")
FIGURE = re.compile(r"₹\s?\d+(\.\d+)?\s*[–-]\s*\d+(\.\d+)?\s*LPA")

failures = []


def check(condition, what, output=""):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)
        if output:
            print(f"----- output -----\n{output}\n------------------", file=sys.stderr)
    return condition


class Terminal:
    """A child process on the slave side of a pseudo-terminal, 100x40."""

    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        self.seen = b""  # everything read so far
        self.status = None

    def read_until(self, pattern, timeout=TIMEOUT):
        """Reads until `pattern` (a regex over the text without escape sequences) matches what
        came after the last call; returns that text, or None at a timeout or the end."""
        start = len(self.seen)
        deadline = time.monotonic() + timeout
        while True:
            text = self.text(start)
            if re.search(pattern, text):
                self.mark = len(self.seen)
                return text
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                return None

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child has gone and the terminal is closed
            return False
        self.seen += chunk
        return bool(chunk)

    def text(self, start=0):
        return ANSI.sub("", self.seen[start:].decode("utf-8", "replace")).replace("\r\n", "\n")

    def send(self, data):
        os.write(self.fd, data.encode("utf-8"))

    def wait_for_line_editor(self, timeout=5):
        """libedit writes its prompt a moment before it turns canonical mode off; a Ctrl-D that
        arrives in that moment is taken by the terminal's line discipline and reaches libedit
        as a NUL. A person cannot type that fast; the test waits for the mode as they would."""
        deadline = time.monotonic() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def wait(self, timeout=TIMEOUT):
        """The exit status (negative: killed by that signal), reading what is left."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.05):
                    pass
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None


def environment(locale, home, extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE", "NO_COLOR")}
    env.update({"LANG": locale, "LC_ALL": locale, "HOME": home, "TERM": "xterm"})
    env.update(extra or {})
    return env


class Server:
    """`mlops-bot serve` on an ephemeral loopback port, stopped with SIGTERM."""

    def __init__(self, binary, env):
        self.process = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", "0", "--log-level", "warn"],
                                        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self.port = None
        log = ""
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while self.port is None and time.monotonic() < deadline:
            line = self.process.stderr.readline().decode("utf-8", "replace")
            if not line:
                break
            log += line
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict) and event.get("event") == "listening":
                self.port = event["port"]
        if self.port is None:
            self.stop()
            raise SystemExit(f"serve did not report its port; its log:\n{log}")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


def check_salary_answer(text):
    check(FIGURE.search(text), "the salary answer states a figure in LPA", text)


def check_comparison(text):
    """The comparison as a table and bars under the documents' names, each source once."""
    lines = text.split("\n")
    check(not any(line.lstrip().startswith("|") for line in lines), "no raw Markdown table row", text)
    check("**" not in text, "no raw ** of Markdown bold", text)
    check(not re.search(r"\bmlops_engineer\b|\bdata_scientist\b", text), "no raw role keys as labels", text)
    # The table's header and a row, aligned into columns.
    check(re.search(r"^\s+Role\s{2,}(Average )?[Ss]alary\s{2,}Note", text, re.M), "the table's header, aligned", text)
    table_rows = [line for line in lines if re.match(r"^\s+MLOps Engineer\s{2,}₹", line)]
    check(len(table_rows) >= 2, "MLOps Engineer in the table and in the bars, by its name", text)
    check(any("█" in line for line in table_rows), "a bar for MLOps Engineer", text)
    sources = text.split("Sources:", 1)[1].split("You could ask:", 1)[0] if "Sources:" in text else ""
    listed = [line.strip() for line in sources.split("\n") if line.strip()]
    check(listed, "the sources are listed", text)
    check(len(listed) == len(set(listed)), "each source is listed once", text)


def run_chat(binary, locale, backend, home):
    env = environment(locale, home)
    server = Server(binary, env) if backend == "server" else None
    try:
        argv = [binary, "chat"] + ([f"ws://127.0.0.1:{server.port}/v1/chat"] if server else [])
        term = Terminal(argv, env)
        prompt = r"you› $" if locale.upper().endswith("UTF-8") else r"you> $"
        first = term.read_until(prompt)
        if not check(first is not None, f"the chat shows its prompt ({prompt})", term.text()):
            status = term.wait(5)
            check(False, f"chat ended with {status} (negative: killed by that signal)")
            return
        term.send("What does an MLOps engineer with 3 years of experience earn?\r")
        answer = term.read_until(r"LPA[\s\S]*" + prompt)
        check(answer is not None, "an answer, then the prompt again", term.text())
        check_salary_answer(answer or "")
        term.send("compare mlops engineer and data scientist salary\r")
        comparison = term.read_until(r"You could ask:[\s\S]*" + prompt)
        check(comparison is not None, "the comparison, then the prompt again", term.text())
        check_comparison(comparison or "")
        check(term.wait_for_line_editor(), "the line editor takes keys after the prompt")
        term.send("\x04")  # Ctrl-D on an empty line: the end of input
        status = term.wait()
        check(status == 0, f"chat exits 0 after Ctrl-D (got {status})", term.text())
        history = os.path.join(home, ".mlops_bot_history")
        check(os.path.exists(history), "the history is saved in $HOME/.mlops_bot_history")
    finally:
        if server:
            server.stop()


def run_ask(binary, locale, home):
    question = "compare mlops engineer and data scientist salary"
    term = Terminal([binary, "ask", question], environment(locale, home))
    status = term.wait()
    check(status == 0, f"ask exits 0 (got {status})", term.text())
    raw = term.seen.decode("utf-8", "replace")
    check("\x1b[1m" in raw, "ask on a terminal shows bold as terminal bold", raw)
    check_comparison(term.text())

    term = Terminal([binary, "ask", question], environment(locale, home, {"NO_COLOR": "1"}))
    check(term.wait() == 0, "ask with NO_COLOR exits 0")
    raw = term.seen.decode("utf-8", "replace")
    check("\x1b[" not in raw, "NO_COLOR: no escape sequences", raw)
    check_comparison(term.text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--locale", required=True, help="LANG and LC_ALL for the child, e.g. C or C.UTF-8")
    parser.add_argument("--backend", choices=["local", "server", "ask"], required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mlops-bot-pty-") as home:
        if args.backend == "ask":
            run_ask(args.binary, args.locale, home)
        else:
            run_chat(args.binary, args.locale, args.backend, home)
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
