#!/usr/bin/env python3
"""The answer contract (docs/answer.md) checked against what the bot sends, and kept in step.

    check_answers.py PART --source DIR --binary PATH/TO/mlops-bot --platform-answers PATH

PART is one of:
  schema_data      the schema is valid draft 2020-12, its enums are intents/data's names, and
                   it and the number rules reject answers with known defects (so they can fail)
  shared_contract  docs/answer.md and the schema against ../shared/CONTRACT.md, the authority:
                   the page holds the contract's text, every intent and entity name (and each
                   canonical value it lists) is in the schema. Skipped (77) where the shared
                   folder is absent, as in a clean clone on CI.
  ask_json         every line of `mlops-bot ask --json` over the question sets and dialogs
  server           every POST /v1/ask body and WebSocket answer frame of a served instance
  platforms        every answer object the Slack and Discord code paths get from the engine
                   (contract_platform_answers, see platform_answers.cpp)

Each answer must validate against docs/answer.schema.json and follow what JSON Schema cannot
say of a number's text: a whole number is an integer (10, not 10.0), the confidence has at most
three decimals, no number is in exponent form. Exit 0: all good; 1: failures, printed; 77:
skipped (python3-jsonschema missing, or no ../shared/CONTRACT.md for shared_contract).
"""
import argparse
import base64
import hashlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading

try:
    import jsonschema
except ImportError:
    print("SKIPPED: python3-jsonschema is not installed (Debian: apt-get install python3-jsonschema)")
    sys.exit(77)

SKIP = 77
# The question sets of tests/eval: their questions in order, and their dialogs' turns.
QUESTION_SETS = ("dev.jsonl", "paraphrases.jsonl", "real-questions.jsonl")
DIALOG_SETS = ("dev-dialogs.jsonl", "paraphrase-dialogs.jsonl")
# Inputs the sets lack: no question at all, noise, a question that makes the bot ask which role,
# one that makes it ask back on a pay-or-work fork, a certification premium, a long post.
EXTRA_QUESTIONS = (
    "   ",
    "😀😀😀 \" OR 1=1 -- NEAR(salary, 5) AND NOT *",
    "what is the salary?",
    "MLOps vs DevOps",
    "What does an MLOps engineer with 3 years and an AWS ML certification earn?",
    "I am a data engineer with 4 years in Pune at a fintech startup. " * 20 + "What would I earn in MLOps?",
)
# Bad input (tests/unit/test_engine.cpp's): an honest answer object, in valid UTF-8. Bytes that are
# no UTF-8 are carried as surrogates (surrogateescape) and sent as the bytes they were. The server
# refuses what is not UTF-8 or longer than 4096 bytes before it asks, so it gets only the others.
BAD_INPUTS = tuple(text.decode("utf-8", "surrogateescape") for text in (
    b"a" * 100 * 1024,
    b"\xff\xfe\xfd salary",
    b"\x01\x02\x1b[2J",
    "वेतन कितना है".encode(),
    b"what is '); DROP TABLE passages; --",
    b"x" * 5000 + b" what is mlops",
))
MAX_SERVER_QUESTION_BYTES = 4096


def wire(text):
    return text.encode("utf-8", "surrogateescape")


def servable(text):
    try:
        return len(text.encode("utf-8")) <= MAX_SERVER_QUESTION_BYTES
    except UnicodeEncodeError:
        return False


class Failure(Exception):
    pass


class Number(float):
    """A JSON number with a fraction or an exponent, with the text it was written as."""

    def __new__(cls, text):
        number = super().__new__(cls, text)
        number.text = text
        return number


def parse(text):
    return json.loads(text, parse_float=Number)


