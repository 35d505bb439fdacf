#!/usr/bin/env python3
"""Load figures for the collector, measured on this machine:

1. the disk's own rate of single durable file commits (write, fsync,
   rename, fsync of the directory), one after another;
2. accepted small submissions per second, with p50/p99 latency, from
   concurrent clients (wrk when installed, else Python threads), with the
   503 busy answers and the reset connections counted apart;
3. the server's peak RSS while 20 clients upload 50 MB each at once.

  python3 scripts/collector_load.py [--collector PATH] [--seconds 5] [--clients 128]
      [--uploaders 20] [--upload-mb 50] [--workers N] [--queue N]

--workers and --queue are passed to `collector serve` (collector/admission.hpp),
to see it overloaded with fewer clients.

Figures go to stdout. Targets: (2) at least (1), no reset, every answer 201
or 503 busy; (3) under 64 MB. Exit status 1 when an answer is anything else.
"""

import argparse
import collections
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from collector_kit import DEFAULT_COLLECTOR, application_fields, issue_codes, make_site, multipart_head_tail, pdf_around, pdf_bytes, start
from load_clients import RESET, hammer, request, tally

# What the small submissions came to, whichever client sent them.
Small = collections.namedtuple("Small", "client accepted busy resets failures total elapsed p50 p99")


def durable_commit_rate(directory, seconds):
    n = 0
    end = time.perf_counter() + seconds
    dfd = os.open(directory, os.O_RDONLY)
    while time.perf_counter() < end:
        tmp, final = os.path.join(directory, ".tmp"), os.path.join(directory, "f%d" % (n % 100))
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, b'{"receipt": "x"}\n')
        os.fsync(fd)
        os.close(fd)
        os.rename(tmp, final)
        os.fsync(dfd)
        n += 1
    os.close(dfd)
    return n / seconds


def post(port, boundary, pieces):
    """One multipart submission asking for JSON, its body streamed from `pieces`."""
    headers = [("Content-Type", "multipart/form-data; boundary=" + boundary), ("Accept", "application/json")]
    return request(port, "POST", "/api/submissions/application-2019", headers, pieces)


# Each wrk thread counts its 503s; done() adds them up for the summary.
WRK_COUNTS = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) busy = 0 end
function response(status, headers, body) if status == 503 then busy = busy + 1 end end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("busy") end
  io.write(string.format("busy: %d\\n", n))
