#!/usr/bin/env python3
"""A copy of intents/data with every Nth rule left out, for measuring calibration.

  scripts/weaken-rules.py N OUT_DIR      # then: build/mlops-bot eval --intents OUT_DIR --db OUT_DIR/kb.db ...

The rules as they are answer the labelled sets nearly always right, so how often an answer at each
confidence is right cannot be told from them; with a third (N=3) or half (N=2) of the rules gone,
they make mistakes whose confidences can be compared (README "Calibration"). The rules are counted
in file order across all intents. Comments are dropped from the copy; entities.json is copied as is.
"""
import json
import re
import shutil
import sys
from pathlib import Path


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 2:
        sys.exit(__doc__)
    every, out = int(sys.argv[1]), Path(sys.argv[2])
    data = Path(__file__).resolve().parent.parent / "intents" / "data"
    text = "\n".join(line for line in (data / "intents.json").read_text().split("\n")
                     if not line.strip().startswith("//"))
    text = re.sub(r'(?m)(["\],}\d])\s*//[^\n]*$', r"\1", text)  # a comment after a value
    spec = json.loads(text)
    seen = dropped = 0
    for intent in spec["intents"].values():
        kept = []
        for rule in intent.get("rules", []):
            seen += 1
            if seen % every == 0:
                dropped += 1
            else:
                kept.append(rule)
        if "rules" in intent:
            intent["rules"] = kept
    out.mkdir(parents=True, exist_ok=True)
    (out / "intents.json").write_text(json.dumps(spec, indent=1))
    shutil.copy(data / "entities.json", out / "entities.json")
    print(f"left out {dropped} of {seen} rules: {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
