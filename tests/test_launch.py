"""Launch links: one setting (repository.url) drives a Binder link and a local note on every chapter."""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from analysis.build.launch import binder_url, box, launch

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("*.md"))


def test_binder_addresses_for_the_usual_hosts():
    assert binder_url("https://github.com/o/r", "main", "book/map.md") == \
        "https://mybinder.org/v2/gh/o/r/main?urlpath=lab%2Ftree%2Fbook%2Fmap.md"
    assert binder_url("https://github.com/o/r.git/", "dev", "book/a.md", "https://hub.example/") == \
        "https://hub.example/v2/gh/o/r/dev?urlpath=lab%2Ftree%2Fbook%2Fa.md"
    assert binder_url("https://gitlab.com/group/sub/r", "main", "book/a.md") == \
        "https://mybinder.org/v2/gl/group%2Fsub%2Fr/main?urlpath=lab%2Ftree%2Fbook%2Fa.md"
    assert binder_url("https://codeberg.org/o/r", "main", "book/a.md") == \
        "https://mybinder.org/v2/git/https%3A%2F%2Fcodeberg.org%2Fo%2Fr.git/main?urlpath=lab%2Ftree%2Fbook%2Fa.md"


def test_no_address_no_binder_link_and_a_bad_address_is_refused():
    assert binder_url("", "main", "book/map.md") is None
    assert binder_url("https://github.com/o/r", "main", "book/map.md", hub="") is None
    with pytest.raises(ValueError, match="repository.url"):
        binder_url("javascript:alert(1)", "main", "book/map.md")
    unset = launch({"launch_buttons": {"binderhub_url": "https://mybinder.org"}, "repository_url": ""}, "book/map.md")
    assert unset.binder is None and unset.clone is None
    note = box(unset).astext()
    assert "Binder" not in note and "make lab" in note and "book/map.md" in note and "git clone" not in note


def test_with_an_address_the_note_links_binder_and_names_the_clone():
    info = launch({"launch_buttons": {"binderhub_url": "https://mybinder.org"},
                   "repository_url": "https://github.com/o/r", "repository_branch": "main"}, "book/mosaic.md")
    node = box(info)
    refs = [n["refuri"] for n in node.findall() if n.tagname == "reference"]
    assert refs == ["https://mybinder.org/v2/gh/o/r/main?urlpath=lab%2Ftree%2Fbook%2Fmosaic.md"]
    assert "git clone https://github.com/o/r" in node.astext()


def theme_options_from_config(url: str) -> dict:
    """The Sphinx theme options Jupyter Book makes from the book's own _config.yml, with repository.url set."""
    import yaml
    from jupyter_book.config import get_final_config
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["repository"]["url"] = url
    sphinx_config, _ = get_final_config(user_yaml=config, sourcedir=ROOT, use_external_toc=False,
                                         cli_config={"latex_individualpages": False})
    return sphinx_config["html_theme_options"]


def test_the_one_setting_in_config_reaches_the_launch_note():
    # _config.yml's own sphinx options must not replace what Jupyter Book derives from repository: and
    # launch_buttons: (a non-recursive html_theme_options override once dropped both, and no chapter linked Binder)
    info = launch(theme_options_from_config("https://github.com/o/r"), "book/map.md")
    assert info.binder == "https://mybinder.org/v2/gh/o/r/main?urlpath=lab%2Ftree%2Fbook%2Fmap.md"
    assert info.clone == "https://github.com/o/r"
    assert launch(theme_options_from_config(""), "book/map.md").binder is None


def note_of(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    found = re.search(r'<div class="uk-run[^"]*">(.*?)</div>', text, re.S)
    return found.group(1) if found else ""


def text_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", markup).split())


@pytest.mark.book
def test_every_chapter_of_the_book_says_how_to_run_it_and_promises_no_binder_while_unset(site):
    for name in CHAPTERS:
        page = site / "book" / f"{name}.html"
        note = text_of(note_of(page))
        assert "make lab" in note and f"book/{name}.md" in note, name
        assert "mybinder" not in page.read_text(encoding="utf-8"), name
    assert note_of(site / "book" / "generated" / "profiles" / "france.html") == ""  # generated pages are not notebooks


def test_binder_and_the_local_venv_open_chapters_as_notebooks(tmp_path):
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK)
    venv = ROOT / ".venv" / "bin"
    # run Binder's postBuild with a throwaway home, then read the settings the way JupyterLab's server does
    env = {**os.environ, "HOME": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path / ".jupyter"),
           "PATH": f"{venv}:{os.environ['PATH']}"}
    subprocess.run([str(post_build)], env=env, check=True, capture_output=True)
    code = ("import json, tempfile; from jupyterlab_server.settings_utils import _get_overrides; "
            "print(json.dumps(_get_overrides(tempfile.mkdtemp())[0]))")
    for environment in (env, {**os.environ, "HOME": str(tmp_path / "empty")}):  # Binder's home; the venv alone
        out = subprocess.run([str(venv / "python"), "-c", code], env=environment, check=True, capture_output=True,
                             text=True).stdout
        viewers = json.loads(out)["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
        assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
