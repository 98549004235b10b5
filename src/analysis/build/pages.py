"""Pages of the book generated from the data at build time: never written by hand.

Two halves, so that data never becomes Markdown source (see :mod:`analysis.build.nodes`):

- :func:`write_pages` (``python -m analysis pages --out book/generated``, run by the Makefile) writes a one-line
  stub per page, naming a directive and a checked identifier, and the small locator and membership charts. It
  builds everything in memory first and then replaces the folder's contents, so a failure leaves the previous
  pages whole and a renamed state or organisation leaves no stale page behind.
- The ``*_nodes`` functions build each page's content as docutils nodes; the Sphinx directives in
  :mod:`analysis.build.sphinxext` call them while the book is built.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Polygon as MplPolygon

from .. import measures as m
from ..labels import column_label, yes_no
from ..load import Dataset, as_of, data_dir, load
from ..maps import geometry
from ..style import NO_DATA, UK, house_style
from . import nodes as N

#: Folders under the output that this module owns (everything in them is rewritten on each run).
PROFILES, ORGANISATIONS = "profiles", "organisations"
#: The stub of a generated page: a directive and an identifier the validator has checked.
STUB = "```{{{directive}}} {ident}\n```\n"


@dataclass
class Context:
    """What every generated page needs, worked out once per build."""
    data: Dataset

    @cached_property
    def now(self) -> Dataset:
        return as_of(self.data, self.data.as_at)

    @cached_property
    def depth(self) -> pd.DataFrame:
        return m.depth_index(self.data, self.data.as_at)

    @cached_property
    def sources(self) -> dict[str, tuple]:
        s = self.data.sources
        kinds = s["kind"] if "kind" in s else [""] * len(s)
        return {r[0]: r[1:] for r in zip(s["source_id"], s["title"], s["publisher"], s["url"], kinds)}

    @cached_property
    def names(self) -> dict[str, str]:
        return self.data.country_names()

    @cached_property
    def orgs(self) -> pd.DataFrame:
        return self.data.organisations.set_index("org_id")

    @cached_property
    def uk_orgs_now(self) -> set[str]:
        mem = self.now.memberships
        return set(mem.loc[mem["iso3"] == m.UK, "org_id"])

    def profile_uri(self, iso: str, here: str) -> str:
        """A state's profile, relative to a page in ``here`` (profiles, organisations or the generated root)."""
        return _relative(here, PROFILES, self.data.profile_slug(iso))

    def org_uri(self, org: str, here: str) -> str:
        return _relative(here, ORGANISATIONS, org)

    def org_label(self, org: str) -> str:
        return self.data.org_names().get(org, org)


def _relative(here: str, folder: str, name: str) -> str:
    prefix = "" if here == folder else ("../" + folder + "/" if here in (PROFILES, ORGANISATIONS) else folder + "/")
    return f"{prefix}{name}.html"


def source_links(ctx: Context, ids) -> list[N.Part]:
    """Sources of a row as numbered links that also name the publisher, so the evidence shows without a hover."""
    parts: list[N.Part] = []
    for i, sid in enumerate(ids):
        title, publisher, url, kind = ctx.sources.get(sid, (sid, "", "", ""))
        if parts:
            parts.append("; ")
        label = f"[{i + 1}] {publisher}" + (f" ({kind})" if kind else "")
        parts.append(N.link(label, url, title))
    return parts


# --- profiles -------------------------------------------------------------------------------------------------

def _when(row) -> str:
    """The sort key of an agreement on a page: the date it is listed under (undated ones first)."""
    return str(m.listed_date(row) or "")


