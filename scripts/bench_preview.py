#!/usr/bin/env python3
"""The preview's edit loop: from one changed notice to the reload event.

Makes the shared corpus (../shared/bench/make_corpus.py beside the
repository) of N notices as a site of ours (bench_site.py), starts
`generator serve` on it, listens to its server-sent events
(/__preview/events) and makes --edits edits with make_corpus.py's `edit`
(one notice's revision counter, N // 2 unless --page), one at a time. Each
edit is timed from the moment before make_corpus writes the file to the
moment the `built` event arrives (the pages are in place and open pages
reload), and to the `indexed` event (the search index is in place too,
and the output is what a clean build writes); the next edit waits for it.
After each, the page is fetched to see the new revision in it (outside
the timing). Then prints the median, p90, min and max, and the preview's
resident memory (VmRSS and its peak VmHWM).

Unless --no-hugo, the same for `hugo server` on the Hugo layout of the same
corpus: from the edit to the line in which Hugo reports its rebuild
("Total in N ms"), with Hugo's own figure beside it. Hugo renders to memory.

Figures go to stdout, progress to stderr. Nothing is asserted about speed.
The corpora are made in a temporary directory and removed at the end
(--work DIR keeps them there).

  python3 scripts/bench_preview.py                # 10,000 notices, 20 edits
  python3 scripts/bench_preview.py -n 1000 --edits 5 --no-hugo

Standard library only; installs nothing.
"""

import argparse
import importlib.util
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from bench_site import DEFAULT_CORPUS_SCRIPT, REPO, gen_corpus, prepare_our_site

DEFAULT_GENERATOR = os.path.join(REPO, "build", "generator", "generator")
# The first build at 10,000 notices takes about a minute on two busy cores.
START_TIMEOUT = 600
EDIT_TIMEOUT = 120
STOP_TIMEOUT = 600


def progress(msg):
    print("[bench-preview] " + msg, file=sys.stderr, flush=True)


def load_corpus_module(path):
    """make_corpus.py itself, so that its `edit` runs in this process and
    the timing starts when it writes, not when a new Python starts."""
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_mb(pid):
    figures = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                figures[key] = int(value.split()[0]) / 1024
    return figures


def lines_of(stream, sink):
    """Every line a child writes, with the moment it arrived."""
    for raw in iter(stream.readline, b""):
        sink.put((time.perf_counter(), raw.decode("utf-8", "replace").rstrip("\n")))


def summary(times_ms):
    ordered = sorted(times_ms)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return "median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms (%d edits)" % (
        statistics.median(ordered), p90, ordered[0], ordered[-1], len(ordered))


class Events:
    """The preview's event stream, read on a thread: each `built` event's
    moment and build number (the pages are in place, open pages reload), and
    each `indexed` event's (the search index is in place too)."""

    def __init__(self, url):
        self.built = queue.Queue()
        self.indexed = queue.Queue()
        response = urllib.request.urlopen(url, timeout=START_TIMEOUT)
        threading.Thread(target=self._read, args=(response,), daemon=True).start()

    def _read(self, response):
        event = None
        for raw in response:
            line = raw.decode("utf-8").rstrip("\r\n")
            if line.startswith("event: "):
                event = line[len("event: "):]
            elif line.startswith("data: ") and event in ("built", "indexed"):
                sink = self.built if event == "built" else self.indexed
                sink.put((time.perf_counter(), int(line[len("data: "):])))
            elif not line:
                event = None

    def next(self, timeout):
        return self.built.get(timeout=timeout)

    def next_indexed(self, build, timeout):
        while True:
            at, number = self.indexed.get(timeout=timeout)
            if number == build:
                return at


def edit(corpus, content, page):
    args = ["edit", content, "--layout", "plain"] + ([] if page is None else ["--page", str(page)])
    corpus.main(args)


def revision(path):
    with open(path, encoding="utf-8") as f:
        return re.search(r"（修订号：(\d+)）", f.read()).group(1)


