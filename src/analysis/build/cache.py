"""Keep the notebook execution cache honest.

jupyter-cache re-executes a notebook only when its code cells change, but
every chapter's output also depends on the dataset and on this package. The
fingerprint below covers both; when it changes, the cache is cleared so that
a new data release or a code change rebuilds every chapter, while a no-change
rebuild or a prose-only edit re-executes nothing.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # the whole analysis package, build machinery included


def fingerprint(data: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in Path(data).rglob("*") if p.is_file()) + sorted(PACKAGE.rglob("*.py"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def guard(cache: Path, data: Path, also: tuple[Path, ...] = ()) -> bool:
    """Clear ``cache`` (and the folders in ``also``, such as Sphinx's saved environment, so that every page is
    read again) if the data or the package changed since it was filled; True when it was cleared."""
    cache, stamp = Path(cache), Path(cache).parent / ".analysis-fingerprint"
    current = fingerprint(data)
    if stamp.exists() and stamp.read_text() == current:
        return False
    for folder in (cache, *map(Path, also)):
        if folder.exists():
            shutil.rmtree(folder)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return True
