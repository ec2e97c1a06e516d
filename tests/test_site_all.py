"""``--site all`` (issue 22): each profile is built on its own; a bad one is reported at its
file and line, its outputs are failed (previous PDFs kept, marked stale), the others built."""

from __future__ import annotations

import json

from conftest import SHEET, make_workspace, run_cli

ONE = ("--lang", "en", "--variant", "standard", "--paper", "letter", "--out", "dist")
NAME = f"{SHEET}.en.standard.letter.pdf"


def entries(ws) -> dict[str, dict]:
    doc = json.loads((ws / "dist" / "manifest.json").read_text())
    return {e["path"]: e for e in doc["outputs"]}


def test_one_bad_profile_stops_only_its_own_outputs(tmp_path):
    ws = make_workspace(tmp_path)
    good = (ws / "sites" / "riverside.yaml").read_text(encoding="utf-8")
    harbor = ws / "sites" / "harbor.yaml"
    harbor.write_text(good.replace("id: riverside", "id: harbor"), encoding="utf-8")
    code, _, err = run_cli("build", "--site", "all", *ONE, "--quiet", cwd=ws)
    assert code == 0, err
    before = (ws / "dist" / "harbor" / NAME).read_bytes()

    bad = good.replace("id: riverside", "id: harbor").replace("phone: (617) 555-0142",
                                                               "phone: 555-01")
    harbor.write_text(bad, encoding="utf-8")
    river = ws / "sites" / "riverside.yaml"
    river.write_text(good.replace("name: Riverside Community Health Center",
                                  "name: Riverside Health"), encoding="utf-8")
    code, out, err = run_cli("build", "--site", "all", *ONE, cwd=ws)
    assert code == 1 and "Traceback" not in err
    assert "sites/harbor.yaml:5:8: error: phone number '555-01' has too few digits" in err
    assert err.count("too few digits") == 2  # the error, and the stale line's reason
    assert "1 built, 1 failed, 1 stale" in out
    e = entries(ws)
    assert e[f"riverside/{NAME}"]["stale"] is None
    assert e[f"harbor/{NAME}"]["stale"]["reason"].startswith("phone number '555-01'")
    assert (ws / "dist" / "harbor" / NAME).read_bytes() == before  # kept, untouched


def test_a_profile_whose_id_cannot_be_read_is_still_reported(tmp_path):
    ws = make_workspace(tmp_path)
    (ws / "sites" / "Broken Profile.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, err = run_cli("build", "--site", "all", *ONE, cwd=ws)
    assert code == 1 and "Traceback" not in err
    assert "sites/Broken Profile.yaml:" in err and ": error: " in err
    assert (ws / "dist" / "riverside" / NAME).is_file()
