#!/usr/bin/env python3
"""Benchmark our generator against Hugo on the shared notice corpus.

For each size N the corpus (../shared/bench/make_corpus.py beside the
repository) is generated
once per layout, outside the timed region: "plain" for our generator (placed
under content/ of a minimal site) and "hugo" for Hugo.  Every run is a clean
build: the output directory (and Hugo's resources/ and cache directory) is
removed before the run, and everything written is synced to disk, outside
the timed region.  Per run we record wall
time (time.perf_counter around Popen + os.wait4), user+sys CPU and peak RSS
of the child from the rusage that os.wait4 returns.

The table reports the median wall and CPU time over --runs runs, the maximum
peak RSS, CPU/wall (median CPU / median wall: roughly how many cores were
busy), and for our generator its wall time and peak RSS divided by Hugo's at
the same N.  Figures go to stdout, progress to stderr.  Exit status is 1 if
any build fails or produces the wrong number of pages, 2 on bad usage.

  python3 scripts/bench.py                       # sizes 1000,10000, 3 runs
  python3 scripts/bench.py --sizes 1000 --runs 1 --no-hugo
  python3 scripts/bench.py --pagefind DIR/node_modules/.bin/pagefind

After the table, for each N: the search index's size, its shards (count,
bytes, the largest) and, for a fixed list of queries, how many files and
gzipped bytes the search page fetches (scripts/search_fetches.js).

Standard library only; installs nothing.  Hugo is the Debian package "hugo".
"""

import argparse
import glob
import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


from bench_site import BenchError, DEFAULT_CORPUS_SCRIPT, REPO, gen_corpus, prepare_our_site, remove

DEFAULT_GENERATOR = os.path.join(REPO, "build", "generator", "generator")

# Lines of a failing build's stderr shown in the error report.
MAX_ERROR_LINES = 40


