"""Check the built documentation as a reader sees it.

Opens the front page, one API page and one gallery page in headless Chromium
(Debian's ``chromium``), keeps their screenshots, and fails on a blank page, a
broken internal link (a missing file or anchor) or a missing image anywhere in
the build.

    python tools/check_docs.py docs/_build/html --screenshots docs/_build/screenshots

Exit status 0 when everything holds, 1 with one line per problem otherwise.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PAGES = {
    "front": "index.html",
    "api": "generated/skmultimetrics.f1_score.html",
    "gallery": "auto_examples/plot_which_accuracy.html",
}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.images = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "img" and attrs.get("src"):
            self.images.append(attrs["src"])


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def _internal(url):
    parts = urlsplit(url)
    return not (
        parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:"))
    )


def check_links(root):
    """Problems with internal links and images of every page under ``root``."""
    pages = {path: _parse(path) for path in root.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        for src in page.images:
            if _internal(src) and not src.startswith("data:"):
                target = (path.parent / unquote(urlsplit(src).path)).resolve()
                if not target.is_file():
                    problems.append(f"{path.relative_to(root)}: missing image {src}")
        for href in page.links:
            if not _internal(href):
                continue
            parts = urlsplit(href)
            target = (
                (path.parent / unquote(parts.path)).resolve() if parts.path else path
            )
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{path.relative_to(root)}: broken link {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{path.relative_to(root)}: missing anchor {href}")
    return problems


def _blank(png):
    import matplotlib.image

    pixels = matplotlib.image.imread(png)[..., :3]
    # a page with text and figures has many distinct shades; a blank one few
    return pixels.std() < 0.02 or (pixels.min(axis=2) < 0.5).mean() < 0.002


def screenshot(browser, url, out):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--window-size=1280,1800",
                f"--screenshot={out}",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path, help="the HTML build folder")
    parser.add_argument("--screenshots", type=Path, default=None)
    parser.add_argument("--browser", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args(argv)
    root = args.build.resolve()
    shots = (args.screenshots or root.parent / "screenshots").resolve()
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, page in PAGES.items():
        path = root / page
        if not path.is_file():
            problems.append(f"{page}: not built")
            continue
        out = shots / f"{name}.png"
        screenshot(args.browser, path.as_uri(), out)
        if not out.is_file():
            problems.append(f"{page}: no screenshot")
        elif _blank(out):
            problems.append(f"{page}: the page renders blank ({out})")
    problems += check_links(root)
    for problem in problems:
        print(problem)
    print(f"checked {len(list(root.rglob('*.html')))} pages; screenshots in {shots}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
