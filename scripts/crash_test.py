#!/usr/bin/env python3
"""Kills the collector with SIGKILL during uploads, many times, then checks
that every receipt a client got back matches complete files on disk and that
nothing partial is visible.

  python3 scripts/crash_test.py --collector build/collector/collector [--rounds 12]

Each round starts the collector on a fresh port over the same data
directory, lets several clients upload applications with 0.5-3 MB PDFs,
and kills the server at a random moment. A final clean start must sweep
the debris and commit everything to git. Exit status 1 on any mismatch.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from collector_kit import DEFAULT_COLLECTOR, application_fields, issue_codes, make_site, multipart_head_tail, start

UNITS = ["crash-a", "crash-b", "crash-c"]


def client(port, unit, code, receipts, lock, stop):
    rnd = random.Random()
    while not stop.is_set():
        pdf = b"%PDF-1.4\n" + os.urandom(rnd.randint(500_000, 3_000_000))
        boundary, head, tail = multipart_head_tail(application_fields(unit, code), "work_plan", "方案.pdf")
        body = head + pdf + tail
        req = urllib.request.Request("http://127.0.0.1:%d/api/submissions/application-2019" % port, data=body, method="POST",
                                     headers={"Content-Type": "multipart/form-data; boundary=" + boundary,
                                              "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                reply = json.load(resp)
        except Exception:
            return  # the server died under us: this upload has no receipt
        with lock:
            receipts.append((reply, hashlib.sha256(pdf).hexdigest(), len(pdf)))


def verify(data, receipts):
    problems = []
    for reply, sha, size in receipts:
        d = os.path.join(data, "submissions", "application-2019", reply["unit"], "v%04d" % reply["version"])
        try:
            with open(os.path.join(d, "submission.json"), encoding="utf-8") as f:
                meta = json.load(f)
            with open(os.path.join(d, "work_plan.pdf"), "rb") as f:
                stored = f.read()
        except OSError as e:
            problems.append("receipt %s: %s" % (reply["receipt"], e))
            continue
        if meta["receipt"] != reply["receipt"]:
            problems.append("receipt %s: version holds %s" % (reply["receipt"], meta["receipt"]))
        if hashlib.sha256(stored).hexdigest() != sha or len(stored) != size or reply["files"][0]["sha256"] != sha:
            problems.append("receipt %s: file differs from what was sent" % reply["receipt"])
    # Nothing partial visible: every version directory is complete.
    root = os.path.join(data, "submissions", "application-2019")
    versions = 0
    for unit in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        for v in sorted(os.listdir(os.path.join(root, unit))):
            versions += 1
            d = os.path.join(root, unit, v)
            try:
                with open(os.path.join(d, "submission.json"), encoding="utf-8") as f:
                    meta = json.load(f)
                with open(os.path.join(d, "work_plan.pdf"), "rb") as f:
                    if hashlib.sha256(f.read()).hexdigest() != meta["files"][0]["sha256"]:
                        problems.append("%s: file does not match its metadata" % d)
            except (OSError, ValueError, KeyError, IndexError) as e:
                problems.append("%s: incomplete version (%s)" % (d, e))
    return problems, versions


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--collector", default=DEFAULT_COLLECTOR)
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="collector-crash-")
    try:
        site, data = os.path.join(work, "site"), os.path.join(work, "data")
        make_site(site, UNITS)
        codes = issue_codes(args.collector, data, UNITS)
        receipts, lock = [], threading.Lock()
        kills = 0
        for _ in range(args.rounds):
            proc, port = start(args.collector, site, data)
            stop = threading.Event()
            threads = [threading.Thread(target=client, args=(port, UNITS[i % len(UNITS)], codes[UNITS[i % len(UNITS)]],
                                                             receipts, lock, stop)) for i in range(args.clients)]
            for t in threads:
                t.start()
            time.sleep(random.uniform(0.3, 1.5))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            stop.set()
            for t in threads:
                t.join()
        # A clean start sweeps debris and commits what the killed runs left.
        proc, _ = start(args.collector, site, data)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        problems, versions = verify(data, receipts)
        leftovers = os.listdir(os.path.join(data, ".incoming"))
        if leftovers:
            problems.append(".incoming not swept: %s" % leftovers)
        status = subprocess.run(["git", "-C", data, "status", "--porcelain"], capture_output=True, text=True)
        if status.stdout.strip() or status.returncode != 0:
            problems.append("uncommitted after restart: %r %r" % (status.stdout[:2000], status.stderr[:2000]))
        print("kills: %d, receipts: %d, versions on disk: %d, problems: %d" % (kills, len(receipts), versions, len(problems)))
        for p in problems[:20]:
            print("  " + p)
        if not receipts:
            problems.append("no upload completed: the test proved nothing")
            print("  no upload completed")
        print("%d passed, %d failed" % (1 if not problems else 0, 1 if problems else 0))
        return 1 if problems else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
