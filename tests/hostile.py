"""Hostile data: strings a contributor could plant in any text column, and the checks that they stay text.

:func:`plant` copies a data folder and appends one payload to every free-text column of every table (cycling
through the rows, so that each payload reaches several tables). Every payload carries a marker ``PWN<n>``; in
the built site the rule is simple: wherever a marker appears in a text node or an attribute value, the whole
payload appears there verbatim. A payload that had been parsed as MyST, HTML or mathematics would leave its
marker in a heading, a link, an attribute or a formula without its surrounding syntax, and fail.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

CANARY_TEXT = "CANARY-FILE-CONTENT-7f3a9c"

#: Payloads that the validator accepts (ordinary text to it) and the book must show literally.
#: ``{canary}`` is replaced by the path of a file whose content must never appear in the site.
PAYLOADS = [
    "PWN0 ok\n\n```{{literalinclude}} {canary}\n```\n\nafter",
    "PWN1 x\n\n# PWN1 heading\n\n## PWN1 second\n\ntext",
    "PWN2 $\\frac{{1}}{{2}}$ and $$x^2$$ and \\(y\\)",
    "PWN3 <img src=x onerror=alert('PWN3')><script>alert('PWN3')</script>",
    "PWN4 {{sub}}`PWN4sub` {{download}}`/etc/hostname` {{math}}`PWN4m`",
    "PWN5 [click](java script:alert(5)) <a href=\"JaVaScRiPt:alert('PWN5')\">x</a> [y](javascript&#58;alert(5))",
    "PWN6\n\n```{{image}} x.png\n:target: java script:alert(6)\n:alt: PWN6alt\n```\n",
    "PWN7 &lt;b&gt;bold&lt;/b&gt; &amp; &#106;avascript:alert(7) &#x3C;i&#x3E;",
    "PWN8 `code` **bold** _em_ <!-- comment --> {{{{ jinja }}}} {{% raw %}} | a | b |",
    "PWN9 " + "long " * 560,  # with the longest shipped value, still under the 4,000-character limit
    "PWN10\n\n:::{{raw}} html\n<b>PWN10b</b>\n:::\n\n:::{{warning}}\nPWN10w\n:::",
    "France $\\frac$ test PWN11",
    "PWN12 </script><script>alert(12)</script><style>body{{display:none}}</style>",
    "=HYPERLINK(\"https://example.org\",\"PWN13\")",
    "PWN14 a < b & c > d, as plain prose",
    "PWN15 ]]> <![CDATA[ x ]]> <?php echo 1; ?> ${{x}} %(x)s {{0}}",
    "PWN16 \\ \\\\ \\n \\t \" ' ` ~ * _ # + - = | ^ @",
    "PWN17\n\n+++\n\n---\ntitle: PWN17t\n---\n\n```{{code-cell}} ipython3\nprint('PWN17c')\n```",
]
#: Payloads the validator must refuse (with file, line and column), by the rule it reports.
REFUSED = {
    "PWN20 nul\x00byte": "control-character",
    "PWN21 right\u202eto-left": "control-character",
    "PWN22 esc\x1b[31m": "control-character",
    "PWN23 line\u2028separator": "control-character",
    "PWN24 form\x0cfeed": "control-character",
    "PWN25 " + "x" * 5000: "too-long",
}
MARKER = re.compile(r"PWN(\d+)")


def payloads(canary: Path) -> list[str]:
    return [p.format(canary=canary) for p in PAYLOADS]


def free_text_fields(resource: dict) -> list[str]:
    """Columns that hold free text: no pattern, no enumeration, no date, not a key or a reference."""
    keys = set(resource["schema"].get("primaryKey", []))
    keys |= {c for fk in resource["schema"].get("foreignKeys", []) for c in fk["fields"]}
    out = []
    for f in resource["schema"]["fields"]:
        c = f.get("constraints", {})
        if (f.get("type", "string") == "string" and "pattern" not in c and "enum" not in c
                and not f.get("x-partial-date") and "x-separator" not in f and "x-references-key" not in f
                and f["name"] not in keys
                and f["name"] not in ("party", "host_iso3", "url")):
            out.append(f["name"])
    return out


def plant(src: Path, dst: Path, canary: Path) -> dict[tuple[str, str], list[str]]:
    """Copy ``src`` to ``dst`` with payloads appended in every free-text column; return what went where."""
    shutil.copytree(src, dst)
    package = json.loads((dst / "datapackage.json").read_text(encoding="utf-8"))
    texts, planted, k = payloads(canary), {}, 0
    for resource in package["resources"]:
        path = dst / resource["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        for column in free_text_fields(resource):
            i = header.index(column)
            for n, row in enumerate(rows[1:]):
                if n % 3 and n > 6:
                    continue  # every row near the top, then every third: every payload in every table
                payload = texts[k % len(texts)]
                k += 1
                row[i] = (row[i] + " " + payload).strip() if row[i] else payload
                planted.setdefault((resource["name"], column), []).append(payload)
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    _mark_distinct(dst)
    return planted


def _mark_distinct(folder: Path) -> None:
    """Planting the same payload in two same-day instruments makes their titles alike; they stay distinct records,
    so say so (the validator's duplicate rule would otherwise, rightly, refuse them)."""
    with (folder / "agreement_parties.csv").open(encoding="utf-8", newline="") as handle:
        parties = {}
        for row in csv.DictReader(handle):
            parties.setdefault(row["agreement_id"], set()).add(row["party"])
    path = folder / "agreements.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    groups = {}
    for row in rows:
        day = row["signed"] or row["in_force"] or row["announced"]
        if day:
            groups.setdefault((frozenset(parties.get(row["agreement_id"], ())), day), []).append(row)
    for group in groups.values():
        for row in group:
            others = [r["agreement_id"] for r in group if r is not row]
            mine = [x for x in row["distinct_from"].split(";") if x]
            row["distinct_from"] = ";".join(dict.fromkeys(mine + others))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


class Nodes(HTMLParser):
    """Every element, attribute value and text node of a page, with the element each text is in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.texts, self.stack, self.script_type = [], [], [], ""

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag == "script":
            self.script_type = dict(attrs).get("type") or "text/javascript"
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source", "col", "area", "base", "wbr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        tag = self.stack[-1] if self.stack else ""
        self.texts.append((f"script:{self.script_type}" if tag == "script" else tag, data))


def literal_violations(markup: str, texts: list[str], where: str, script_json: bool = True) -> list[str]:
    """Places in ``markup`` where a marker appears without its whole payload, or where a payload made markup."""
    parser = Nodes()
    parser.feed(markup)
    parser.close()
    out = []
    by_marker = {}
    for t in texts:
        by_marker.setdefault(MARKER.search(t).group(0), []).append(t)

    def check(value: str, context: str) -> None:
        for match in set(MARKER.findall(value)):
            marker = f"PWN{match}"
            candidates = by_marker.get(marker)
            if candidates and not any(c in value or _squash(c) in _squash(value) for c in candidates):
                out.append(f"{where}: {context} holds {marker} without its whole payload: {value[:160]!r}")

    for tag, attrs in parser.elements:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and ("alert" in value or "PWN" in value):
                out.append(f"{where}: event handler from data: <{tag} {name}={value[:80]!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text")):
                    out.append(f"{where}: <{tag} {name}={value[:80]!r}>")
            check(value, f"<{tag} {name}=…>")
    for tag, data in parser.texts:
        if tag.startswith("script:"):
            kind = tag.split(":", 1)[1]
            if "PWN" not in data:
                continue
            if "json" not in kind or not script_json:
                out.append(f"{where}: data inside an executable <script> ({kind})")
            else:  # in the widget state, the values widgets render as HTML; the book's own JSON islands are text
                out.extend(_json_violations(data, texts, where, as_html="widget-state" in kind))
            continue
        if tag == "style" and "PWN" in data:
            out.append(f"{where}: data inside a <style> element")
        check(data, f"text in <{tag}>")
    return out


def _squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


#: What widgets render as HTML: an HTML widget's value, a description that allows HTML, a Leaflet layer's name (the
#: layers control shows it as HTML). Every other string of the widget state is set as text (option labels too).
def _html_fields(model: dict) -> set[str]:
    name, state = model.get("model_name", ""), model.get("state", {})
    fields = set()
    if name in ("HTMLModel", "HTMLMathModel"):
        fields.add("value")
    if state.get("description_allow_html"):
        fields.add("description")
    if model.get("model_module") == "jupyter-leaflet":
        fields.add("name")
    return fields


def _json_violations(body: str, texts: list[str], where: str, as_html: bool) -> list[str]:
    """Inside the widget state, the strings widgets render as HTML are checked as HTML and the rest as text; in
    the book's JSON islands every string is text."""
    try:
        data = json.loads(body)
    except json.JSONDecodeError:
        return [f"{where}: a script element holding data is not JSON (data broke out of it?)"]
    out = []
    if as_html and isinstance(data.get("state"), dict):
        for model in data["state"].values():
            html_fields = _html_fields(model)
            for key, value in model.get("state", {}).items():
                if key in html_fields and isinstance(value, str) and "PWN" in value:
                    out.extend(literal_violations(value, texts, where + " (HTML in the widget state)", script_json=False))
                else:
                    out.extend(_json_violations(json.dumps(value), texts, where, as_html=False))
        return out

    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str) and "PWN" in node:
            if as_html and re.search(r"<[a-z]", node):
                out.extend(literal_violations(node, texts, where + " (HTML inside JSON)", script_json=False))
            else:
                for match in set(MARKER.findall(node)):
                    marker = f"PWN{match}"
                    if not any(t in node or _squash(t) in _squash(node) for t in texts if marker in t):
                        out.append(f"{where}: JSON string holds {marker} without its payload: {node[:120]!r}")
    walk(data)
    return out