def number_problems(value, path="$"):
    """Numbers written otherwise than docs/answer.md says: exponents, whole numbers as 10.0."""
    if isinstance(value, Number):
        if "e" in value.text.lower():
            yield f"{path}: {value.text} is in exponent form"
        elif value.is_integer():
            yield f"{path}: {value.text} is a whole number written with a fraction"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from number_problems(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from number_problems(item, f"{path}[{index}]")


class Contract:
    def __init__(self, source):
        with open(os.path.join(source, "docs", "answer.schema.json"), encoding="utf-8") as file:
            self.schema = json.load(file)
        jsonschema.Draft202012Validator.check_schema(self.schema)
        self.validator = jsonschema.Draft202012Validator(self.schema)

    def problems(self, answer):
        """What is wrong with one answer object (parsed with parse()), as lines."""
        found = [f"{'$' + ''.join(f'[{p!r}]' for p in error.absolute_path)}: {error.message[:300]}"
                 for error in self.validator.iter_errors(answer)]
        found += number_problems(answer)
        confidence = answer.get("intent", {}).get("confidence") if isinstance(answer.get("intent"), dict) else None
        if isinstance(confidence, Number) and len(confidence.text.partition(".")[2]) > 3:
            found.append(f"$.intent.confidence: {confidence.text} has more than three decimals")
        clarify = answer.get("data", {}).get("clarify") if isinstance(answer.get("data"), dict) else None
        if isinstance(clarify, dict) and isinstance(clarify.get("options"), list):
            offered = {option.get("text") for option in clarify["options"] if isinstance(option, dict)}
            for suggestion in answer.get("suggestions", []):
                if suggestion not in offered:
                    found.append(f"$.suggestions: {suggestion!r} is none of data.clarify's options")
        return found


class Report:
    def __init__(self, contract):
        self.contract = contract
        self.checked = 0
        self.failures = []

    def answer(self, where, question, answer):
        self.checked += 1
        for problem in self.contract.problems(answer):
            self.failures.append(f"{where}: {question[:80]!r}: {problem}")

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)

    def finish(self, what):
        if self.failures:
            print(f"{len(self.failures)} failures ({what}, {self.checked} answers checked):")
            for failure in self.failures[:40]:  # the rest are most likely the same
                print("  " + failure)
            return 1
        print(f"ok: {self.checked} answers ({what}) follow docs/answer.schema.json and its number rules")
        return 0


def read_jsonc(path):
    """intents/data's JSON files, with // comments on their own lines or after a value (Boost.JSON's
    allow_comments, as the engine reads them)."""
    with open(path, encoding="utf-8") as file:
        text = file.read()
    kept, in_string, i = [], False, 0
    while i < len(text):
        char = text[i]
        if in_string:
            if char == "\\":
                kept.append(text[i:i + 2])
                i += 2
                continue
            in_string = char != '"'
        elif char == '"':
            in_string = True
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        kept.append(char)
        i += 1
    return json.loads("".join(kept))


def questions_and_dialogs(source):
    eval_dir = os.path.join(source, "tests", "eval")
    questions = []
    for name in QUESTION_SETS:
        with open(os.path.join(eval_dir, name), encoding="utf-8") as file:
            questions += [json.loads(line)["text"] for line in file if line.strip()]
    dialogs = []
    for name in DIALOG_SETS:
        with open(os.path.join(eval_dir, name), encoding="utf-8") as file:
            dialogs += [[turn["text"] for turn in json.loads(line)["turns"]] for line in file if line.strip()]
    questions += EXTRA_QUESTIONS + BAD_INPUTS
    for text in questions + [turn for dialog in dialogs for turn in dialog]:
        if "\n" in text or "\t" in text:
            raise Failure(f"a question with a line break or tab cannot be fed one a line: {text!r}")
    return questions, dialogs


# --- schema_data -------------------------------------------------------------------------------

# A good answer (as ask --json writes it) and defects the schema or the number rules must catch.
GOOD = ('{"intent":{"name":"salary.estimate","confidence":0.773},"entities":{"experience_years":3,'
        '"role":["mlops_engineer"],"city":"bengaluru"},"text":"About **₹10–20 LPA**.","data":{"salary":'
        '{"role":"mlops_engineer","currency":"INR","unit":"lpa","level":"mid","min_lpa":10,"max_lpa":20,'
        '"open_ended":false,"experience_years":3}},"sources":[{"doc":"d","section":"s","snippet":"x"}],'
        '"suggestions":["What about 8 years?"],"answer_id":"a-0123456789abcdef0123456789abcdef"}')
