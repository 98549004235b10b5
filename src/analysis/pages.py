"""Pages of the book generated from the data at build time: never written by hand.

- one profile page per state in scope (``generated/profiles/<name-slug>.md``);
- the data dictionary (from ``datapackage.json``), the bibliography (from
  ``sources.csv``) and the changelog.

``python -m analysis pages --out book/generated`` writes them; the Makefile
runs it before the book build.
"""
from __future__ import annotations

import html
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import Polygon as MplPolygon

from . import measures as m
from .load import Dataset, as_of, data_dir, load
from .maps import geometry
from .style import NO_DATA, UK, house_style

esc = html.escape


def _table(headers: list[str], rows: list[list[str]], caption: str) -> str:
    """An HTML table; cells are already-escaped HTML."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="table-wrapper" tabindex="0" role="region" aria-label="{esc(caption)}">'
            f'<table class="table"><caption>{esc(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>\n")


def _sources(ids, urls: dict[str, str], titles: dict[str, str]) -> str:
    return " ".join(f'<a href="{esc(urls[s])}" title="{esc(titles[s])}">[{i + 1}]</a>' for i, s in enumerate(ids))


def locator_svg(geo: dict, iso: str, target: Path) -> Path:
    """A small map of Europe with one state picked out (UK in blue for reference); rewritten only if changed."""
    import io
    buffer = io.StringIO()
    _locator(geo, iso, buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    return _write_if_changed(target, buffer.getvalue())


def _locator(geo: dict, iso: str, target) -> None:
    with house_style():
        fig, ax = plt.subplots(figsize=(2.6, 2.2))
        for f in geo["features"]:
            polys = f["geometry"]["coordinates"]
            polys = [polys] if f["geometry"]["type"] == "Polygon" else polys
            colour = "#D55E00" if f["id"] == iso else (UK if f["id"] == m.UK else NO_DATA)
            for poly in polys:
                ax.add_patch(MplPolygon(poly[0], closed=True, facecolor=colour, edgecolor="white", linewidth=0.3))
        ax.set_xlim(-25, 50)
        ax.set_ylim(34, 71)
        ax.set_aspect(1.6)
        ax.set_axis_off()
        fig.subplots_adjust(0, 0, 1, 1)
        fig.savefig(target, format="svg", metadata={"Date": None, "Creator": None})  # house_style: fixed svg ids
        plt.close(fig)


def profile_page(data: Dataset, iso: str, depth, geo_note: str) -> str:
    names, orgs = data.country_names(), data.org_names()
    urls = dict(zip(data.sources["source_id"], data.sources["url"]))
    titles = dict(zip(data.sources["source_id"], data.sources["title"]))
    name = names[iso]
    region = dict(zip(data.countries["iso3"], data.countries["region"]))[iso]
    lines = [f"# {name}\n", f"<p class=\"profile-meta\">Region: {esc(region)}. Data as at {data.as_at} "
             f"(dataset version {esc(data.version)}).</p>\n",
             f"```{{image}} img/{data.profile_slug(iso)}.svg\n:alt: Locator map of Europe with {name} highlighted in orange"
             f"{'' if iso == m.UK else ' and the United Kingdom in blue'}.\n:width: 260px\n```\n"]
    if iso != m.UK:
        row = depth.loc[iso]
        lines.append("## Depth of the relationship\n")
        lines.append(f"<p>Relationship depth index: <strong>{row['index']:.1f}</strong> points, rank "
                     f"{int(row['rank'])} of {len(depth)} partner states (see the "
                     f'<a href="../../methods.html">methodology</a>).</p>\n')
        lines.append(_table(["Component", "Points"], [[esc(c), f"{row[c]:.1f}"] for c in m.COMPONENTS],
                            f"Components of the depth index for {name}"))
    now = as_of(data, data.as_at)
    uk_orgs = set(now.memberships.loc[now.memberships["iso3"] == m.UK, "org_id"])
    mem = data.memberships[data.memberships["iso3"] == iso]
    lines.append("## Memberships\n")
    if len(mem):
        rows = [[esc(orgs.get(r.org_id, r.org_id)), esc(r.role), esc(str(r.since or "not known")),
                 esc(str(r.until or "")), "yes" if r.org_id in uk_orgs else "no",
                 _sources(r.source_ids, urls, titles)] for r in mem.itertuples()]
        lines.append(_table(["Organisation", "Role", "Since", "Until", "UK a member today", "Sources"], rows,
                            f"Memberships of {name}"))
    else:
        lines.append("<p>No memberships are recorded in the dataset.</p>\n")
    ids = set(data.agreement_parties.loc[data.agreement_parties["party"] == iso, "agreement_id"])
    agr = data.agreements[data.agreements["agreement_id"].isin(ids)]
    lines.append("## Agreements with the UK\n")
    if len(agr):
        agr = agr.assign(when=[str(s or f or "") for s, f in zip(agr["signed"], agr["in_force"])]).sort_values("when")
        rows = [[esc(r.when or "undated"), f'<span id="{esc(r.agreement_id)}">{esc(r.title)}</span>', esc(r.instrument),
                 esc(r.status), esc(r.legally_binding), esc(r.confidence), esc(r.summary),
                 _sources(r.source_ids, urls, titles)] for r in agr.itertuples()]
        lines.append(_table(["Signed", "Title", "Instrument", "Status", "Binding", "Confidence", "Summary", "Sources"],
                            rows, f"UK agreements with {name}"))
    else:
        lines.append(f"<p>The dataset records no UK defence or security agreement with {esc(name)}: either none "
                     "exists or none could be sourced. This is a gap, not a finding of absence.</p>\n")
    act = data.activities[(data.activities["host_iso3"] == iso) | data.activities["partners"].map(lambda p: iso in p)]
    lines.append("## UK activities\n")
    if len(act):
        rows = [[esc(r.name), esc(r.kind), esc(str(r.start or "not known")), esc(str(r.end or "ongoing")),
                 esc(r.uk_role or ""), _sources(r.source_ids, urls, titles)] for r in act.itertuples()]
        lines.append(_table(["Activity", "Kind", "Start", "End", "UK role", "Sources"], rows,
                            f"UK activities involving {name}"))
    else:
        lines.append("<p>No UK activity is recorded.</p>\n")
    if "defence_expenditure" in data.tables and iso in set(data.defence_expenditure["iso3"]):
        from . import burden
        series = burden.ally_series(data, iso)
        edition = burden.latest_edition(data)
        lines.append("## Defence spending\n")
        lines.append(f'<p id="defence-spending">Defence expenditure as a share of GDP, from NATO\'s release of {esc(edition)} '
                     "(e: NATO estimate; blank: not read). Compare every ally in "
                     '<a href="../../transatlantic.html">Renewing the transatlantic alliance</a>.</p>\n')
        import pandas as pd
        cells = [("" if pd.isna(v) else f"{v:.2f}" + ("e" if e == "yes" else ""))
                 for v, e in zip(series["pct_gdp"], series["estimate"])]
        lines.append(_table([str(y) for y in series["year"]], [[esc(c) for c in cells]],
                            f"{name}: defence expenditure, % of GDP"))
    timeline = m.partner_timeline(data, iso)
    lines.append("## Timeline\n")
    if len(timeline):
        rows = [[esc(str(r.date)), esc(r.kind), esc(r.label)] for r in timeline.itertuples()]
        lines.append(_table(["Date", "Kind", "Event"], rows, f"Timeline of {name}'s relationship with the UK"))
    else:
        lines.append("<p>No dated events are recorded.</p>\n")
    lines.append(geo_note)
    return "\n".join(lines)


def data_dictionary(data: Dataset) -> str:
    out = ["# Data dictionary\n",
           f"<p>Generated from <code>data/datapackage.json</code> (version {esc(data.version)}, data as at "
           f"{data.as_at}). Dates are ISO 8601 at the precision the source gives: <code>2017</code>, "
           "<code>2017-12</code> or <code>2017-12-21</code>.</p>\n"]
    for r in data.package["resources"]:
        out.append(f"## `{r['path']}`: {r.get('title', r['name'])}\n")
        out.append(f"<p>{esc(r.get('description', ''))} Primary key: <code>{esc(', '.join(r['schema']['primaryKey']))}</code>.</p>\n")
        rows = []
        for f in r["schema"]["fields"]:
            c = f.get("constraints", {})
            allowed = c.get("enum") or f.get("x-enum") or []
            kind = "date (partial)" if f.get("x-partial-date") else f.get("type", "string")
            if "x-separator" in f:
                kind += f" list, separated by '{f['x-separator']}'"
            rows.append([f"<code>{esc(f['name'])}</code>", esc(kind), "yes" if c.get("required") else "no",
                         esc(f.get("description", "")), esc(", ".join(allowed))])
        out.append(_table(["Column", "Type", "Required", "Meaning", "Allowed values"], rows, f"Columns of {r['path']}"))
    return "\n".join(out)


def bibliography(data: Dataset) -> str:
    out = ["# Sources\n", f"<p>Every source the dataset cites ({len(data.sources)}), generated from "
           "<code>data/sources.csv</code>. Each was read by the book's editors on the date given.</p>\n", "<ol>"]
    frame = data.sources.sort_values(["publisher", "title"], key=lambda s: s.str.lower())
    for r in frame.itertuples():
        published = f", {esc(str(r.published))}" if r.published else ""
        out.append(f'<li id="src-{esc(r.source_id)}">{esc(r.publisher)}{published}. '
                   f'<a href="{esc(r.url)}">{esc(r.title)}</a>. Accessed {esc(str(r.accessed))}. '
                   f'<code>{esc(r.source_id)}</code></li>')
    out.append("</ol>\n")
    return "\n".join(out)


def _write_if_changed(path: Path, text: str) -> Path:
    """Leave an unchanged page alone, so that Sphinx does not read it again."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def write_pages(out: Path, data: Dataset | None = None) -> list[Path]:
    data = data or load()
    out = Path(out)
    profiles = out / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    geo = geometry()
    depth = m.depth_index(data, data.as_at)
    note = ("<p class=\"profile-note\">Generated from the dataset at build time. Sources are numbered per row; "
            "the full list is in the <a href=\"../sources.html\">sources</a>.</p>\n")
    written = []
    for iso in data.countries["iso3"]:
        slug = data.profile_slug(iso)
        locator_svg(geo, iso, profiles / "img" / f"{slug}.svg")
        written.append(_write_if_changed(profiles / f"{slug}.md", profile_page(data, iso, depth, note)))
    for name, text in (("data-dictionary.md", data_dictionary(data)), ("sources.md", bibliography(data)),
                       ("changelog.md", (data_dir() / "CHANGELOG.md").read_text(encoding="utf-8"))):
        written.append(_write_if_changed(out / name, text))
    return written
