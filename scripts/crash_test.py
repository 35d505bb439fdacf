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

from collector_kit import DEFAULT_COLLECTOR, application_fields, issue_codes, make_site, multipart_head_tail, pdf_bytes, start

UNITS = ["crash-a", "crash-b", "crash-c"]


def client(port, code, receipts, lock, stop):
    rnd = random.Random()
    while not stop.is_set():
        pdf = pdf_bytes(os.urandom(rnd.randint(500_000, 3_000_000)))
        boundary, head, tail = multipart_head_tail(application_fields(code), "work_plan", "方案.pdf")
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


def stored_records(collector, data):
    """Every version as the collector reads it back, its uploads rehashed;
    the problems it finds (a partial version, a file that differs)."""
    r = subprocess.run([collector, "records", "--data", data, "--verify"], capture_output=True, text=True)
    records = [json.loads(line) for line in r.stdout.splitlines()]
    return records, [line for line in r.stderr.splitlines() if line]


def verify(collector, data, receipts):
    records, problems = stored_records(collector, data)
    by_receipt = {rec["receipt"]: rec for rec in records}
    for reply, sha, size in receipts:
        rec = by_receipt.get(reply["receipt"])
        if rec is None:
            problems.append("receipt %s: no stored version holds it" % reply["receipt"])
            continue
        if (rec["unit"], rec["version"]) != (reply["unit"], reply["version"]):
            problems.append("receipt %s: stored as %s v%d" % (reply["receipt"], rec["unit"], rec["version"]))
        sent = rec["files"][0]
        if sent["sha256"] != sha or sent["bytes"] != size or reply["files"][0]["sha256"] != sha:
            problems.append("receipt %s: file differs from what was sent" % reply["receipt"])
    return problems, len(records)


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
            threads = [threading.Thread(target=client, args=(port, codes[UNITS[i % len(UNITS)]],
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
        problems, versions = verify(args.collector, data, receipts)
        # uploads/ holds resumable uploads, kept across restarts; none were made here.
        incoming = os.path.join(data, ".incoming")
        leftovers = [n for n in os.listdir(incoming) if n != "uploads"] + os.listdir(os.path.join(incoming, "uploads"))
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