end
"""


def wrk_small(port, bodies, seconds, clients, work):
    """Small submissions with wrk (less client CPU than Python threads).
    Returns a Small, or None without wrk."""
    if not shutil.which("wrk"):
        return None
    script = os.path.join(work, "small.lua")
    with open(script, "w", encoding="utf-8") as f:
        f.write("local bodies = {\n")
        for boundary, body in bodies:
            f.write("  {%s, %s},\n" % (lua_string(boundary), lua_string(body)))
        f.write("}\nlocal i = 0\n"
                "request = function()\n"
                "  i = i % #bodies + 1\n"
                "  return wrk.format('POST', '/api/submissions/application-2019', "
                "{['Content-Type'] = 'multipart/form-data; boundary=' .. bodies[i][1], ['Accept'] = 'application/json'}, bodies[i][2])\n"
                "end\n" + WRK_COUNTS)
    # The Python clients' timeout: wrk's own 2 s would give up on a slow disk's queue.
    out = subprocess.run(["wrk", "-t2", "-c%d" % clients, "-d%ds" % max(1, int(seconds)), "--timeout", "120s", "--latency", "-s", script,
                          "http://127.0.0.1:%d" % port], capture_output=True, text=True).stdout

    def ms(label):
        m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s)\s*$" % label, out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    took = re.search(r"(\d+) requests in ([\d.]+)(ms|s)", out)
    total = int(took.group(1))
    elapsed = float(took.group(2)) / (1000 if took.group(3) == "ms" else 1)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    busy = int(re.search(r"^busy: (\d+)", out, re.M).group(1))
    # wrk names no resets: a reset connection is a read or a write error.
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    connect, read, write, timeout = (int(g) for g in errors.groups()) if errors else (0, 0, 0, 0)
    non_2xx = int(bad.group(1)) if bad else 0
    failures = {"wrk connect errors": connect, "wrk timeouts": timeout, "other statuses": non_2xx - busy}
    return Small("wrk", total - non_2xx, busy, read + write, failures, total, elapsed, ms("50"), ms("99"))


def python_small(port, bodies, seconds, clients):
    """Small submissions from Python threads, a new connection each, as nginx sends them."""
    def work(client):
        boundary, body = bodies[client % len(bodies)]
        return post(port, boundary.decode(), [body])

    outcomes, elapsed = hammer(clients, seconds, work)
    counts = tally(outcomes)
    failures = {("status %s" % k if isinstance(k, int) else k): n for k, n in counts.items() if k not in (201, 503, RESET)}
    latencies = sorted(o.seconds for _, o in outcomes if o.status is not None) or [float("nan")]
    return Small("Python threads", counts[201], counts[503], counts[RESET], failures, len(outcomes), elapsed,
                 1000 * statistics.median(latencies), 1000 * latencies[int(0.99 * (len(latencies) - 1))])


def lua_string(data):
    return '"' + "".join("\\%03d" % b if b < 32 or b > 126 or b in (34, 92) else chr(b) for b in data) + '"'


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--collector", default=DEFAULT_COLLECTOR)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--clients", type=int, default=128)
    ap.add_argument("--uploaders", type=int, default=20)
    ap.add_argument("--upload-mb", type=int, default=50)
    ap.add_argument("--workers")
    ap.add_argument("--queue")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="collector-load-")
    try:
        probe = os.path.join(work, "probe")
        os.makedirs(probe)
        single = durable_commit_rate(probe, args.seconds)

        units = ["load-%02d" % i for i in range(max(args.clients, args.uploaders))]
        site, data = os.path.join(work, "site"), os.path.join(work, "data")
        make_site(site, units)
        codes = issue_codes(args.collector, data, units)
        serve = [x for name in ("workers", "queue") if getattr(args, name) for x in ("--" + name, getattr(args, name))]
        proc, port = start(args.collector, site, data, options=serve)

        # Small submissions: each client posts again and again for --seconds.
        pdf = [pdf_bytes(b"x" * 2000)]
        lock = threading.Lock()
        # One warm-up request per unit: the first check of an access code runs Argon2.
        for u in units[:args.clients]:
            b, h, t = multipart_head_tail(application_fields(codes[u]), "work_plan", "方案.pdf")
            post(port, b, [h] + pdf + [t])

        server_cpu = cpu_seconds(proc.pid)
        bodies = []
        for u in units[:args.clients]:
            b, h, t = multipart_head_tail(application_fields(codes[u]), "work_plan", "方案.pdf")
            bodies.append((b.encode(), h + pdf[0] + t))
        small = wrk_small(port, bodies, args.seconds, args.clients, work) or python_small(port, bodies, args.seconds, args.clients)
        server_cpu = cpu_seconds(proc.pid) - server_cpu

        # Large uploads, all at once.
        chunk = bytes(range(256)) * 4096
        count = args.upload_mb * 1024 * 1024 // len(chunk)
        pdf_head, pdf_tail = pdf_around(count * len(chunk))
        chunks = [pdf_head] + [chunk] * count + [pdf_tail]
        big_status = []

        def big(unit):
            b, h, t = multipart_head_tail(application_fields(codes[unit]), "work_plan", "方案.pdf")
            outcome = post(port, b, [h] + chunks + [t])
            with lock:
                big_status.append((outcome.status, outcome.seconds))

        big_started = time.perf_counter()
        threads = [threading.Thread(target=big, args=(u,)) for u in units[:args.uploaders]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        big_elapsed = time.perf_counter() - big_started
        rss = peak_rss_mb(proc.pid)
        proc.terminate()
        proc.wait(timeout=60)

        mb = sum(len(c) for c in chunks) / (1024 * 1024)
        print("machine cores: %d" % os.cpu_count())
        print("single durable commits (write+fsync+rename+fsync dir): %.0f /s" % single)
        print("small submissions (%s, %d connections): %d accepted of %d in %.1f s: %.0f /s (%.2fx the single-commit rate)"
              % (small.client, args.clients, small.accepted, small.total, small.elapsed, small.accepted / small.elapsed,
                 small.accepted / small.elapsed / single))
        print("small submissions refused: resets %d, 503 busy %d%s" % (small.resets, small.busy, "".join(
            ", %s %d" % (what, n) for what, n in sorted(small.failures.items()) if n)))
        print("collector CPU during small submissions: %.1f s of %.1f s wall (%.2f cores; the clients use the rest)"
              % (server_cpu, small.elapsed, server_cpu / small.elapsed))
        print("small submission latency: p50 %.1f ms, p99 %.1f ms" % (small.p50, small.p99))
        print("large uploads: %d of %d accepted, %.0f MB each, %.1f s for all (%.0f MB/s)"
              % (sum(1 for s, _ in big_status if s == 201), args.uploaders, mb, big_elapsed, args.uploaders * mb / big_elapsed))
        print("collector peak RSS (VmHWM, whole run): %.1f MB" % rss)
        answered = small.resets == 0 and not any(small.failures.values())
        return 0 if answered and all(s == 201 for s, _ in big_status) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
