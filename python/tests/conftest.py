"""Shared fixtures: the `dyad` binary to compare with (DYAD, else the
workspace's debug or fast build) and the example articles."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "examples" / "articles"


def _binary():
    for p in [os.environ.get("DYAD"), REPO / "target/ci/dyad", REPO / "target/fast/dyad"]:
        if p and Path(p).is_file():
            return str(p)
    return None


@pytest.fixture(scope="session")
def dyad_cli():
    """A function running `dyad code ARGS...` and returning its documents."""
    exe = _binary()
    if exe is None:
        pytest.skip("no dyad binary (set DYAD or build target/ci/dyad)")

    def run(*args):
        out = subprocess.run([exe, "code", *map(str, args)], check=True,
                             capture_output=True, text=True).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    return run


def example_records():
    """The example articles as records: each file's stem as its id (as `dyad
    code DIR` names them), JSON lines as they are; the body in `content`."""
    records = []
    for path in sorted(ARTICLES.iterdir()):
        if path.suffix in (".txt", ".html"):
            records.append({"id": path.stem, "content": path.read_text(encoding="utf-8")})
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                obj = json.loads(line)
                records.append({"id": obj["id"], "content": obj.get("html") or obj.get("text"),
                                "url": obj.get("url"), "published": obj.get("published"),
                                "title": obj.get("title")})
    return records