def progress(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


def parse_sizes(text):
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("expected comma-separated integers, got %r" % text)
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be integers >= 1, got %r" % text)
    return sizes


def positive_int(text):
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected an integer, got %r" % text)
    if v < 1:
        raise argparse.ArgumentTypeError("must be >= 1, got %r" % text)
    return v


def tail(path, limit=MAX_ERROR_LINES):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return "(no output captured)"
    if len(lines) > limit:
        return "\n".join(lines[:limit] + ["... (%d more lines in %s; pass --work DIR to keep it)"
                                           % (len(lines) - limit, path)])
    return "\n".join(lines)


def last_line(path):
    """A build's summary: the last line it printed (after --timings' lines)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


def run_measured(cmd, cwd, log_prefix):
    """Runs cmd, returns (exit_code, wall_s, cpu_s, maxrss_kib).

    stdout/stderr go to files (log_prefix + ".out"/".err") so a chatty child
    can never block on a full pipe while we sit in wait4.
    """
    with open(log_prefix + ".out", "wb") as out, open(log_prefix + ".err", "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # already reaped; keep Popen from waiting again
    return code, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def prepare_hugo_site(corpus_script, n_dir, n):
    site = os.path.join(n_dir, "site-hugo")
    stats = gen_corpus(corpus_script, site, n, "hugo")
    return site, stats


def verify_ours(out_dir, n):
    pages = glob.glob(os.path.join(out_dir, "notices", "*", "index.html"))
    if len(pages) != n:
        raise BenchError("our generator wrote %d notice pages under %s/notices/*/index.html, "
                         "expected %d" % (len(pages), out_dir, n))


def verify_hugo(out_dir, n):
    count = 0
    for _, _, files in os.walk(out_dir):
        count += sum(1 for f in files if f.endswith(".html"))
    if count != n + 1:
        raise BenchError("Hugo wrote %d HTML files under %s, expected %d (N + 1)"
                         % (count, out_dir, n + 1))


class Tool:
    def __init__(self, name, prepare, command, verify, clean_extra=(), inspect=None):
        self.name = name
        self.prepare = prepare          # (corpus_script, n_dir, n) -> (site, stats)
        self.command = command          # (site, out, n_dir) -> argv
        self.verify = verify            # (out, n) -> None or raises BenchError
        self.clean_extra = clean_extra  # (site, n_dir) -> paths removed before each run
        self.inspect = inspect          # (out, log_prefix) -> figures of the last run's output, or None


def our_tool(generator, pagefind):
    return Tool(
        "generator",
        prepare_our_site,
        lambda site, out, n_dir: [generator, "build", "--site", site, "--out", out, "--timings"],
        verify_ours,
        lambda site, n_dir: [],
        lambda out, log: search_figures(out, log, pagefind),
    )


def hugo_tool(hugo):
    return Tool(
        "hugo",
        prepare_hugo_site,
        lambda site, out, n_dir: [hugo, "--quiet", "--source", site, "--destination", out,
                                  "--cacheDir", os.path.join(n_dir, "hugo-cache")],
        verify_hugo,
        lambda site, n_dir: [os.path.join(site, "resources"),
                             os.path.join(site, ".hugo_build.lock"),
                             os.path.join(n_dir, "hugo-cache")],
    )


def bench_tool(tool, corpus_script, n_dir, n, runs):
    """Returns a result dict; raises BenchError on the first failed run."""
    progress("%s N=%d: generating corpus" % (tool.name, n))
    t0 = time.perf_counter()
    site, stats = tool.prepare(corpus_script, n_dir, n)
    progress("%s N=%d: corpus ready in %.1f s (%d body bytes, %d attachments)"
             % (tool.name, n, time.perf_counter() - t0,
                stats.get("body_bytes_total", 0), stats.get("attachments_total", 0)))
    out = os.path.join(n_dir, "out-" + tool.name)
    walls, cpus, rsss = [], [], []
    for i in range(1, runs + 1):
        remove(out)
        for p in tool.clean_extra(site, n_dir):
            remove(p)
        # The corpus just written (2 GB at 10,000 notices) and the removals
        # go to disk before the clock starts: no run pays for another's writes.
        os.sync()
        cmd = tool.command(site, out, n_dir)
        log = os.path.join(n_dir, "%s-run%d" % (tool.name, i))
        code, wall, cpu, rss = run_measured(cmd, site, log)
        if code != 0:
            raise BenchError("%s N=%d run %d: exit status %d\n  command: %s\n  stderr (%s.err):\n%s"
                             % (tool.name, n, i, code, " ".join(cmd), log, tail(log + ".err")))
        tool.verify(out, n)
        walls.append(wall)
        cpus.append(cpu)
        rsss.append(rss)
        summary = last_line(log + ".err")
        progress("%s N=%d run %d/%d: wall %.3f s, cpu %.3f s, peak RSS %.1f MB%s"
                 % (tool.name, n, i, runs, wall, cpu, rss / 1024.0,
                    ("  [" + summary + "]") if summary else ""))
    figures = tool.inspect(out, log) if tool.inspect else None
    remove(out)
    return {
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "rss_mb": max(rsss) / 1024.0,  # ru_maxrss is KiB on Linux
        "search": figures,
    }


# Queries whose bytes are printed: Han pieces a title holds, pieces only
# bodies hold, words, two words, and what nothing holds.
SEARCH_QUERIES = ["智慧课堂", "网络安全", "试点学校", "信息化", "教育", "专家评审", "南湖区",
                  "课堂教学", "2019", "docx 2019", "pdf 2020", "汨罗"]


def nginx_gzip_level():
    """gzip_comp_level as deploy/nginx sets it; nginx's default is 1."""
    with open(os.path.join(REPO, "deploy", "nginx", "site.conf.in"), encoding="utf-8") as f:
        m = re.search(r"^\s*gzip_comp_level\s+(\d+);", f.read(), re.M)
    return int(m.group(1)) if m else 1


def gzipped_size(path, level, cache):
    if path not in cache:
        with open(path, "rb") as f:
            cache[path] = len(gzip.compress(f.read(), compresslevel=level, mtime=0))
    return cache[path]


def step_seconds(log_prefix, step):
    """The time the generator's --timings gives a step, or None."""
    with open(log_prefix + ".err", encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"\s*([0-9.]+) s\s+(.*)$", line)
            if m and m.group(2).strip() == step:
                return float(m.group(1))
    return None


def search_figures(out, log_prefix, pagefind):
    """Sizes of the search index and what each of SEARCH_QUERIES fetches, as
    nginx sends it: bodies gzipped at its level (headers not counted); and
    Pagefind's figures on the same pages when given its program."""
    level = nginx_gzip_level()
    sizes = {}
    shards_dir = os.path.join(out, "search", "shards")
    shards = []
    for d, _, files in os.walk(shards_dir):
        shards += [os.path.join(d, f) for f in files]
    largest = max(shards, key=lambda p: gzipped_size(p, level, sizes))
    r = subprocess.run(["node", os.path.join(REPO, "scripts", "search_fetches.js"), out] + SEARCH_QUERIES,
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise BenchError("scripts/search_fetches.js failed:\n" + r.stderr)
    queries = []
    for line in r.stdout.splitlines():
        q = json.loads(line)
        queries.append({
            "query": q["query"], "found": q["found"], "requests": len(q["files"]),
            "bytes": sum(gzipped_size(os.path.join(shards_dir, f), level, sizes) for f in q["files"]),
        })
    index = os.path.join(out, "search", "index.json")
    return {
        "gzip_level": level,
        "seconds": step_seconds(log_prefix, "search index, whole and in shards"),
        "index_bytes": os.path.getsize(index),
        "index_gzip": gzipped_size(index, level, sizes),
        "shards": len(shards),
        "shards_bytes": sum(os.path.getsize(p) for p in shards),
        "shards_gzip": sum(gzipped_size(p, level, sizes) for p in shards),
        "largest": os.path.relpath(largest, shards_dir),
        "largest_bytes": os.path.getsize(largest),
        "largest_gzip": gzipped_size(largest, level, sizes),
        "queries": queries,
        "pagefind": pagefind_figures(pagefind, out, os.path.dirname(out)) if pagefind else None,
    }


def pagefind_figures(pagefind, site_out, work):
    """Pagefind indexing our built site: time, peak RSS, its files."""
    out = os.path.join(work, "pagefind")
    remove(out)
    log = os.path.join(work, "pagefind")
    code, wall, _, rss = run_measured([pagefind, "--site", site_out, "--output-path", out], work, log)
    if code != 0:
        return {"error": "exit status %d: %s" % (code, tail(log + ".err", 5))}
    files = []
    for d, _, names in os.walk(out):
        files += [os.path.join(d, f) for f in names]
    # Its index and fragments: what a query can fetch (not its UI scripts).
    chunks = [p for p in files if os.sep + "index" + os.sep in p or os.sep + "fragment" + os.sep in p]
    largest = max(chunks, key=os.path.getsize) if chunks else None
    figures = {
        "wall": wall, "rss_mb": rss / 1024.0, "files": len(files),
        "bytes": sum(os.path.getsize(p) for p in files),
        "largest": os.path.relpath(largest, out) if largest else "-",
        "largest_bytes": os.path.getsize(largest) if largest else 0,
    }
    remove(out)
    return figures


def print_search(n, f):
    print()
    print("search index at N=%d (gzip level %d, as nginx sends it; headers not counted):" % (n, f["gzip_level"]))
    if f["seconds"] is not None:
        print("  built in %.3f s (whole and in shards)" % f["seconds"])
    print("  index.json: %d bytes, %d gzipped" % (f["index_bytes"], f["index_gzip"]))
    print("  shards: %d files, %d bytes, %d gzipped; largest %s: %d bytes, %d gzipped"
          % (f["shards"], f["shards_bytes"], f["shards_gzip"], f["largest"], f["largest_bytes"], f["largest_gzip"]))
    pagefind = f["pagefind"]
    if pagefind:
        if "error" in pagefind:
            print("  pagefind: failed, " + pagefind["error"])
        else:
            print("  pagefind on the same pages: %.3f s, peak RSS %.1f MB; %d files, %d bytes; largest %s: %d bytes"
                  % (pagefind["wall"], pagefind["rss_mb"], pagefind["files"], pagefind["bytes"],
                     pagefind["largest"], pagefind["largest_bytes"]))
    rows = [[q["query"], str(q["found"]), str(q["requests"]), "%.1f" % (q["bytes"] / 1024.0)] for q in f["queries"]]
    header = ["query", "found", "files", "KB gzipped"]
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    print("  " + fmt_row(header, widths))
    for r in rows:
        print("  " + fmt_row(r, widths))



def tool_version(argv):
    try:
        r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    text = r.stdout.strip().splitlines()
    return r.returncode, (text[0] if text else "")


def generator_version(generator):
    code, text = tool_version([generator, "--version"])
    if code == 0 and text:
        return text
    # No --version flag: identify the binary by content and build time.
    h = hashlib.sha256()
    with open(generator, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    mtime = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(generator)))
    # Relative to the checkout when inside it, as the README quotes it.
    shown = os.path.relpath(generator, REPO) if generator.startswith(REPO + os.sep) else generator
    return "%s (no --version; sha256 %s, built %s)" % (shown, h.hexdigest()[:12], mtime)


def fmt_row(cells, widths):
    return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))


