#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the project's own data, so no copies are committed.

usage: make_seeds.py SOURCE_DIR OUTPUT_DIR

OUTPUT_DIR/<harness>/ gets one file per seed, in the input format the harness's header comment
describes: the questions of tests/eval/ (a dialog's turns one per line); the documents of
knowledge/corpus/ and tests/eval/docs-dev/ by format, whole and in pieces, with small PDFs
written here; and the questions wrapped as chat-protocol messages, Slack slash-command forms and
Discord interactions. The folder is rewritten from scratch each time.
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
    eval_dir = source / "tests" / "eval"
    for path in sorted(eval_dir.glob("*.jsonl")) + sorted((eval_dir / "docs-dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if "turns" in case:
                dialogs.append([turn["text"] for turn in case["turns"]])
            else:
                single.append(case["text"])
    return single, dialogs


# The format each harness reads (tests/fuzz/CMakeLists.txt) and the file names of that format
# (knowledge/document_reader.cpp, format_of).
FORMATS = {
    "text": (".txt", ".text"),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "pdf": (".pdf",),
}


def documents(source: pathlib.Path, suffixes):
    folders = [source / "knowledge" / "corpus", source / "tests" / "eval" / "docs-dev",
               source / "tests" / "eval" / "docs-dev" / "pdf"]
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in suffixes:
                yield path.read_bytes()


def pieces(text: bytes):
    """A text document whole, and cut into pieces of 20 lines: small inputs mutate faster."""
    yield text
    lines = text.splitlines(keepends=True)
    for start in range(0, len(lines), 20):
        yield b"".join(lines[start:start + 20])


def pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def small_pdf(title: str, lines) -> bytes:
    """A one-page PDF of Helvetica text, one (size, text) a line from the top: the structure a
    fuzzer can mutate in a few steps, where the 50 KB PDF of docs-dev takes many."""
    content = ["BT"]
    y = 760
    for size, text in lines:
        content.append(f"/F1 {size} Tf 1 0 0 1 72 {y} Tm {pdf_string(text)} Tj")
        y -= size + 8
    content.append("ET")
    stream = "\n".join(content)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title {pdf_string(title)} >>",
    ]
    pdf = "%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    pdf += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
    pdf += f"startxref\n{xref}\n%%EOF\n"
    return pdf.encode("latin-1")


def pdf_seeds():
    yield small_pdf("MLOps Engineer Salary", [(18, "MLOps Engineer Salary in India"),
                                              (11, "Entry-Level (0-2 years): Rs 6-10 LPA"),
                                              (11, "Senior (5+ years): Rs 25-40 LPA")])
    yield small_pdf("Tools", [(14, "Tools"), (11, "Version control: Git, DVC"),
                              (11, "Years      Bengaluru      Pune"), (11, "0-2        8-12           6-10")])


def document_seeds(source: pathlib.Path, format_name: str):
    for document in documents(source, FORMATS[format_name]):
        if format_name == "pdf":
            yield document
        else:
            yield from pieces(document)
    if format_name == "pdf":
        yield from pdf_seeds()


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
    for format_name in FORMATS:
        write(output / f"fuzz_read_{format_name}", document_seeds(source, format_name))
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
