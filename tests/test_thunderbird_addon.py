"""The add-on's package: what `make thunderbird` builds (tools/build_xpi.py)."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

from inboxcoach.cli import nativehost

ROOT = Path(__file__).resolve().parents[1]
ADDON = ROOT / "clients" / "thunderbird"
sys.path.insert(0, str(ROOT / "tools"))
from build_xpi import build_xpi  # noqa: E402


def test_the_add_on_is_the_one_the_host_manifest_allows() -> None:
    manifest = json.loads((ADDON / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    assert manifest["browser_specific_settings"]["gecko"]["id"] == nativehost.ADDON_ID
    assert {"compose", "nativeMessaging", "messagesTags", "storage"} <= set(manifest["permissions"])
    assert f'"{nativehost.HOST_NAME}"' in (ADDON / "background.js").read_text()


def test_every_file_the_add_on_names_is_in_the_package(tmp_path: Path) -> None:
    xpi = build_xpi(ADDON, tmp_path / "inboxcoach.xpi")
    with zipfile.ZipFile(xpi) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        scripts = archive.read("background.js").decode() + archive.read("warning.html").decode()
    named = set(manifest["background"]["scripts"]) | set(manifest["icons"].values())
    named |= set(re.findall(r'"([\w/]+\.(?:js|css|html|svg))"', scripts))
    assert named <= names
    assert {"warning.html", "warning.js", "display.js", "display.css"} <= names


def test_the_build_is_reproducible(tmp_path: Path) -> None:
    first = build_xpi(ADDON, tmp_path / "a.xpi").read_bytes()
    assert build_xpi(ADDON, tmp_path / "b.xpi").read_bytes() == first


def test_a_manifest_without_a_gecko_id_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"manifest_version": 3, "name": "x", "version": "1"}))
    with pytest.raises(ValueError, match="browser_specific_settings.gecko.id is missing"):
        build_xpi(tmp_path, tmp_path / "out" / "x.xpi")
    assert not (tmp_path / "out" / "x.xpi").exists()