DEFECTS = {
    "no answer_id": lambda a: a.pop("answer_id"),
    "a short answer_id": lambda a: a.update(answer_id="a-5f1c9e"),
    "an unknown intent": lambda a: a["intent"].update(name="salary.negotiate"),
    "a confidence above 1": lambda a: a["intent"].update(confidence=1.5),
    "an empty text": lambda a: a.update(text=""),
    "role as a string": lambda a: a["entities"].update(role="mlops_engineer"),
    "a city not canonical": lambda a: a["entities"].update(city="Bangalore"),
    "an unknown entity": lambda a: a["entities"].update(salary=10),
    "a source without its snippet": lambda a: a["sources"][0].pop("snippet"),
    "a figure without sources": lambda a: a.update(sources=[]),
    "a salary without min_lpa/max_lpa or bands": lambda a: [a["data"]["salary"].pop(k) for k in ("min_lpa", "max_lpa")],
    "a comparison in a salary.estimate answer": lambda a: a["data"].update(
        comparison=[{"role": "x", "label": "X", "min_lpa": 1, "max_lpa": 2, "currency": "INR"}]),
    "an unknown data member": lambda a: a["data"].update(salry={}),
    "a clarify without options": lambda a: a["data"].update(clarify={"question": "Which?", "options": []}),
    "an extra member": lambda a: a.update(session="s1"),
    "a suggestion that is null": lambda a: a["suggestions"].append(None),
}
TEXT_DEFECTS = {
    "a whole number with a fraction": GOOD.replace('"min_lpa":10', '"min_lpa":10.0'),
    "a number in exponent form": GOOD.replace('"max_lpa":20', '"max_lpa":2E1'),
    "a confidence with four decimals": GOOD.replace("0.773", "0.7727"),
    "a suggestion that no clarify option offers": GOOD.replace(
        '"data":{', '"data":{"clarify":{"question":"Which?","options":[{"intent":"help","text":"a"},'
        '{"intent":"help","text":"b"}]},'),
}


def schema_data(args, contract):
    report = Report(contract)
    schema = contract.schema
    intents = read_jsonc(os.path.join(args.source, "intents", "data", "intents.json"))
    entities = read_jsonc(os.path.join(args.source, "intents", "data", "entities.json"))
    defs = schema["$defs"]
    report.expect(set(defs["intent_name"]["enum"]) == set(intents["intents"]),
                  f"the schema's intents {sorted(defs['intent_name']['enum'])} are not intents.json's "
                  f"{sorted(intents['intents'])}")
    kinds = set(schema["$defs"]["entities"]["properties"]) - {"experience_years"}
    report.expect(kinds == set(entities["entities"]),
                  f"the schema's entities {sorted(kinds)} are not entities.json's {sorted(entities['entities'])}")
    for kind, values in entities["entities"].items():
        wanted = {entry["value"] for entry in values}
        if "enum" in defs.get(kind, {}):
            report.expect(set(defs[kind]["enum"]) == wanted,
                          f"the schema's {kind} values {sorted(defs[kind]['enum'])} are not "
                          f"entities.json's {sorted(wanted)}")
        else:  # open-ended (role, skill): the names the data knows must fit the schema's pattern
            pattern = re.compile(defs[kind]["pattern"])
            for value in wanted:
                report.expect(pattern.search(value), f"entities.json's {kind} {value!r} does not fit the schema")
    factors = {entry["value"] for entry in entities["labels"]["factor"]}
    report.expect(set(defs["factor"]["enum"]) == factors,
                  f"the schema's factors {sorted(defs['factor']['enum'])} are not "
                  f"entities.json's labels {sorted(factors)}")

    report.expect(contract.problems(parse(GOOD)) == [], f"a good answer is refused: {contract.problems(parse(GOOD))}")
    for name, spoil in DEFECTS.items():
        answer = parse(GOOD)
        spoil(answer)
        report.expect(contract.problems(answer), f"the schema lets pass {name}")
    for name, text in TEXT_DEFECTS.items():
        report.expect(contract.problems(parse(text)), f"the checks let pass {name}")
    if report.failures:
        return report.finish("the schema against intents/data and known defects")
    print(f"ok: the schema's names are intents/data's; it and the number rules refuse "
          f"{len(DEFECTS) + len(TEXT_DEFECTS)} known defects")
    return 0