def agreement_card(ctx: Context, row, partners: str | None = None) -> N.nodes.container:
    """One agreement as a card: title, the facts in one line, the summary, the sources (no sideways scrolling)."""
    facts = [row.instrument, f"announced {row.announced}" if row.announced else None,
             f"signed {row.signed}" if row.signed else None,
             f"in force {row.in_force}" if row.in_force else None, f"ended {row.ended}" if row.ended else None,
             f"status: {row.status}", f"legally binding: {row.legally_binding}", f"confidence: {row.confidence}"]
    body = [N.para(N.strong(row.title), classes=("card-title",)),
            N.para("; ".join(f for f in facts if f), classes=("card-meta",))]
    if partners:
        body.append(N.para("Parties: ", partners, classes=("card-meta",)))
    body += [N.para(row.summary), N.para("Sources: ", *source_links(ctx, row.source_ids), classes=("card-sources",))]
    card = N.container(*body, classes=("agreement-card",))
    card["ids"] = [str(row.agreement_id)]
    return card


def profile_nodes(ctx: Context, iso: str) -> list[N.nodes.Node]:
    data, name = ctx.data, ctx.names[iso]
    region = dict(zip(data.countries["iso3"], data.countries["region"]))[iso]
    page = N.section(name, id=f"profile-{iso.lower()}")
    page += N.para(f"Region: {region}. Data as at {data.as_at} (dataset version {data.version}).",
                   classes=("profile-meta",))
    alt = f"Locator map of Europe with {name} highlighted in orange" + (
        "" if iso == m.UK else " and the United Kingdom in blue") + "."
    page += N.image(f"img/{data.profile_slug(iso)}.svg", alt, width="260px")
    if iso != m.UK:
        row = ctx.depth.loc[iso]
        page += N.section("Depth of the relationship",
                          N.para("Relationship depth index: ", N.strong(f"{row['index']:.1f}"),
                                 f" points, rank {int(row['rank'])} of {len(ctx.depth)} partner states (see the ",
                                 N.internal("methodology", "../../methods.html"), ")."),
                          N.table(["Component", "Points"], [[c, f"{row[c]:.1f}"] for c in m.COMPONENTS],
                                  f"Components of the depth index for {name}"), id="depth")
    page += _memberships(ctx, iso, name)
    page += _agreements(ctx, iso, name)
    page += _activities(ctx, iso, name)
    spending = _spending(ctx, iso, name)
    if spending is not None:
        page += spending
    page += _timeline(ctx, iso, name)
    page += N.para("Generated from the dataset at build time. Each row names its sources; the full list is in the ",
                   N.internal("sources", "../sources.html"), ".", classes=("profile-note",))
    return [page]


def _memberships(ctx: Context, iso: str, name: str) -> N.nodes.section:
    mem = ctx.data.memberships[ctx.data.memberships["iso3"] == iso].drop_duplicates(["org_id", "role", "since", "until"])
    if not len(mem):
        return N.section("Memberships", N.para("No memberships are recorded in the dataset."), id="memberships")
    rows = [[N.internal(ctx.org_label(r.org_id), ctx.org_uri(r.org_id, PROFILES)), r.role, str(r.since or "not known"),
             str(r.until or ""), yes_no(r.org_id in ctx.uk_orgs_now), source_links(ctx, r.source_ids)]
            for r in mem.itertuples()]
    return N.section("Memberships", N.table(["Organisation", "Role", "Since", "Until", "UK a member today", "Sources"],
                                            rows, f"Memberships of {name}"), id="memberships")


def _agreements(ctx: Context, iso: str, name: str) -> N.nodes.section:
    data = ctx.data
    ids = set(data.agreement_parties.loc[data.agreement_parties["party"] == iso, "agreement_id"])
    agr = data.agreements[data.agreements["agreement_id"].isin(ids)]
    if not len(agr):
        return N.section("Agreements with the UK", N.para(
            f"The dataset records no UK defence or security agreement with {name}: either none exists or none "
            "could be sourced. This is a gap, not a finding of absence."), id="agreements")
    agr = agr.assign(when=[_when(r) for r in agr.itertuples()]).sort_values("when")
    cards = [agreement_card(ctx, r) for r in agr.itertuples()]
    return N.section("Agreements with the UK", N.para(f"{len(cards)} instruments, oldest first."),
                     N.container(*cards, classes=("agreement-cards",)), id="agreements")


