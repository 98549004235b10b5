"""Launch links: "Run this chapter" on Binder and locally, from one setting.

The one setting is ``repository.url`` in ``_config.yml`` (with ``repository.branch``); Jupyter Book passes it to
Sphinx as ``html_theme_options["repository_url"]``. While it is empty the book offers no Binder link and says how
to run a chapter from a copy of the repository; once it is set, every chapter links its own Binder session (the
BinderHub in ``launch_buttons.binderhub_url``) and names the address to clone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Launch:
    path: str                 # the chapter's source, from the repository root, e.g. "book/map.md"
    binder: str | None        # the Binder address that opens it in JupyterLab, or None without a repository
    clone: str | None         # the repository address to clone, or None while unset


def binder_url(repository: str, branch: str, path: str, hub: str = "https://mybinder.org") -> str | None:
    """The BinderHub address opening ``path`` of ``repository`` at ``branch`` in JupyterLab (None if unset)."""
    repository = (repository or "").strip().rstrip("/")
    if not repository or not hub:
        return None
    if not re.match(r"^https://[^\s/]+/[^\s]+$", repository):
        raise ValueError(f"repository.url in _config.yml is not an https address: {repository!r}")
    repository = re.sub(r"\.git$", "", repository)
    target = "?urlpath=" + quote(f"lab/tree/{path}", safe="")
    ref = quote(branch or "main", safe="")
    hub = hub.rstrip("/")
    github = re.match(r"^https://github\.com/([^/]+)/([^/]+)$", repository)
    if github:
        return f"{hub}/v2/gh/{github[1]}/{github[2]}/{ref}{target}"
    gitlab = re.match(r"^https://gitlab\.com/(.+)$", repository)
    if gitlab:
        return f"{hub}/v2/gl/{quote(gitlab[1], safe='')}/{ref}{target}"
    return f"{hub}/v2/git/{quote(repository + '.git', safe='')}/{ref}{target}"


def launch(theme_options: dict, path: str) -> Launch:
    """What a chapter offers, from the Sphinx theme options Jupyter Book fills in from ``_config.yml``."""
    repository = (theme_options.get("repository_url") or "").strip()
    hub = (theme_options.get("launch_buttons") or {}).get("binderhub_url") or ""
    branch = theme_options.get("repository_branch") or "main"
    return Launch(path=path, binder=binder_url(repository, branch, path, hub), clone=repository or None)


def box(info: Launch):
    """The "Run this chapter" note as docutils nodes."""
    from docutils import nodes as dn

    from .nodes import container, link, literal, para
    parts = [dn.rubric("", "Run this chapter")]
    if info.binder:
        parts.append(para(link("Launch this chapter on Binder", info.binder),
                          ": it opens as a notebook in JupyterLab, in the book's pinned environment (the first start "
                          "builds that environment and can take several minutes).", classes=("uk-run-binder",)))
    where = (["Run it locally: ", literal(f"git clone {info.clone}"), ", then in that folder "] if info.clone
             else ["Run it locally: in a copy of the book's repository, "])
    parts.append(para(*where, literal("make lab"), " sets up the pinned environment and opens JupyterLab; open ",
                      literal(info.path), " there and run it top to bottom. The same code runs in the book's build.",
                      classes=("uk-run-local",)))
    return container(*parts, classes=("uk-run",))
