#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the project's own data, so no copies are committed.

usage: make_seeds.py SOURCE_DIR OUTPUT_DIR

OUTPUT_DIR/<harness>/ gets one file per seed, in the input format the harness's header comment
describes: the questions of tests/eval/*.jsonl (a dialog's turns one per line), pieces of the
documents in knowledge/corpus/, and those questions wrapped as chat-protocol messages, Slack
slash-command forms and Discord interactions. The folder is rewritten from scratch each time.
"""
import hashlib
import json
import pathlib
import shutil
import sys
import urllib.parse

# Slack's test vector (api.slack.com/authentication/verifying-requests-from-slack) opens the
# Slack seeds: a timestamp line, a signature line, then the form body.
SLACK_VECTOR = (
    "1531420618\n"
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503\n"
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
    "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
    "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)

# Messages of docs/protocol.md that are not questions, and a few it refuses.
PROTOCOL_MESSAGES = [
    '{"type":"reset","id":"r1"}',
    '{"type":"reset"}',
    '{"type":"ask","id":"c1","text":""}',
    '{"type":"ask","text":"hi"}',
    '{"type":"ask","id":{},"text":"hi"}',
    '{"type":"hello"}',
    '{"type":7}',
    '[]',
    '',
]


def questions(source: pathlib.Path):
    """Every question and every dialog (a list of turns) of the eval sets."""
    single, dialogs = [], []
    for path in sorted((source / "tests" / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if "turns" in case:
                dialogs.append([turn["text"] for turn in case["turns"]])
            else:
                single.append(case["text"])
    return single, dialogs


def document_pieces(source: pathlib.Path):
    """Each corpus document whole, and cut into pieces of 20 lines: small inputs mutate faster."""
    for path in sorted((source / "knowledge" / "corpus").iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        text = path.read_bytes()
        yield text
        lines = text.splitlines(keepends=True)
        for start in range(0, len(lines), 20):
            yield b"".join(lines[start:start + 20])


def discord_interaction(question: str) -> str:
    return json.dumps({
        "type": 2, "id": "1", "channel_id": "2", "member": {"user": {"id": "3"}},
        "data": {"name": "ask", "options": [{"name": "question", "type": 3, "value": question}]},
    })


def write(folder: pathlib.Path, seeds):
    folder.mkdir(parents=True)
    for seed in seeds:
        data = seed.encode("utf-8") if isinstance(seed, str) else seed
        # Named by content, as libFuzzer names what it adds; duplicates collapse.
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    source, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    single, dialogs = questions(source)
    shutil.rmtree(output, ignore_errors=True)
    write(output / "fuzz_normalize_entities", single)
    write(output / "fuzz_ask", single + ["\n".join(turns) for turns in dialogs])
    write(output / "fuzz_ingest", document_pieces(source))
    asks = [json.dumps({"type": "ask", "id": n, "text": q}) for n, q in enumerate(single)]
    asks += ["\n".join(json.dumps({"type": "ask", "id": f"d{n}", "text": t}) for t in turns)
             for n, turns in enumerate(dialogs)]
    write(output / "fuzz_chat_protocol", asks + PROTOCOL_MESSAGES)
    forms = ["1531420618\nv0=00\n" + urllib.parse.urlencode(
        {"team_id": "T1", "channel_id": "C1", "user_id": "U1", "command": "/ask", "text": q}) for q in single]
    write(output / "fuzz_slack_request", forms + [SLACK_VECTOR])
    write(output / "fuzz_discord_interaction",
          [discord_interaction(q) for q in single] + ['{"type":1}', '{"type":2,"data":{"name":"help"}}'])


if __name__ == "__main__":
    main()
