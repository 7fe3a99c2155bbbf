"""The page's files, checked without a browser: served with a strict policy, every module
import resolves, nothing loads from elsewhere, and data never reaches innerHTML."""

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.web import STATIC, mount_web

IMPORT = re.compile(r"""^import\s.*?from\s+["'](?P<path>[^"']+)["'];$""", re.MULTILINE | re.DOTALL)


def client() -> TestClient:
    app = FastAPI()
    mount_web(app)
    return TestClient(app)


def test_the_page_is_served_at_the_root_with_a_content_security_policy() -> None:
    page = client().get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert 'id="app-view"' in page.text and "/static/app.js" in page.text


def test_static_files_are_served_with_their_types() -> None:
    served = client()
    assert (
        served.get("/static/app.js")
        .headers["content-type"]
        .startswith(("text/javascript", "application/javascript"))
    )
    assert served.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert served.get("/static/nothing.js").status_code == 404


def test_every_module_import_resolves_to_a_file() -> None:
    scripts = sorted(STATIC.rglob("*.js"))
    assert len(scripts) >= 10
    for script in scripts:
        for found in IMPORT.finditer(script.read_text()):
            target = (script.parent / found["path"]).resolve()
            assert target.is_file(), f"{script.name} imports missing {found['path']}"


def test_nothing_is_loaded_from_another_site() -> None:
    for file in [*STATIC.rglob("*.js"), *STATIC.rglob("*.css"), *STATIC.rglob("*.html")]:
        text = file.read_text()
        # The SVG namespace is an identifier, not a download.
        text = text.replace("http://www.w3.org/2000/svg", "")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text, re.IGNORECASE), file
        assert "@import" not in text and "fonts.googleapis" not in text, file


def test_scripts_never_parse_data_as_html() -> None:
    for script in STATIC.rglob("*.js"):
        comments = re.compile(r"/\*.*?\*/|^\s*//.*$", re.MULTILINE | re.DOTALL)
        code = comments.sub("", script.read_text())  # comments may name what is not done
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{script.relative_to(STATIC)} uses {sink}"


def test_the_package_folder_holds_the_page() -> None:
    assert {"index.html", "app.js", "style.css", "icon.svg"} <= {p.name for p in STATIC.iterdir()}
