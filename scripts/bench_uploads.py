#!/usr/bin/env python3
"""Times a file sent to the real collector on loopback: as one plain
multipart submission, and as a resumable upload (tus) in chunks of each
size with and without a SHA-1 per chunk, then a submission naming it.
Median of --runs runs; figures to stdout.

  python3 scripts/bench_uploads.py --collector build/collector/collector [--mib 50] [--runs 3]

Standard library only; installs nothing.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

from collector_kit import (application_fields, call, issue_codes, make_site, multipart_head_tail, pdf_bytes, sha1_checksum, start,
                           tus_create, tus_patch)

FORM = "application-2019"


def multipart_submission(port, code, content):
    boundary, head, tail = multipart_head_tail(application_fields(code), "work_plan", "方案.pdf")
    r = call(port, "POST", "/api/submissions/" + FORM,
             {"Content-Type": "multipart/form-data; boundary=" + boundary, "Accept": "application/json"}, head + content + tail)
    if r.status != 201:
        raise SystemExit("plain submission refused: %d %r" % (r.status, r.body[:200]))


def resumable_upload(port, code, content, chunk, with_checksum):
    r = tus_create(port, code, len(content))
    if r.status != 201:
        raise SystemExit("creation refused: %d %r" % (r.status, r.body[:200]))
    location, offset = r.headers["location"], 0
    while offset < len(content):
        piece = content[offset:offset + chunk]
        r = tus_patch(port, location, offset, piece, sha1_checksum(piece) if with_checksum else None)
        if r.status != 204:
            raise SystemExit("PATCH refused: %d %r" % (r.status, r.body[:200]))
        offset = int(r.headers["upload-offset"])
    return location.rsplit("/", 1)[1]


def naming_submission(port, code, upload):
    boundary = "----bench"
    body = b"".join(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode()
                    for k, v in list(application_fields(code).items()) + [("upload:work_plan", upload)])
    body += ("--%s--\r\n" % boundary).encode()
    r = call(port, "POST", "/api/submissions/" + FORM, {"Content-Type": "multipart/form-data; boundary=" + boundary, "Accept": "application/json"}, body)
    if r.status != 201:
        raise SystemExit("submission naming an upload refused: %d %r" % (r.status, r.body[:200]))


def timed(act):
    started = time.perf_counter()
    act()
    return time.perf_counter() - started


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--collector", required=True)
    ap.add_argument("--mib", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="bench-uploads-")
    proc = None
    try:
        units = ["bench-%d" % i for i in range(args.runs * 8)]
        site, data = os.path.join(work, "site"), os.path.join(work, "data")
        make_site(site, units)
        codes = [c for _, c in sorted(issue_codes(args.collector, data, units).items())]
        proc, port = start(args.collector, site, data)
        content = pdf_bytes(os.urandom(args.mib * 1024 * 1024))
        mib = len(content) / (1024 * 1024)
        rows = []
        plain = [timed(lambda: multipart_submission(port, codes.pop(), content)) for _ in range(args.runs)]
        rows.append(("plain multipart submission", statistics.median(plain)))
        for chunk_mib in (1, 4, 16):
            for with_checksum in (False, True):
                times, names = [], []
                for _ in range(args.runs):
                    code = codes.pop()
                    times.append(timed(lambda: names.append((code, resumable_upload(port, code, content, chunk_mib * 1024 * 1024, with_checksum)))))
                rows.append(("tus, %2d MiB chunks%s" % (chunk_mib, ", SHA-1 each" if with_checksum else ""), statistics.median(times)))
                if chunk_mib == 4 and with_checksum:
                    naming = [timed(lambda: naming_submission(port, *name)) for name in names]
        rows.append(("then a submission naming the upload", statistics.median(naming)))
        print("%.1f MiB PDF on loopback, median of %d runs" % (mib, args.runs))
        for what, seconds in rows:
            print("  %-40s %6.2f s  %6.0f MiB/s" % (what, seconds, mib / seconds))
        return 0
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
