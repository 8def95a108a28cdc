#!/usr/bin/env python3
"""Prints which component includes which (the layers of README's "Architecture") and fails on an
edge the layers do not allow, or on an include that climbs out of its folder with "../".

The build already refuses such an include (cmake/IncludeRoot.cmake, the probes in tests/layers);
this is the picture of the whole tree, and a check that needs no compiler.

    scripts/include-graph.py [--source DIR]    # exit 0: the layers hold; 1: an edge breaks them
"""
import argparse
import pathlib
import re
import sys

# What each component may include besides itself: the layers, from the bottom up.
CORE = {"knowledge", "intents", "bot"}
PLATFORM = CORE | {"adapters/common"}
ALLOWED = {
    "knowledge": set(),
    "intents": set(),
    "bot": {"knowledge", "intents"},
    "adapters/common": CORE,
    "adapters/server": PLATFORM,
    "adapters/web": PLATFORM,
    "adapters/slack": PLATFORM,
    "adapters/discord": PLATFORM,
    "adapters/terminal": PLATFORM,
    "adapters/sessions": PLATFORM,
    "adapters/cli": PLATFORM | {"adapters/" + name for name in ("server", "web", "slack", "discord", "terminal",
                                                                 "sessions")},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def component(path: str):
    """The component a repository path belongs to, or None for anything else (tests, system)."""
    parts = path.split("/")
    if parts[0] in ("knowledge", "intents", "bot"):
        return parts[0]
    if parts[0] == "adapters" and len(parts) > 2:
        return "adapters/" + parts[1]
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=pathlib.Path(__file__).resolve().parent.parent, type=pathlib.Path)
    source = parser.parse_args().source
    edges, broken = {}, []
    for file in sorted(source.glob("**/*.[ch]pp")):
        relative = file.relative_to(source).as_posix()
        owner = component(relative)
        if owner is None:
            continue
        for included in INCLUDE.findall(file.read_text(encoding="utf-8", errors="replace")):
            if included.startswith("../") or "/../" in included:
                broken.append(f"{relative}: \"{included}\" climbs out of its folder")
                continue
            target = component(included)
            if target is None or target == owner:
                continue
            edges.setdefault((owner, target), []).append(relative)
            if target not in ALLOWED[owner]:
                broken.append(f"{relative}: includes \"{included}\" ({owner} -> {target} breaks the layers)")
    for (owner, target), files in sorted(edges.items()):
        mark = "" if target in ALLOWED[owner] else "   <-- not allowed"
        print(f"{owner:18} -> {target:18} {len(files):3} file(s){mark}")
    for line in broken:
        print(line, file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
