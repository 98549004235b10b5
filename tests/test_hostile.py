"""Hostile strings in every text column: the book is built from them and must show each one as text.

The build runs once per session in a copy of the project whose data has a payload planted in every free-text
column of every table (see ``hostile.py``); the checks read every built page, the figures and the workbook.
"""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analysis import validate
from analysis.figures import REGISTRY
from conftest import DATA, MINI, ROOT, write_mini
from hostile import CANARY_TEXT, REFUSED, Nodes, literal_violations, payloads, plant

VENV = Path(sys.executable).parent
#: Columns every row of which the book shows somewhere, so each payload planted there must be found in a page.
SHOWN = {("countries", "name"), ("organisations", "name"), ("organisations", "short_name"),
         ("organisations", "summary"), ("agreements", "title"), ("agreements", "summary"), ("sources", "title"),
         ("sources", "publisher"), ("activities", "name")}


PUBLISHED_REPOSITORY = "https://github.com/example-owner/example-book"


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """Build the whole book from hostile data in a copy of the project; yield (site, planted, canary, project)."""
    base = tmp_path_factory.mktemp("hostile")
    canary = base / "canary.txt"
    canary.write_text(CANARY_TEXT)
    data = base / "data"
    planted = plant(DATA, data, canary)
    assert validate(data) == [], "the accepted payloads must pass validation"
    project = base / "project"
    ignore = shutil.ignore_patterns(".venv", "node_modules", "_build", ".git", "data", "generated", "build-assets",
                                    ".pytest_cache", ".hypothesis", "tests")
    shutil.copytree(ROOT, project, ignore=ignore)
    # This copy is also built as a published book would be: with its repository address set (the one setting
    # behind the launch links), so tests/test_launch.py checks every chapter's Binder link here.
    config = project / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('url: ""', f'url: "{PUBLISHED_REPOSITORY}"', 1),
                      encoding="utf-8")
    env = {**os.environ, "ANALYSIS_DATA": str(data)}
    steps = [[str(VENV / "python"), "-m", "analysis", "pages", "--out", "book/generated"],
             [str(VENV / "python"), "-m", "analysis", "figures", "--out", "build-assets/downloads/figures"],
             [str(VENV / "python"), "-m", "analysis", "downloads", "--out", "build-assets/downloads"],
             [str(VENV / "jupyter-book"), "build", ".", "--warningiserror", "--keep-going", "--quiet"]]
    for step in steps:
        run = subprocess.run(step, cwd=project, env=env, capture_output=True, text=True, timeout=1500)
        assert run.returncode == 0, f"{' '.join(step[1:4])} failed on hostile data:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    yield project / "_build" / "html", planted, canary, project


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_payload_stays_text_in_every_page(hostile):
    site, planted, canary, _ = hostile
    texts = payloads(canary)
    problems = []
    for page in _pages(site):
        problems += literal_violations(page.read_text(encoding="utf-8"), texts, str(page.relative_to(site)))
    assert not problems, "\n".join(problems[:30])


def test_payloads_in_shown_columns_appear_literally(hostile):
    site, planted, canary, _ = hostile
    corpus = []
    for page in _pages(site):
        parser = Nodes()
        parser.feed(page.read_text(encoding="utf-8"))
        corpus += [t for _, t in parser.texts] + [v or "" for _, attrs in parser.elements for _, v in attrs]
    joined = "\n\u0000".join(corpus)
    missing = [(table, column, p[:40]) for (table, column), values in planted.items() if (table, column) in SHOWN
               for p in set(values) if p not in joined]
    assert not missing, missing[:10]
    assert {key for key in planted if key in SHOWN} == SHOWN, "every shown column must have received payloads"


def test_no_file_from_the_build_machine_is_copied_into_the_site(hostile):
    site, *_ = hostile
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".txt", ".json", ".csv", ".svg", ".bib"):
            assert CANARY_TEXT not in path.read_text(encoding="utf-8", errors="replace"), path


def test_every_figure_is_drawn_from_hostile_labels(hostile):
    _, _, _, project = hostile
    figures = project / "build-assets" / "downloads" / "figures"
    for fig_id in REGISTRY:
        assert (figures / f"{fig_id}.png").stat().st_size > 1000, fig_id


def test_workbook_cells_are_strings_never_formulas(hostile):
    _, _, _, project = hostile
    workbook = project / "build-assets" / "downloads" / "uk-europe-security-data.xlsx"
    with zipfile.ZipFile(workbook) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    from openpyxl import load_workbook
    book = load_workbook(workbook)
    found = [c.value for ws in book for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "=HYPERLINK" in c.value]
    assert found, "the formula-shaped payload should be in the workbook, as text"


def _mini_with(tmp_path, table: str, column: str, value: str, row: int = 2):
    rows = copy.deepcopy(MINI[table])
    rows[row][rows[0].index(column)] = value
    return write_mini(tmp_path / "bad", {table: rows})


@pytest.mark.parametrize("payload,rule", list(REFUSED.items()), ids=[p[:12].encode("unicode_escape").decode()
                                                                      for p in REFUSED])
def test_the_validator_refuses_what_no_text_holds(tmp_path, payload, rule):
    folder = _mini_with(tmp_path, "agreements.csv", "summary", payload)
    problems = validate(folder)
    assert [p for p in problems if p.rule == rule and p.file.endswith("agreements.csv") and p.column == "summary"
            and p.line == 3], [str(p) for p in problems]


@pytest.mark.parametrize("table,column", [("countries.csv", "iso3"), ("organisations.csv", "org_id"),
                                          ("agreements.csv", "agreement_id"), ("sources.csv", "url"),
                                          ("agreements.csv", "signed"), ("agreements.csv", "other_parties")])
def test_hostile_text_in_a_checked_column_is_refused_with_its_place(tmp_path, table, column):
    for payload in payloads(tmp_path / "canary")[:8]:
        folder = _mini_with(tmp_path / str(abs(hash(payload))), table, column, payload)
        problems = validate(folder)
        assert any(p.file.endswith(table) and p.line == 3 and p.column == column for p in problems), \
            (payload[:30], [str(p) for p in problems][:5])


@pytest.mark.book
def test_once_the_address_is_set_every_chapter_links_its_binder_session(hostile):
    from test_launch import CHAPTERS, note_of, text_of
    site = hostile[0]
    owner_repo = PUBLISHED_REPOSITORY.removeprefix("https://github.com/")
    for name in CHAPTERS:
        note = note_of(site / "book" / f"{name}.html")
        link = f"https://mybinder.org/v2/gh/{owner_repo}/main?urlpath=lab%2Ftree%2Fbook%2F{name}.md"
        assert f'href="{link}"' in note, name
        assert f"git clone {PUBLISHED_REPOSITORY}" in text_of(note), name