# --- shared_contract ---------------------------------------------------------------------------

def table_rows(markdown, heading):
    """The first cells and the rest of each row of the table under `## heading`."""
    section = markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]  # past the header and rule
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        yield re.findall(r"`([^`]+)`", cells[0]), " | ".join(cells[1:])


def shared_contract(args, contract):
    path = args.contract or os.path.join(args.source, "..", "shared", "CONTRACT.md")
    if not os.path.isfile(path):
        print(f"SKIPPED: {os.path.normpath(path)} is not here (a clone without the shared folder, as on CI): "
              "docs/answer.md and the schema are checked against it where it is")
        return SKIP
    with open(path, encoding="utf-8") as file:
        text = file.read()
    with open(os.path.join(args.source, "docs", "answer.md"), encoding="utf-8") as file:
        page = file.read()
    report = Report(contract)
    defs = contract.schema["$defs"]

    # The page holds the contract's text as it is, under "## The contract", headings one level down.
    body = text.split("\n", 1)[1].strip("\n")
    body = re.sub(r"^## ", "### ", body, flags=re.MULTILINE)
    report.expect(body in page, f"docs/answer.md no longer holds the text of {path} (copy it under '## The contract')")

    names = [name for cells, _ in table_rows(text, "Intents") for name in cells]
    report.expect(names, f"no intent names found in {path}'s table")
    report.expect(set(names) == set(defs["intent_name"]["enum"]),
                  f"the schema's intents {sorted(defs['intent_name']['enum'])} are not the contract's {sorted(names)}")

    properties = contract.schema["$defs"]["entities"]["properties"]
    kinds = 0
    for cells, values in table_rows(text, "Entities and their canonical values"):
        kinds += 1
        kind = cells[0]
        report.expect(kind in properties, f"the contract's entity {kind!r} is not in the schema")
        if kind == "experience_years" or kind not in defs:
            continue
        for value in re.findall(r"`([^`]+)`", values):
            if "enum" in defs[kind]:
                report.expect(value in defs[kind]["enum"], f"the contract's {kind} {value!r} is not in the schema")
            else:
                report.expect(re.search(defs[kind]["pattern"], value),
                              f"the contract's {kind} {value!r} does not fit the schema")
    report.expect(kinds, f"no entity names found in {path}'s table")

    # The fields of the contract's example are the ones every answer of this bot carries.
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0].replace("…", ""))
    report.expect(set(example) == set(contract.schema["required"]),
                  f"the contract's fields {sorted(example)} are not the schema's required "
                  f"{contract.schema['required']}")
    if report.failures:
        return report.finish(f"docs/answer.md and the schema against {path}")
    print(f"ok: docs/answer.md holds {path}; its {len(names)} intents and {kinds} entities are in the schema")
    return 0


# --- ask_json ----------------------------------------------------------------------------------

