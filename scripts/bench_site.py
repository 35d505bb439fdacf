#!/usr/bin/env python3
"""The benchmark's site: the shared notice corpus (../shared/bench/make_corpus.py
beside the repository) under content/ of a minimal site with the default theme.

  python3 scripts/bench_site.py DIR -n 1000    # writes DIR/site-ours

scripts/bench.py builds it for every size it measures; the search tests build
it to compare the two forms of the search index on many notices.
Standard library only.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from xml.sax.saxutils import escape

from collector_kit import pdf_bytes

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS_SCRIPT = os.path.join(os.path.dirname(REPO), "shared", "bench", "make_corpus.py")

SITE_CONFIG = {
    "base_url": "https://bench.example.gov.cn/site/",
    "theme": "default",
    "language": "zh-CN",
    "today": None,
    "public_numbers": [],
}
SITE_DATA = {
    "bureau": "X市教育局",
    "site_title": "基准测试站点",
    "host_unit": "X市教育局",
    "contacts": [],
}
UNITS_DATA = {"counties": [], "schools": []}

class BenchError(Exception):
    """A build failed or produced the wrong output."""


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def gen_corpus(corpus_script, out_dir, n, layout):
    remove(out_dir)
    cmd = [sys.executable, corpus_script, "gen", out_dir, "-n", str(n),
           "--layout", layout, "--attachment-files"]
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise BenchError("corpus generation failed (%s):\n%s%s"
                         % (" ".join(cmd), r.stdout, r.stderr))
    return json.loads(r.stdout.strip().splitlines()[-1])


def real_document(path, ext):
    """The corpus' attachments are filler under document names. The
    generator reads the text of every PDF, DOCX and XLSX it publishes (and
    refuses one it cannot read), so each becomes a real document holding
    its filler: the build pays for reading them as it would on a real site."""
    with open(path, "rb") as f:
        filler = f.read()
    if ext == "pdf":
        with open(path, "wb") as f:
            f.write(pdf_bytes(filler))
        return
    text = escape(filler.decode("utf-8", "replace"))
    parts = {"docx": {"word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                         "<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>" % text},
             "xlsx": {"xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                              "<si><t>%s</t></si></sst>" % text}}[ext]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for name, xml in parts.items():
            z.writestr(name, xml)


def office_numbers(content):
    """Each of the corpus' notices gives an office's landline (联系人：某老师，
    电话：0571-8...), as a bureau's notices do: the site lists them as public,
    or the generator refuses to publish them."""
    numbers = set()
    for path in glob.glob(os.path.join(content, "notices", "*.md")):
        with open(path, encoding="utf-8") as f:
            numbers.update(a + b for a, b in re.findall(r"电话：(0\d{2,3})-(\d{7,8})", f.read()))
    return sorted(numbers)


def prepare_our_site(corpus_script, n_dir, n):
    """Generates the plain corpus and wraps it in a minimal site directory."""
    plain = os.path.join(n_dir, "corpus-plain")
    site = os.path.join(n_dir, "site-ours")
    stats = gen_corpus(corpus_script, plain, n, "plain")
    remove(site)
    content = os.path.join(site, "content")
    os.makedirs(content)
    # The plain layout holds notices/ and attachments/; everything under
    # content/ other than notices is copied verbatim by the generator.
    for name in sorted(os.listdir(plain)):
        if name.startswith("."):
            continue
        shutil.move(os.path.join(plain, name), os.path.join(content, name))
    remove(plain)
    for root, _, files in os.walk(content):
        for name in files:
            ext = name.rsplit(".", 1)[-1].lower()
            if ext in ("pdf", "docx", "xlsx"):
                real_document(os.path.join(root, name), ext)
    write_json(os.path.join(site, "config.json"), dict(SITE_CONFIG, public_numbers=office_numbers(content)))
    write_json(os.path.join(site, "data", "site.json"), SITE_DATA)
    write_json(os.path.join(site, "data", "units.json"), UNITS_DATA)
    shutil.copytree(os.path.join(REPO, "themes", "default"),
                    os.path.join(site, "themes", "default"))
    return site, stats


def main(argv=None):
    ap = argparse.ArgumentParser(description="Writes the benchmark corpus as a site of ours: DIR/site-ours.")
    ap.add_argument("dir")
    ap.add_argument("-n", type=int, required=True, help="notices")
    ap.add_argument("--corpus-script", default=DEFAULT_CORPUS_SCRIPT)
    a = ap.parse_args(argv)
    os.makedirs(a.dir, exist_ok=True)
    site, _ = prepare_our_site(os.path.abspath(a.corpus_script), os.path.abspath(a.dir), a.n)
    print(site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
