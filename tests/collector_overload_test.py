#!/usr/bin/env python3
"""128 clients at once against the real collector on loopback, first as
deployed, then with far fewer workers than clients so that most of them
meet the overload: no connection may be reset, every answer is a success or 503 busy with
Retry-After (JSON for the API, a page for a browser), and every submission
acknowledged is stored whole and committed to git.

  python3 tests/collector_overload_test.py --collector build/collector/collector
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
from collector_kit import application_fields, issue_codes, make_site, multipart_head_tail, pdf_bytes, start  # noqa: E402
from load_clients import RESET, hammer, request, tally  # noqa: E402

CLIENTS = 128
SECONDS = 3
# 8 workers and 8 waiting: 112 of the 128 clients find no room.
FEW_WORKERS = ["--workers", "8", "--queue", "8"]
FORM = "application-2019"
# Larger than httplib's 4 KiB read buffer, so that a busy answer given
# without reading the body would close a socket on unread data (a reset).
UPLOAD = pdf_bytes(os.urandom(64 * 1024))


def submission(code, accept_json):
    boundary, head, tail = multipart_head_tail(application_fields(code), "work_plan", "方案.pdf")
    headers = [("Content-Type", "multipart/form-data; boundary=" + boundary)]
    if accept_json:
        headers.append(("Accept", "application/json"))
    return headers, [head, UPLOAD, tail]


def kind_of(client):
    """A script posting for JSON, a browser posting the online form, or a browser opening the sign-in page."""
    return ("api", "api", "browser", "page")[client % 4]


def acknowledged(kind, outcome):
    """(unit, version number, receipt) of a submission the client was told is stored."""
    if kind == "api" and outcome.status == 201:
        reply = json.loads(outcome.body)
        return reply["unit"], reply["version"], reply["receipt"]
    if kind == "browser" and outcome.status == 303:
        # /api/submissions/FORM/UNIT/vNNNN/receipt?id=RECEIPT
        path, receipt = outcome.headers["location"].split("?id=")
        parts = path.strip("/").split("/")
        return parts[3], int(parts[4].lstrip("v")), receipt
    return None


def answer_problem(kind, outcome):
    """What is wrong with an answer, or None."""
    if outcome.status is None:
        return outcome.failure
    served = {"api": 201, "browser": 303, "page": 200}[kind]
    if outcome.status == served:
        return None
    if outcome.status != 503:
        return "status %d" % outcome.status
    if not outcome.headers.get("retry-after", "").isdigit():
        return "503 without Retry-After"
    content_type = outcome.headers.get("content-type", "")
    if kind == "api":
        error = json.loads(outcome.body).get("error", {}) if content_type.startswith("application/json") else {}
        if error.get("code") != "busy" or not error.get("message"):
            return "503 not in the API's JSON: %r" % outcome.body[:200]
    elif not content_type.startswith("text/html") or "系统繁忙" not in outcome.body.decode():
        return "503 for a browser not a page: %s" % content_type
    return None


def stored(collector, data):
    """{(unit, version): receipt} of every version read back whole, and the problems found."""
    r = subprocess.run([collector, "records", "--data", data, "--verify"], capture_output=True, text=True)
    found = {}
    for line in r.stdout.splitlines():
        rec = json.loads(line)
        found[(rec["unit"], rec["version"])] = rec["receipt"]
    return found, [line for line in r.stderr.splitlines() if line]


def committed(data):
    """FORM/UNIT/vNNNN of every version in a commit."""
    log = subprocess.run(["git", "-C", data, "log", "--format=%(trailers:key=Version,valueonly)"], capture_output=True, text=True, check=True)
    return {line.strip() for line in log.stdout.splitlines() if line.strip()}


def run(collector, site, data, codes, units, options):
    """One round of CLIENTS clients for SECONDS against `collector serve`
    with `options`; returns the problems of the answers and the submissions acknowledged."""
    proc, port = start(collector, site, data, options=options)

    def work_of(client):
        kind = kind_of(client)
        if kind == "page":
            return request(port, "GET", "/account/sign-in/")
        headers, body = submission(codes[units[client]], kind == "api")
        return request(port, "POST", "/api/submissions/" + FORM, headers, body)

    outcomes, elapsed = hammer(CLIENTS, SECONDS, work_of)
    proc.send_signal(signal.SIGTERM)  # the collector commits what it holds before it ends
    proc.wait(timeout=60)
    counts = tally(outcomes)
    acks = [a for a in (acknowledged(kind_of(c), o) for c, o in outcomes) if a]
    print("%s: %d clients, %.1f s, %d answers: resets %d, 503 busy %d, acknowledged submissions %d (%s)"
          % (" ".join(options) or "defaults", CLIENTS, elapsed, len(outcomes), counts[RESET], counts[503], len(acks),
             ", ".join("%s: %d" % (k, v) for k, v in sorted(counts.items(), key=str))))
    problems = []
    for client, outcome in outcomes:
        problem = answer_problem(kind_of(client), outcome)
        if problem:
            problems.append("client %d (%s): %s" % (client, kind_of(client), problem))
    return problems, acks, counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--collector", required=True)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="collector-overload-")
    try:
        units = ["busy-%03d" % i for i in range(CLIENTS)]
        site, data = os.path.join(work, "site"), os.path.join(work, "data")
        make_site(site, units)
        codes = issue_codes(args.collector, data, [units[c] for c in range(CLIENTS) if kind_of(c) != "page"])

        # As deployed, then with the workers a small machine might be given.
        problems, acks, _ = run(args.collector, site, data, codes, units, [])
        more, more_acks, counts = run(args.collector, site, data, codes, units, FEW_WORKERS)
        problems += more
        acks += more_acks
        if counts[503] == 0:
            problems.append("no request met the overload with %s: the test proves nothing" % " ".join(FEW_WORKERS))
        if not more_acks:
            problems.append("no submission was accepted with %s" % " ".join(FEW_WORKERS))

        versions, unreadable = stored(args.collector, data)
        problems += unreadable
        in_git = committed(data)
        missing = [a for a in acks if versions.get(a[:2]) != a[2] or "%s/%s/v%04d" % (FORM, a[0], a[1]) not in in_git]
        problems += ["acknowledged %s v%04d (receipt %s) is not stored whole and committed" % a for a in missing]
        print("acknowledged submissions stored and committed: %d of %d" % (len(acks) - len(missing), len(acks)))
        for p in problems[:20]:
            print("FAIL: " + p)
        if len(problems) > 20:
            print("FAIL: and %d more" % (len(problems) - 20))
        return 1 if problems else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