def _activities(ctx: Context, iso: str, name: str) -> N.nodes.section:
    acts = ctx.data.activities
    act = acts[(acts["host_iso3"] == iso) | acts["partners"].map(lambda p: iso in p)]
    if not len(act):
        return N.section("UK activities", N.para("No UK activity is recorded."), id="activities")
    rows = [[r.name, r.kind, str(r.start or "not known"), m.activity_end(r), r.uk_role or "",
             source_links(ctx, r.source_ids)] for r in act.itertuples()]
    return N.section("UK activities", N.table(["Activity", "Kind", "Start", "End", "UK role", "Sources"], rows,
                                              f"UK activities involving {name}"), id="activities")


def _spending(ctx: Context, iso: str, name: str):
    data = ctx.data
    if "defence_expenditure" not in data.tables or iso not in set(data.defence_expenditure["iso3"]):
        return None
    from .. import burden
    series = burden.ally_series(data, iso)
    edition = burden.latest_edition(data)
    cells = [("" if pd.isna(v) else f"{v:.2f}" + ("e" if e == "yes" else "")) for v, e in
             zip(series["pct_gdp"], series["estimate"])]
    return N.section("Defence spending", N.para(
        f"Defence expenditure as a share of GDP, from NATO's release of {edition} (e: NATO estimate; blank: not "
        "read). Compare every ally in ", N.internal("Renewing the transatlantic alliance", "../../transatlantic.html"),
        "."), N.table([str(y) for y in series["year"]], [cells], f"{name}: defence expenditure, % of GDP"),
        id="defence-spending")


def _timeline(ctx: Context, iso: str, name: str) -> N.nodes.section:
    timeline = m.partner_timeline(ctx.data, iso)
    if not len(timeline):
        return N.section("Timeline", N.para("No dated events are recorded."), id="timeline")
    rows = [[str(r.date), r.kind, r.label] for r in timeline.itertuples()]
    return N.section("Timeline", N.table(["Date", "Kind", "Event"], rows,
                                         f"Timeline of {name}'s relationship with the UK"), id="timeline")


# --- organisations --------------------------------------------------------------------------------------------

def organisation_nodes(ctx: Context, org: str) -> list[N.nodes.Node]:
    data, o = ctx.data, ctx.orgs.loc[org]
    page = N.section(o["name"] if o["short_name"] == o["name"] else f"{o['name']} ({o['short_name']})",
                     id=f"org-{org}")
    page += N.para(f"Kind: {o['kind']}. Founded: {o['founded'] or 'not recorded'}. The UK's status: {o['uk_status']}.",
                   classes=("profile-meta",))
    if o["summary"]:
        page += N.para(o["summary"])
    page += N.para("Sources: ", *source_links(ctx, o["source_ids"]), classes=("card-sources",))
    mem = data.memberships[data.memberships["org_id"] == org]
    uk = mem[mem["iso3"] == m.UK]
    if len(uk):
        spans = "; ".join(f"{r.role} from {r.since or 'a date not recorded'}" + (f" to {r.until}" if r.until else "")
                          for r in uk.itertuples())
        page += N.para(f"The UK in {o['short_name']}: {spans}.")
    else:
        page += N.para(f"The UK is not recorded as a member of {o['short_name']}.")
    current = set(ctx.now.memberships.loc[ctx.now.memberships["org_id"] == org, "iso3"])
    note = m.membership_note(data, org)
    rows = [[N.internal(ctx.names[r.iso3], ctx.profile_uri(r.iso3, ORGANISATIONS)), r.role, str(r.since or "not known"),
             str(r.until or ""), yes_no(r.iso3 in current), source_links(ctx, r.source_ids)]
            for r in mem.assign(n=mem["iso3"].map(ctx.names)).sort_values("n").itertuples()]
    members = [N.para(note)]
    if rows:
        members += [N.image(f"img/{org}.svg", f"Step chart of the number of {o['short_name']} members recorded among "
                            f"the states in scope, year by year, reaching {len(current)} at {data.as_at}.",
                            width="420px"),
                    N.table(["State", "Role", "Since", "Until", "Member today", "Sources"], rows,
                            f"Members of {o['short_name']} recorded in the dataset")]
    page += N.section("Members", *members, id="members")
    ids = set(data.agreement_parties.loc[data.agreement_parties["party"] == org, "agreement_id"])
    agr = data.agreements[data.agreements["agreement_id"].isin(ids)]
    if len(agr):
        agr = agr.assign(when=[_when(r) for r in agr.itertuples()]).sort_values("when")
        page += N.section("Agreements involving it", N.container(*[agreement_card(ctx, r) for r in agr.itertuples()],
                                                                 classes=("agreement-cards",)), id="agreements")
    return [page]