def output_lines(program, result):
    if result.returncode != 0:
        raise Failure(f"{program} exited {result.returncode}: {result.stderr.decode(errors='replace')[-2000:]}")
    try:
        return result.stdout.decode("utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise Failure(f"{program} wrote what is not UTF-8: {error}")


def run_ask(binary, lines, argv=()):
    result = subprocess.run([binary, "ask", "--json", *map(wire, argv)],
                            input=b"".join(wire(line) + b"\n" for line in lines), capture_output=True, timeout=120)
    return output_lines("mlops-bot ask --json", result)


def ask_json(args, contract):
    questions, dialogs = questions_and_dialogs(args.source)
    report = Report(contract)
    conversations = [questions] + dialogs  # the question sets read as one conversation, then each dialog
    for conversation in conversations:
        outputs = run_ask(args.binary, conversation)
        report.expect(len(outputs) == len(conversation),
                      f"ask --json printed {len(outputs)} lines for {len(conversation)} questions")
        for question, line in zip(conversation, outputs):
            report.answer("ask --json", question, parse(line))
    outputs = run_ask(args.binary, [], [questions[0]])  # the question as an argument
    report.expect(len(outputs) == 1, f"ask --json TEXT printed {len(outputs)} lines")
    report.answer("ask --json TEXT", questions[0], parse(outputs[0]))
    return report.finish("ask --json")


# --- server ------------------------------------------------------------------------------------

class Server:
    """mlops-bot serve on an ephemeral 127.0.0.1 port, ready once its log says so."""

    def __init__(self, binary):
        self.process = subprocess.Popen(
            # No limit on requests per second: the test sends hundreds on one connection.
            [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--learning", "off", "--rate-limit", "0",
             "--http-rate-limit", "0"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True)
        self.log = []
        self.port = None
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self.read_log, daemon=True)
        self.reader.start()
        if not self.ready.wait(120) or self.port is None:
            self.stop()
            raise Failure("mlops-bot serve did not become ready:\n" + "".join(self.log[-20:]))

    def read_log(self):
        for line in self.process.stderr:
            self.log.append(line)
            listening = re.search(r'"event":"listening"[^\n]*"port":(\d+)', line)
            if listening:
                self.port = int(listening.group(1))
            if '"event":"ready"' in line:
                self.ready.set()
        self.ready.set()  # it exited: nobody waits forever

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(10)


class WebSocket:
    """A minimal RFC 6455 client: text frames out (masked), text frames in (fragments joined)."""

    GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /v1/chat HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.receive_more()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        head = head.decode("latin-1")
        accept = base64.b64encode(hashlib.sha1((key + self.GUID).encode()).digest()).decode()
        if not head.startswith("HTTP/1.1 101") or f"sec-websocket-accept: {accept}".lower() not in head.lower():
            raise Failure(f"the WebSocket upgrade was refused: {head}")

    def receive_more(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Failure("the server closed the WebSocket connection")
        self.buffer += chunk

    def read(self, size):
        while len(self.buffer) < size:
            self.receive_more()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def send(self, opcode, payload):
        size = len(payload)
        header = bytes([0x80 | opcode])
        if size < 126:
            header += bytes([0x80 | size])
        elif size < 65536:
            header += bytes([0x80 | 126]) + size.to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + size.to_bytes(8, "big")
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload)))

    def send_text(self, text):
        self.send(0x1, text.encode())

    def receive_text(self):
        message = b""
        while True:
            first, second = self.read(2)
            size = second & 0x7F
            if second & 0x80:
                raise Failure("the server masked a frame (RFC 6455 §5.1)")
            if size == 126:
                size = int.from_bytes(self.read(2), "big")
            elif size == 127:
                size = int.from_bytes(self.read(8), "big")
            payload = self.read(size)
            opcode = first & 0x0F
            if opcode == 0x8:
                raise Failure(f"the server closed the WebSocket: {payload!r}")
            if opcode == 0x9:
                self.send(0xA, payload)
            elif opcode in (0x0, 0x1):
                message += payload
                if first & 0x80:
                    return message.decode()
            elif opcode != 0xA:
                raise Failure(f"an unexpected WebSocket frame, opcode {opcode}")

    def close(self):
        try:
            self.send(0x8, (1000).to_bytes(2, "big"))
        finally:
            self.sock.close()


