"""Writing what readers download: every figure (PNG, SVG, PDF, CSV, citation) and the dataset (zip, XLSX).

All outputs are byte-identical from run to run: no timestamps, fixed SVG ids,
fixed zip entry dates, so a file's hash is a stable reference.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import matplotlib.pyplot as plt

from .figures import REGISTRY, Figure, build
from .load import Dataset, data_dir, load
from .style import house_style
from .validate import read_package

PNG_META = {"Software": None}
SVG_META = {"Date": None, "Creator": None}
PDF_META = {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
BOOK_TITLE = "UK Defence and Security Relationships Across Europe: a data book"


def citation_text(fig: Figure, data: Dataset) -> str:
    from .citation import figure_text
    return figure_text(fig.id, fig.title) + "\n"


def citation_bibtex(fig: Figure, data: Dataset) -> str:
    from .citation import figure_bibtex
    return figure_bibtex(fig.id, fig.title)


def save_figure(fig: Figure, out: Path, data: Dataset) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {ext: out / f"{fig.id}.{ext}" for ext in ("png", "svg", "pdf", "csv", "txt", "bib")}
    with house_style():  # the style's svg.hashsalt makes SVG ids the same from run to run
        fig.fig.savefig(paths["png"], dpi=300, metadata=PNG_META)
        fig.fig.savefig(paths["svg"], metadata=SVG_META)
        fig.fig.savefig(paths["pdf"], metadata=PDF_META)
    fig.table.to_csv(paths["csv"], index=False, lineterminator="\n")
    paths["txt"].write_text(citation_text(fig, data), encoding="utf-8")
    paths["bib"].write_text(citation_bibtex(fig, data), encoding="utf-8")
    plt.close(fig.fig)
    return list(paths.values())


def write_figures(out: Path, data: Dataset | None = None, only: list[str] | None = None) -> list[Path]:
    """Write every registered figure (or those in ``only``) to ``out``, with a manifest."""
    data = data or load()
    written, manifest = [], []
    for fig_id, spec in REGISTRY.items():
        if only and fig_id not in only:
            continue
        fig = build(fig_id, data)
        written += save_figure(fig, out, data)
        manifest.append({"id": fig_id, "title": spec.title, "chapter": spec.chapter, "alt": fig.alt})
    (out / "figures.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return written


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def dataset_files(path: Path | None = None) -> dict[str, bytes]:
    """The files of the dataset release: every CSV the datapackage names, itself, the changelog and licence."""
    root = data_dir(path)
    package = read_package(root)
    names = ["datapackage.json", "CHANGELOG.md", "LICENSE.md"] + [r["path"] for r in package["resources"]]
    return {f"uk-europe-security-data/{n}": (root / n).read_bytes() for n in names if (root / n).exists()}


def _append_text(sheet, values: list) -> None:
    """Append a row; a string is always stored as a string, never as a formula (a value such as '=HYPERLINK(…)'
    from the data would otherwise run in the reader's spreadsheet)."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type != "s":
            cell.data_type = "s"


def write_xlsx(data: Dataset, target: Path) -> Path:
    """One sheet per table plus a README sheet; fixed document properties so the file is reproducible."""
    from openpyxl import Workbook
    book = Workbook()
    readme = book.active
    readme.title = "README"
    rows = [["Title", data.package.get("title", "")], ["Version", data.version], ["Data as at", str(data.as_at)],
            ["Licence", "CC BY 4.0 (data)"], ["Description", data.package.get("description", "")], [], ["Sheet", "What it holds"]]
    rows += [[r["name"], r.get("description", "")] for r in data.package["resources"]]
    for row in rows:
        _append_text(readme, row)
    for resource in data.package["resources"]:
        sheet = book.create_sheet(resource["name"][:31])
        frame = data.tables[resource["name"]]
        _append_text(sheet, list(frame.columns))
        for record in frame.itertuples(index=False):
            _append_text(sheet, [_cell(v) for v in record])
    fixed = dt.datetime(2000, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "analysis"
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps the zip entries with the current time: rewrite them with a fixed date.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files = {n: _fix_core(n, b, fixed) for n, b in files.items()}
    target.write_bytes(_zip_bytes(files))
    return target


def _fix_core(name: str, content: bytes, fixed) -> bytes:
    if name != "docProps/core.xml":
        return content
    stamp = fixed.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<3>", content)


def _cell(value):
    if value is None:
        return None
    if isinstance(value, tuple):
        return ";".join(value)
    try:
        import pandas as pd
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "precision"):
        return str(value)
    return value.item() if hasattr(value, "item") else value


def write_downloads(out: Path, data: Dataset | None = None) -> list[Path]:
    """The dataset as a zip of CSVs with its datapackage, and as an XLSX workbook."""
    data = data or load()
    out.mkdir(parents=True, exist_ok=True)
    zip_path = out / "uk-europe-security-data.zip"
    zip_path.write_bytes(_zip_bytes(dataset_files()))
    xlsx = write_xlsx(data, out / "uk-europe-security-data.xlsx")
    return [zip_path, xlsx]