def members_chart_svg(data: Dataset, org: str) -> str:
    """A small step chart of recorded members per year (no data text on it: years and counts only)."""
    counts = m.members_by_year(data, org)
    buffer = io.StringIO()
    with house_style():
        fig, ax = plt.subplots(figsize=(4.2, 1.6))
        if len(counts):
            ax.step(counts.index, counts.values, where="post", color=UK, lw=1.5)
            ax.set_ylim(0, max(counts.max(), 1) * 1.15)
        ax.set_ylabel("members", fontsize=7)
        ax.tick_params(labelsize=7)
        fig.tight_layout()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
    return buffer.getvalue()


# --- reference pages ------------------------------------------------------------------------------------------

def dictionary_nodes(ctx: Context) -> list[N.nodes.Node]:
    data = ctx.data
    page = N.section("Data dictionary", id="data-dictionary")
    page += N.para(f"Generated from data/datapackage.json (version {data.version}, data as at {data.as_at}). Dates "
                   "are ISO 8601 at the precision the source gives: 2017, 2017-12 or 2017-12-21. Every value is "
                   "plain text: the book shows it as written, never as markup.")
    for r in data.package["resources"]:
        rows = []
        for f in r["schema"]["fields"]:
            c = f.get("constraints", {})
            allowed = c.get("enum") or f.get("x-enum") or []
            kind = "date (partial)" if f.get("x-partial-date") else f.get("type", "string")
            if "x-separator" in f:
                kind += f" list, separated by '{f['x-separator']}'"
            rows.append([N.literal(f["name"]), column_label(f), kind, yes_no(c.get("required")),
                         f.get("description", ""), ", ".join(allowed)])
        page += N.section(f"{r['path']}: {r.get('title', r['name'])}",
                          N.para(r.get("description", ""), " Primary key: ",
                                 N.literal(", ".join(r["schema"].get("primaryKey", []))), "."),
                          N.table(["Column", "Label", "Type", "Required", "Meaning", "Allowed values"], rows,
                                  f"Columns of {r['path']}"), id=f"table-{r['name']}")
    return [page]


def sources_nodes(ctx: Context) -> list[N.nodes.Node]:
    data = ctx.data
    page = N.section("Sources", id="sources")
    page += N.para(f"Every source the dataset cites ({len(data.sources)}), generated from data/sources.csv. Each was "
                   "read by the book's editors on the date given.")
    items = N.nodes.enumerated_list()
    frame = data.sources.sort_values(["publisher", "title"], key=lambda s: s.str.lower())
    for r in frame.itertuples():
        kind = getattr(r, "kind", "") or ""
        parts = [f"{r.publisher}" + (f", {r.published}" if r.published else "") + ". ", N.link(r.title, r.url),
                 f". {kind.capitalize() + ' source. ' if kind else ''}Accessed {r.accessed}."]
        item = N.nodes.list_item("", N.para(*parts))
        item["ids"] = [f"src-{r.source_id}"]
        items += item
    page += items
    return [page]


