#!/usr/bin/env python3
"""The benchmark's site: the shared notice corpus (../shared/bench/make_corpus.py
beside the repository) under content/ of a minimal site with the default theme.

  python3 scripts/bench_site.py DIR -n 1000    # writes DIR/site-ours

scripts/bench.py builds it for every size it measures; the search tests build
it to compare the two forms of the search index on many notices.
Standard library only.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

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
    write_json(os.path.join(site, "config.json"), SITE_CONFIG)
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