def bench_ours(generator, corpus, work, n, edits, page):
    site, _ = prepare_our_site(corpus.__file__, work, n)
    content = os.path.join(site, "content")
    # make_corpus.py edit finds the corpus' size here; the generator skips hidden files.
    with open(os.path.join(content, ".corpus.json"), "w", encoding="utf-8") as f:
        json.dump({"n": n}, f)
    slug = "n%06d" % (n // 2 if page is None else page)
    port = free_port()
    env = dict(os.environ, TMPDIR=work)  # the preview's output, removed with the rest
    progress("generator serve on %d notices (the first build takes a while)" % n)
    proc = subprocess.Popen([generator, "serve", "--site", site, "--port", str(port)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    stderr = queue.Queue()
    threading.Thread(target=lines_of, args=(proc.stderr, stderr), daemon=True).start()
    memory = {}
    try:
        banner = proc.stdout.readline().decode()
        if not banner.startswith("preview: "):
            raise RuntimeError("generator serve did not start: " + banner)
        base = "http://127.0.0.1:%d/" % port
        events = Events(base + "__preview/events")
        events.next(START_TIMEOUT)  # the build that was there when the stream opened
        times, indexed = [], []
        for i in range(edits):
            time.sleep(0.5)  # edits apart, as a person makes them
            start = time.perf_counter()
            edit(corpus, content, page)
            at, build = events.next(EDIT_TIMEOUT)
            times.append((at - start) * 1000)
            indexed.append((events.next_indexed(build, EDIT_TIMEOUT) - start) * 1000)
            served = urllib.request.urlopen(base + "notices/%s/" % slug, timeout=30).read().decode("utf-8")
            wanted = "（修订号：%s）" % revision(os.path.join(content, "notices", slug + ".md"))
            if wanted not in served:
                raise RuntimeError("after edit %d the page does not show %s" % (i + 1, wanted))
            progress("edit %d: %.1f ms, search index %.1f ms" % (i + 1, times[-1], indexed[-1]))
        memory.update(memory_mb(proc.pid))
    finally:
        stopping = time.perf_counter()
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        memory["stop_s"] = time.perf_counter() - stopping
    build_lines = []
    while not stderr.empty():
        build_lines.append(stderr.get()[1])
    return times, indexed, memory, [l for l in build_lines if l.startswith("built ")]


def bench_hugo(hugo, corpus_script, corpus, work, n, edits, page):
    site = os.path.join(work, "site-hugo")
    gen_corpus(corpus_script, site, n, "hugo")
    port = free_port()
    progress("hugo server on %d notices" % n)
    proc = subprocess.Popen([hugo, "server", "--source", site, "--bind", "127.0.0.1", "--port", str(port),
                             "--cacheDir", os.path.join(work, "hugo-cache")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = queue.Queue()
    threading.Thread(target=lines_of, args=(proc.stdout, out), daemon=True).start()

    def total_line(timeout):
        deadline = time.perf_counter() + timeout
        while True:
            at, line = out.get(timeout=max(0.1, deadline - time.perf_counter()))
            m = re.search(r"Total in (\d+) ms", line)
            if m:
                return at, int(m.group(1))

    try:
        while True:  # the banner after the first build
            _, line = out.get(timeout=START_TIMEOUT)
            if "Press Ctrl+C to stop" in line:
                break
        times, own = [], []
        for i in range(edits):
            time.sleep(0.5)
            start = time.perf_counter()
            args = ["edit", site, "--layout", "hugo"] + ([] if page is None else ["--page", str(page)])
            corpus.main(args)
            at, reported = total_line(EDIT_TIMEOUT)
            times.append((at - start) * 1000)
            own.append(reported)
            progress("hugo edit %d: %.1f ms (Hugo says %d ms)" % (i + 1, times[-1], reported))
        memory = memory_mb(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return times, own, memory


def main(argv=None):
    ap = argparse.ArgumentParser(description="Times generator serve (and hugo server) from a notice edited to the reload.")
    ap.add_argument("-n", type=int, default=10000, help="notices (default 10000)")
    ap.add_argument("--edits", type=int, default=20, help="edits to time (default 20)")
    ap.add_argument("--page", type=int, default=None, help="the notice edited (default N // 2)")
    ap.add_argument("--generator", default=DEFAULT_GENERATOR)
    ap.add_argument("--corpus-script", default=DEFAULT_CORPUS_SCRIPT)
    ap.add_argument("--no-hugo", action="store_true", help="do not run hugo server")
    ap.add_argument("--work", help="make the corpora here and keep them (default: a temporary directory, removed)")
    a = ap.parse_args(argv)
    if a.n < 2 or a.edits < 1:
        ap.error("-n must be at least 2 and --edits at least 1")
    corpus = load_corpus_module(os.path.abspath(a.corpus_script))
    work = os.path.abspath(a.work) if a.work else tempfile.mkdtemp(prefix="bench-preview-")
    os.makedirs(work, exist_ok=True)
    hugo = None if a.no_hugo else shutil.which("hugo")
    try:
        times, indexed, memory, built = bench_ours(os.path.abspath(a.generator), corpus, work, a.n, a.edits, a.page)
        shutil.rmtree(os.path.join(work, "site-ours"), ignore_errors=True)
        hugo_figures = bench_hugo(hugo, os.path.abspath(a.corpus_script), corpus, work, a.n, a.edits, a.page) if hugo else None
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)

    load = os.getloadavg()
    print("notices: %d; cores: %d; load average at end %.2f %.2f %.2f" % (a.n, os.cpu_count(), *load))
    print("generator serve, edit to reload event: " + summary(times))
    print("generator serve, edit to search index in place: " + summary(indexed))
    print("generator serve, memory after the edits: VmRSS %.0f MB, peak VmHWM %.0f MB" % (memory["VmRSS"], memory["VmHWM"]))
    print("generator serve, from SIGTERM to its exit: %.1f s" % memory["stop_s"])
    if built:
        print("generator serve, its first build: " + built[0])
    if hugo_figures:
        h_times, h_own, h_memory = hugo_figures
        print("hugo server, edit to its rebuild line: " + summary(h_times))
        print("hugo server, its own figure (Total in): median %.0f ms" % statistics.median(h_own))
        print("hugo server, memory after the edits: VmRSS %.0f MB, peak VmHWM %.0f MB" % (h_memory["VmRSS"], h_memory["VmHWM"]))
        print("generator serve / hugo server, median: %.2f" % (statistics.median(times) / statistics.median(h_times)))
    elif not a.no_hugo:
        print("hugo server: hugo not found on PATH (Debian package 'hugo')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