def glossary_nodes(ctx: Context) -> list[N.nodes.Node]:
    """Every abbreviation the book uses: the organisations' short names, and the book's own terms."""
    page = N.section("Glossary of abbreviations", id="glossary")
    page += N.para("Every organisation and format in the dataset by its abbreviation, with its full name and a link "
                   "to its page, and the other abbreviations the book uses.")
    orgs = ctx.data.organisations.sort_values("short_name", key=lambda s: s.str.lower())
    rows = [[N.internal(r.short_name, ctx.org_uri(r.org_id, "")), r.name, r.kind, r.uk_status] for r in orgs.itertuples()]
    page += N.table(["Abbreviation", "Full name", "Kind", "The UK's status"], rows, "Organisations and formats",
                    row_headers=True)
    page += N.table(["Abbreviation", "Meaning"], [list(t) for t in BOOK_TERMS], "Other abbreviations", row_headers=True)
    return [page]


#: Abbreviations the book's prose uses that are not organisations in the data.
BOOK_TERMS = (
    ("ISO 3166", "The international standard of country codes; the dataset uses its three-letter codes (iso3)."),
    ("GDP", "Gross domestic product."),
    ("MOU", "Memorandum of understanding."),
    ("MOD", "The UK Ministry of Defence."),
    ("FCDO", "The UK Foreign, Commonwealth and Development Office."),
    ("SDSR", "Strategic Defence and Security Review (2010, 2015)."),
    ("SDR", "Strategic Defence Review (2025)."),
    ("TCA", "The UK–EU Trade and Cooperation Agreement (2020)."),
)


def changelog_nodes(ctx: Context) -> list[N.nodes.Node]:
    """The changelog: CommonMark with raw HTML disabled and links checked by markdown-it, never MyST."""
    from markdown_it import MarkdownIt
    text = (data_dir() / "CHANGELOG.md").read_text(encoding="utf-8")
    md = MarkdownIt("commonmark", {"html": False})
    body = text.split("\n", 1)[1] if text.startswith("# ") else text
    page = N.section("Changelog", id="changelog")
    page += N.raw_html(md.render(body))
    return [page]


# --- writing the stubs ----------------------------------------------------------------------------------------

def _locator_svg(geo: dict, iso: str) -> str:
    """A small map of Europe with one state picked out (the UK in blue for reference)."""
    buffer = io.StringIO()
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
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})  # house_style: fixed svg ids
        plt.close(fig)
    return buffer.getvalue()


def page_files(data: Dataset) -> dict[str, str]:
    """Every generated file, by path relative to the output folder, as text (nothing is written here)."""
    geo = geometry()
    files = {}
    for iso in data.countries["iso3"]:
        slug = data.profile_slug(iso)
        files[f"{PROFILES}/{slug}.md"] = STUB.format(directive="uk-profile", ident=iso)
        files[f"{PROFILES}/img/{slug}.svg"] = _locator_svg(geo, iso)
    for org in data.organisations["org_id"]:
        files[f"{ORGANISATIONS}/{org}.md"] = STUB.format(directive="uk-organisation", ident=org)
        files[f"{ORGANISATIONS}/img/{org}.svg"] = members_chart_svg(data, org)
    for name, directive in (("data-dictionary", "uk-data-dictionary"), ("sources", "uk-sources"),
                            ("changelog", "uk-changelog"), ("glossary", "uk-glossary")):
        files[f"{name}.md"] = STUB.format(directive=directive, ident="")
    return files


def write_pages(out: Path, data: Dataset | None = None) -> list[Path]:
    """Make the generated folder hold exactly the pages of this dataset: unchanged files are left alone (so
    Sphinx does not read them again), changed ones rewritten, files of a renamed or removed record deleted."""
    data = data or load()
    files = page_files(data)  # all in memory first: a failure here leaves the folder as it was
    out = Path(out)
    written = []
    for rel, text in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    keep = {p.resolve() for p in written}
    if out.exists():
        for path in sorted(out.rglob("*"), reverse=True):
            if path.is_file() and path.resolve() not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written