def ask_over_websocket(report, port, conversation):
    chat = WebSocket(port)
    try:
        hello = json.loads(chat.receive_text())
        report.expect(hello.get("type") == "hello", f"the first frame is no hello: {hello}")
        for index, question in enumerate(conversation):
            chat.send_text(json.dumps({"type": "ask", "id": f"q{index}", "text": question}))
            frame = parse(chat.receive_text())
            report.expect(list(frame)[:2] == ["type", "id"] and frame["type"] == "answer"
                          and frame["id"] == f"q{index}",
                          f"WebSocket: {question[:80]!r}: not an answer frame to q{index} with type and id first: "
                          f"{json.dumps(frame)[:300]}")
            frame.pop("type", None)
            frame.pop("id", None)
            report.answer("WebSocket answer frame", question, frame)
    finally:
        chat.close()


def ask_over_http(report, port, questions, session=None):
    """Each question its own conversation, or all of them one under `session`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for question in questions:
            request = {"text": question, **({"session": session} if session else {})}
            connection.request("POST", "/v1/ask", json.dumps(request), {"Content-Type": "application/json"})
            response = connection.getresponse()
            body = response.read().decode()
            if response.status != 200:
                report.failures.append(f"POST /v1/ask: {question[:80]!r}: {response.status} {body[:300]}")
                continue
            answer = parse(body)
            answered_session = answer.pop("session", None)
            report.expect(isinstance(answered_session, str) and answered_session
                          and session in (None, answered_session),
                          f"POST /v1/ask: {question[:80]!r}: not the session id {session} in {body[:300]}")
            report.answer("POST /v1/ask", question, answer)
    finally:
        connection.close()


def server(args, contract):
    questions, dialogs = questions_and_dialogs(args.source)
    questions = [question for question in questions if servable(question)]
    report = Report(contract)
    served = Server(args.binary)
    try:
        ask_over_http(report, served.port, questions)
        for index, dialog in enumerate(dialogs):
            ask_over_http(report, served.port, dialog, session=f"contract-dialog-{index}")
        # One connection is one conversation: the question sets as one, then each dialog.
        for conversation in [questions] + dialogs:
            ask_over_websocket(report, served.port, conversation)
    finally:
        served.stop()
    return report.finish("POST /v1/ask and WebSocket answer frames")


# --- platforms ---------------------------------------------------------------------------------

def platforms(args, contract):
    if not os.path.isfile(args.platform_answers):
        raise Failure(f"{args.platform_answers} is not built (cmake --build build --target contract_platform_answers)")
    questions, dialogs = questions_and_dialogs(args.source)
    # Keys as the adapters make them: a Slack thread, a Discord channel and user; a blank
    # question (a bare mention or /ask with nothing) gets the help.
    turns = [(f"slack:T1:C1:{index}", question) for index, question in enumerate(questions)]
    for index, dialog in enumerate(dialogs):
        turns += [(f"slack:T1:C2:thread{index}", turn) for turn in dialog]
        turns += [(f"discord:C3:user{index}", turn) for turn in dialog]
    turns += [("slack:T1:C4:blank", ""), ("discord:C5:blank", " ")]
    result = subprocess.run([args.platform_answers], input=b"".join(wire(f"{key}\t{text}\n") for key, text in turns),
                            capture_output=True, timeout=300)
    outputs = output_lines("contract_platform_answers", result)
    report = Report(contract)
    report.expect(len(outputs) == len(turns), f"{len(outputs)} answers for {len(turns)} turns")
    for (key, question), line in zip(turns, outputs):
        report.answer(f"{key.split(':')[0]} path", question, parse(line))
    return report.finish("the Slack and Discord paths' answer objects")


PARTS = {"schema_data": schema_data, "shared_contract": shared_contract, "ask_json": ask_json,
         "server": server, "platforms": platforms}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=PARTS)
    parser.add_argument("--source", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--platform-answers", default="")
    parser.add_argument("--contract", help="the shared contract (default: SOURCE/../shared/CONTRACT.md)")
    args = parser.parse_args()
    try:
        return PARTS[args.part](args, Contract(args.source))
    except Failure as failure:
        print(f"FAILED: {failure}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