def print_table(rows):
    header = ["tool", "N", "wall s", "CPU s", "peak RSS MB", "CPU/wall",
              "wall/Hugo", "RSS/Hugo"]
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) if rows else len(header[i])
              for i in range(len(header))]
    print(fmt_row(header, widths))
    print(fmt_row(["-" * w for w in widths], widths))
    for r in rows:
        print(fmt_row(r, widths))


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Clean-build benchmark of our generator (and Hugo) on the notice corpus.")
    ap.add_argument("--sizes", type=parse_sizes, default=[1000, 10000],
                    help="comma-separated corpus sizes N (default 1000,10000)")
    ap.add_argument("--runs", type=positive_int, default=3,
                    help="clean builds per tool and size; the median is reported (default 3)")
    ap.add_argument("--work", metavar="DIR",
                    help="working directory (default: a temporary directory under /tmp, "
                         "removed at the end; a given DIR is kept)")
    ap.add_argument("--generator", metavar="PATH", default=DEFAULT_GENERATOR,
                    help="our generator binary (default %(default)s)")
    ap.add_argument("--no-hugo", action="store_true", help="do not run Hugo")
    ap.add_argument("--pagefind", metavar="PATH",
                    help="Pagefind 1.x (npm install pagefind@1: node_modules/.bin/pagefind), run on our output "
                         "beside our search index's figures")
    ap.add_argument("--corpus-script", metavar="PATH", default=DEFAULT_CORPUS_SCRIPT,
                    help="corpus generator (default %(default)s)")
    a = ap.parse_args(argv)

    generator = os.path.abspath(a.generator)
    if not (os.path.isfile(generator) and os.access(generator, os.X_OK)):
        ap.error("generator binary not found or not executable: %s "
                 "(build it: cmake -S %s -B %s/build && cmake --build %s/build -j2)"
                 % (generator, REPO, REPO, REPO))
    corpus_script = os.path.abspath(a.corpus_script)
    if not os.path.isfile(corpus_script):
        ap.error("corpus script not found: %s" % corpus_script)

    hugo = None
    hugo_note = None
    if a.no_hugo:
        hugo_note = "Hugo: skipped (--no-hugo); ratios skipped"
    else:
        hugo = shutil.which("hugo")
        if hugo is None:
            hugo_note = "Hugo: not found on PATH (Debian package 'hugo'); ratios skipped"

    if a.work:
        work = os.path.abspath(a.work)
        os.makedirs(work, exist_ok=True)
        temp_work = False
    else:
        work = tempfile.mkdtemp(prefix="ssg-bench-", dir="/tmp")
        temp_work = True
    progress("work dir: %s%s" % (work, " (removed at the end)" if temp_work else ""))

    tools = [our_tool(generator, a.pagefind and os.path.abspath(a.pagefind))]
    if hugo:
        tools.append(hugo_tool(hugo))

    results = {}   # (tool, n) -> dict
    failures = []
    try:
        for n in a.sizes:
            n_dir = os.path.join(work, "n%d" % n)
            os.makedirs(n_dir, exist_ok=True)
            for tool in tools:
                try:
                    results[(tool.name, n)] = bench_tool(tool, corpus_script, n_dir, n, a.runs)
                except BenchError as e:
                    failures.append(str(e))
                    progress("FAILED: " + str(e))
                    results[(tool.name, n)] = None
            # Corpora for this N are no longer needed; free the disk.
            for name in ("site-ours", "site-hugo", "hugo-cache"):
                remove(os.path.join(n_dir, name))
    except KeyboardInterrupt:
        progress("interrupted")
        failures.append("interrupted")
    finally:
        if temp_work:
            shutil.rmtree(work, ignore_errors=True)

    # ---- figures (stdout) ----
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print("cores: %d (usable by this process: %d)%s"
          % (cores, usable,
             ("; load average at end %.2f %.2f %.2f" % load) if load else ""))
    print("generator: " + generator_version(generator))
    if hugo:
        code, text = tool_version([hugo, "version"])
        print("hugo: %s (%s)" % (text if code == 0 else "version unknown: " + text, hugo))
    else:
        print(hugo_note)
    print("runs per tool and size: %d (wall and CPU: median; peak RSS: max)" % a.runs)
    print()

    rows = []
    for n in a.sizes:
        for tool in tools:
            r = results.get((tool.name, n))
            if r is None:
                rows.append([tool.name, str(n), "FAILED", "", "", "", "", ""])
                continue
            ratio_wall = ratio_rss = "-"
            h = results.get(("hugo", n))
            if tool.name == "generator" and h:
                ratio_wall = "%.2f" % (r["wall"] / h["wall"]) if h["wall"] > 0 else "-"
                ratio_rss = "%.2f" % (r["rss_mb"] / h["rss_mb"]) if h["rss_mb"] > 0 else "-"
            rows.append([
                tool.name, str(n), "%.3f" % r["wall"], "%.3f" % r["cpu"],
                "%.1f" % r["rss_mb"],
                "%.2f" % (r["cpu"] / r["wall"]) if r["wall"] > 0 else "-",
                ratio_wall, ratio_rss,
            ])
    print_table(rows)
    for n in a.sizes:
        r = results.get(("generator", n))
        if r and r["search"]:
            print_search(n, r["search"])
    sys.stdout.flush()

    if failures:
        progress("%d build(s) failed; see the messages above" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
