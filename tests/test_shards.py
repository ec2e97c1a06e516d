"""``factsheet build --shard K/N`` and ``factsheet merge``: four shards of a two-sheet,
two-language fixture, merged, are the files one build makes, byte for byte (PDFs, web pages,
BRFs when liblouis is installed, thumbnails, the shelf, the assets); the manifest is one
build's but for each entry's ``built``. Shards of different plans, a missing shard, a shard
given twice and an output missing from its shard are refused, and nothing is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import make_workspace, run_cli
from factsheet_pdf import louis, shards

SHEET = "treatment-failure"


def _two_sheets(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path)
    content = ws / "content" / f"{SHEET}.yaml"
    text = content.read_text(encoding="utf-8")
    assert f"sheet: {SHEET}" in text
    (ws / "content" / "second-sheet.yaml").write_text(
        text.replace(f"sheet: {SHEET}", "sheet: second-sheet", 1), encoding="utf-8")
    po = ws / "locales" / "es" / "LC_MESSAGES"
    shutil.copy(po / f"{SHEET}.po", po / "second-sheet.po")
    return ws


def _formats() -> str:
    try:
        louis.load()
        return "pdf,html,braille"
    except louis.Missing:
        return "pdf,html"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".factsheet-cache" not in p.parts}


def _outputs(folder: Path) -> list[dict]:
    doc = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "shard" not in doc
    return [{k: v for k, v in e.items() if k != "built"} for e in doc["outputs"]]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("shards")
    ws = _two_sheets(tmp)
    args = ("--lang", "en,es", "--variant", "standard,large-print", "--paper", "letter",
            "--formats", _formats(), "--jobs", "1", "--quiet")
    assert run_cli("build", *args, "--out", str(tmp / "single"), cwd=ws)[0] == 0
    for k in range(1, 5):
        code, _, err = run_cli("build", *args, "--out", str(tmp / f"s{k}"), "--shard",
                               f"{k}/4", cwd=ws)
        assert code == 0, err
    return ws, tmp, args


def test_four_shards_merged_are_one_build(built):
    ws, tmp, _ = built
    owned = []
    for k in range(1, 5):
        doc = json.loads((tmp / f"s{k}" / "manifest.json").read_text(encoding="utf-8"))
        assert doc["shard"]["index"] == k - 1 and doc["shard"]["of"] == 4
        assert sorted(e["path"] for e in doc["outputs"]) == doc["shard"]["outputs"]
        assert not (tmp / f"s{k}" / "index.html").exists()  # the merge makes the shelf
        owned.append(doc["shard"]["outputs"])
    assert all(owned) and len({p for o in owned for p in o}) == sum(map(len, owned))
    code, out, err = run_cli("merge", *(str(tmp / f"s{k}") for k in range(1, 5)), "--out",
                             str(tmp / "merged"), cwd=ws)
    assert code == 0, err
    single, merged = _files(tmp / "single"), _files(tmp / "merged")
    single.pop("manifest.json"), merged.pop("manifest.json")
    assert sorted(merged) == sorted(single)
    assert any(p.startswith("assets/thumbs/") for p in single) and "index.html" in single
    for rel in single:
        assert merged[rel] == single[rel], rel
    assert _outputs(tmp / "merged") == _outputs(tmp / "single")


def test_shards_that_cannot_be_merged_are_refused(built, tmp_path):
    ws, tmp, args = built
    s = [str(tmp / f"s{k}") for k in range(1, 5)]
    code, _, err = run_cli("build", *args, "--out", str(tmp_path / "other"), "--shard", "1/2",
                           cwd=ws)
    assert code == 0, err
    for shards_given, message in (
            (s[:3], "error: shards missing: 4 of 4"),
            ([s[0], *s], "error: shard 1/4 given twice"),
            ([str(tmp_path / "other"), *s[1:]], "error: the shards are of different plans"),
            ([str(tmp / "single")], "error: not a shard's manifest")):
        out = tmp_path / "m"
        code, _, err = run_cli("merge", *shards_given, "--out", str(out), cwd=ws)
        assert code == 1 and message in err, err
        assert not out.exists()
    # an output missing from its shard (its build failed there, or it was deleted)
    broken = tmp_path / "s4"
    shutil.copytree(tmp / "s4", broken)
    doc = json.loads((broken / "manifest.json").read_text(encoding="utf-8"))
    gone = doc["outputs"].pop()
    (broken / "manifest.json").write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run_cli("merge", *s[:3], str(broken), "--out", str(tmp_path / "m"), cwd=ws)
    assert code == 1 and f"{gone['path']}: error: missing from its shard" in err, err
    # damaged bytes
    damaged = tmp_path / "s3"
    shutil.copytree(tmp / "s3", damaged)
    pdf = next(damaged.rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"%")
    code, _, err = run_cli("merge", *s[:2], str(damaged), s[3], "--out", str(tmp_path / "m"),
                           cwd=ws)
    assert code == 1 and "not the bytes its shard's manifest records" in err, err


def test_the_partition_is_the_inputs_own():
    """Same plan, same partition, on every runner; the costlier groups spread out."""
    groups = [shards.Group(None, f"s{i}", lang, ((f"s{i}.{lang}.pdf", "fp"),),
                           shards.cost([("pdf", "standard"), ("pdf", "large-print")],
                                       lang == "zh-Hans"))
              for i in range(3) for lang in ("en", "zh-Hans")]
    a = shards.partition(groups, 2)
    assert a == shards.partition(list(groups), 2)
    heavy = [k for g, k in zip(groups, a) if g.lang == "zh-Hans"]
    assert set(heavy) == {0, 1}
    assert shards.parse_spec("2/4") == (1, 4)
    for bad in ("0/4", "5/4", "x", "1/0"):
        with pytest.raises(ValueError):
            shards.parse_spec(bad)
