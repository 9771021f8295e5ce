"""Build a Thunderbird add-on (.xpi, a zip) from a MailExtension directory.

    python tools/build_xpi.py clients/thunderbird dist/inboxcoach-thunderbird.xpi

The zip is reproducible: files in sorted order, fixed timestamps and permissions.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)


def build_xpi(source: Path, target: Path) -> Path:
    """Zip every file under ``source`` into ``target``; returns ``target``.

    Raises ValueError when ``source`` has no manifest.json or it has no gecko id
    (Thunderbird silently ignores such an add-on).
    """
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    if not manifest.get("browser_specific_settings", {}).get("gecko", {}).get("id"):
        raise ValueError(f"{source / 'manifest.json'}: browser_specific_settings.gecko.id is missing")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as xpi:
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(source).as_posix(), _EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            xpi.writestr(info, path.read_bytes())
    partial.replace(target)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: build_xpi.py SOURCE_DIR TARGET.xpi")
    built = build_xpi(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"built {built}")
