"""Check the built documentation as a reader sees it.

Opens the pages a new reader meets first in headless Chromium (Debian's
``chromium``) at a desktop (1400 px) and a phone (400 px) width, keeps their
screenshots, and fails on a blank page, a page that scrolls sideways or clips a
title, a table or a line, a broken internal link (a missing file or anchor) or a
missing image anywhere in the build.

    python tools/check_docs.py docs/_build/html --screenshots docs/_build/screenshots

Exit status 0 when everything holds, 1 with one line per problem otherwise.
"""

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PAGES = {
    "front": "index.html",
    "install": "install.html",
    "top_k": "user_guide/top_k.html",
    "which_accuracy": "user_guide/which_accuracy.html",
    "which_cutoff": "user_guide/which_cutoff.html",
    "intervals": "user_guide/intervals.html",
    "keras": "user_guide/keras.html",
    "definitions": "user_guide/definitions.html",
    "performance": "performance.html",
    "api": "generated/skmultimetrics.f1_score.html",
    "api_long": "generated/skmultimetrics.ThresholdOptimizer.html",
    "api_keras": "generated/skmultimetrics.keras.TopKAccuracy.html",
    "gallery_index": "auto_examples/index.html",
    "gallery": "auto_examples/which_accuracy/plot_which_accuracy.html",
    "gallery_keras": "auto_examples/frameworks/plot_keras_fit.html",
}
WIDTHS = (1400, 400)  # a desktop browser and a phone

# Run in the page (an iframe of the given width): what scrolls the page sideways
# and what is cut off (content wider than a box that hides its overflow).
_PROBE = """
<html><body style="margin:0">
<iframe id="page" src="%(url)s"
 style="width:%(width)dpx;height:1800px;border:0"></iframe>
<script>
function describe(el) {
  const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50);
  const kind = el.className ? "." + String(el.className).split(" ")[0] : "";
  return el.tagName.toLowerCase() + kind + ' "' + text + '"';
}
document.getElementById("page").addEventListener("load", () => {
  const doc = document.getElementById("page").contentDocument;
  const win = document.getElementById("page").contentWindow;
  const width = doc.documentElement.clientWidth, found = [];
  if (doc.documentElement.scrollWidth > width + 1) {
    const wide = [...doc.querySelectorAll(".bd-main *")].filter(
      (el) => el.getBoundingClientRect().right > width + 1
        && el.parentElement.getBoundingClientRect().right <= width + 1);
    found.push("scrolls sideways (" + doc.documentElement.scrollWidth + " px): "
      + wide.slice(0, 3).map(describe).join("; "));
  }
  // at a desktop width every table shows all its columns
  if (%(width)d >= 1000)
    for (const table of doc.querySelectorAll(".bd-main table"))
      if (table.scrollWidth > table.clientWidth + 1)
        found.push("table wider than the page: " + describe(table));
  if (%(width)d >= 1000)
    for (const pre of doc.querySelectorAll(".bd-main pre"))
      if (pre.scrollWidth > pre.clientWidth + 1 && !pre.closest(".wide-output"))
        found.push("code line wider than its block: " + describe(pre));
  // content past the edge of a box that hides its overflow is cut off
  for (const el of doc.querySelectorAll(
      ".bd-main h1, .bd-main h2, .bd-main dt, .bd-main code, .bd-main pre,"
      + " .bd-main table, .bd-main td, .bd-main img, .bd-main p,"
      + " .bd-sidebar-secondary a, .bd-sidebar-secondary code,"
      + " .bd-sidebar-primary a")) {
    const range = doc.createRange();  // the extent of the content, not the box
    range.selectNodeContents(el);
    const right = Math.max(range.getBoundingClientRect().right,
                           el.tagName === "IMG" ? el.getBoundingClientRect().right : 0);
    const style = win.getComputedStyle(el);
    if (style.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1) {
      found.push("cut with an ellipsis: " + describe(el));
      continue;
    }
    const wider = el.scrollWidth > el.clientWidth + 1;
    if (["hidden", "clip"].includes(style.overflowX) && wider) {
      found.push("clipped: " + describe(el));
      continue;
    }
    for (let box = el.parentElement; box && box !== doc.body; box = box.parentElement) {
      const overflow = win.getComputedStyle(box).overflowX;
      if (overflow === "visible") continue;
      // code blocks and tables may scroll sideways; other boxes (sidebars,
      // titles) that scroll or hide their overflow cut the content off
      const scroller = box.matches(
        "pre, table, .highlight, .pst-scrollable-table-container");
      if (!scroller && right > box.getBoundingClientRect().right + 1)
        found.push("clipped: " + describe(el));
      break;  // the first box that does not let it show decides
    }
  }
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
});
</script></body></html>
"""


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


def _chromium(browser, url, width, *args):
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
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
                "--allow-file-access-from-files",
                "--virtual-time-budget=5000",
                f"--user-data-dir={profile}",
                f"--window-size={width},1800",
                *args,
                url,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )


def check_page(browser, path, width, out):
    """Screenshot ``path`` at ``width`` px into ``out``; the overflow problems."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe.html"
        probe.write_text(_PROBE % {"url": path.as_uri(), "width": width})
        _chromium(browser, probe.as_uri(), width, f"--screenshot={out}")
        dom = _chromium(browser, probe.as_uri(), width, "--dump-dom").stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    if found is None:
        return ["the overflow probe did not run"]
    return json.loads(html.unescape(found.group(1)))


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
        for width in WIDTHS:
            out = shots / f"{name}_{width}.png"
            found = check_page(args.browser, path, width, out)
            problems += [f"{page} at {width} px: {problem}" for problem in found]
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
