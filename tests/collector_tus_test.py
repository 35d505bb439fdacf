#!/usr/bin/env python3
"""Resumable uploads (tus 1.0) against the real collector on loopback.

  python3 tests/collector_tus_test.py --collector build/collector/collector

Every refusal of the protocol; then 100 uploads whose connection is cut
at a random offset in the middle of a PATCH, each resumed from the offset
HEAD reports (half of them with a SHA-1 checksum per chunk, whose cut chunk
is dropped whole), each ending with its exact bytes; submissions that name
uploads instead of carrying files; an upload resumed after a restart; and
the sweep of the uploads left behind, with the collector's clock moved past
their expiry.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))

from collector_kit import (BEFORE_2019_DEADLINE, TUS, application_fields, call, issue_codes, make_site, pdf_bytes, sha1_checksum,  # noqa: E402
                           start, tus_create, tus_patch, upload_metadata)

FORM = "application-2019"
UNITS = ["tus-%d" % i for i in range(10)]
OTHER = "tus-other"
UPLOADS_PER_UNIT = 10
LATER = "2019-09-02T10:00:00+08:00"      # past the 24 hours an upload lives
MUCH_LATER = "2019-09-04T10:00:00+08:00"
SOON = "2019-09-01T10:00:00+08:00"
KEPT = []  # per cut without a checksum: whether the bytes before the cut were kept

def head(port, location):
    return call(port, "HEAD", location, TUS)


def offset_when_free(port, location, seconds=20):
    """HEAD until no other request holds the upload (423): its offset."""
    deadline = time.monotonic() + seconds
    while True:
        r = head(port, location)
        if r.status != 423 or time.monotonic() > deadline:
            return r
        time.sleep(0.05)


def wait_until_held(port, location, seconds=20):
    """HEAD until another request holds the upload (423): that request is being read."""
    deadline = time.monotonic() + seconds
    while head(port, location).status != 423:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def cut_patch(port, location, offset, data, sent, checksum=None):
    """A PATCH of `data` at `offset` whose connection is reset after `sent` bytes of the body."""
    lines = ["PATCH %s HTTP/1.1" % location, "Host: 127.0.0.1", "Tus-Resumable: 1.0.0", "Upload-Offset: %d" % offset,
             "Content-Type: application/offset+octet-stream", "Content-Length: %d" % len(data)]
    if checksum:
        lines.append("Upload-Checksum: " + checksum)
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + data[:sent])
    # Cut only once the collector is reading it: a request still queued
    # would otherwise be read after the resumption began, and refused 409.
    wait_until_held(port, location)
    # SO_LINGER 0: a reset, as a dropped mobile connection looks to a server.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    s.close()


class Checks:
    def __init__(self):
        self.failed = []

    def __call__(self, ok, what):
        if not ok:
            self.failed.append(what)
            print("  FAIL: " + what)
        return ok


def check_refusals(c, port, codes, uploads_dir):
    code = codes[OTHER]
    r = call(port, "OPTIONS", "/api/uploads")
    c(r.status == 204 and r.headers.get("tus-version") == "1.0.0", "OPTIONS: %d %r" % (r.status, r.headers))
    c(set(r.headers.get("tus-extension", "").split(",")) >= {"creation", "expiration", "checksum", "termination"}, "OPTIONS: extensions %r" % r.headers)
    c("sha1" in r.headers.get("tus-checksum-algorithm", "").split(","), "OPTIONS: checksum algorithms %r" % r.headers)
    c(r.headers.get("tus-max-size") == str(60 * 1024 * 1024), "OPTIONS: Tus-Max-Size %r" % r.headers.get("tus-max-size"))

    r = call(port, "POST", "/api/uploads", {"Upload-Length": "10", "Upload-Metadata": upload_metadata(form=FORM, field="work_plan", filename="a.pdf", access_code=code)})
    c(r.status == 412 and r.headers.get("tus-version") == "1.0.0" and r.headers.get("tus-resumable") == "1.0.0",
      "creation without Tus-Resumable: %d %r" % (r.status, r.headers))
    r = tus_create(port, code, 10, headers={"Tus-Resumable": "0.2.2"})
    c(r.status == 412 and r.code() == "unsupported_version", "creation with tus 0.2.2: %d %r" % (r.status, r.body))

    r = tus_create(port, "", 10, source="127.0.0.2")
    c(r.status in (401, 403) and r.code() is not None and r.headers.get("tus-resumable") == "1.0.0", "creation without an access code: %d %r" % (r.status, r.body))
    r = tus_create(port, "AAAA-BBBB-CCCC-DDDD", 10, source="127.0.0.2")
    c(r.status in (401, 403) and r.code() is not None, "creation with a wrong access code: %d %r" % (r.status, r.body))
    r = tus_create(port, code, 60 * 1024 * 1024 + 1)
    c(r.status == 413 and r.code() == "file_too_large", "creation over the form's file limit: %d %r" % (r.status, r.body))
    r = tus_create(port, code, 10, form="no-such-form")
    c(r.status == 404 and r.code() == "unknown_form", "creation for an unknown form: %d %r" % (r.status, r.body))
    r = tus_create(port, code, 10, field="project_name")
    c(r.status == 422 and r.code() == "unknown_field", "creation for a field that takes no file: %d %r" % (r.status, r.body))
    r = call(port, "POST", "/api/uploads", dict(TUS, **{"Upload-Metadata": upload_metadata(form=FORM, field="work_plan", filename="a.pdf", access_code=code)}))
    c(r.status == 400 and r.code() == "length_required", "creation without Upload-Length: %d %r" % (r.status, r.body))
    r = tus_create(port, code, 10, headers={"Upload-Metadata": "form !!!"})
    c(r.status == 400 and r.code() == "bad_metadata", "creation with bad metadata: %d %r" % (r.status, r.body))

    r = tus_create(port, code, 100)
    c(r.status == 201 and r.headers.get("location", "").startswith("/api/uploads/") and "upload-expires" in r.headers,
      "creation: %d %r" % (r.status, r.headers))
    loc = r.headers["location"]
    data = os.urandom(100)
    r = head(port, loc)
    c(r.status == 200 and r.headers.get("upload-offset") == "0" and r.headers.get("upload-length") == "100", "HEAD of a new upload: %d %r" % (r.status, r.headers))
    c(r.headers.get("cache-control") == "no-store", "HEAD: Cache-Control %r" % r.headers.get("cache-control"))
    r = call(port, "HEAD", loc, {"Tus-Resumable": "0.2.2"})
    c(r.status == 412, "HEAD with tus 0.2.2: %d" % r.status)
    r = tus_patch(port, loc, 0, data[:10], content_type="application/octet-stream")
    c(r.status == 415 and r.code() == "bad_content_type", "PATCH with another Content-Type: %d %r" % (r.status, r.body))
    r = tus_patch(port, loc, 5, data[:10])
    c(r.status == 409 and r.code() == "wrong_offset" and r.headers.get("upload-offset") == "0", "PATCH at a wrong offset: %d %r" % (r.status, r.headers))
    r = tus_patch(port, loc, 0, data[:10], headers={"Upload-Offset": ""})
    c(r.status == 400 and r.code() == "offset_required", "PATCH without Upload-Offset: %d %r" % (r.status, r.body))
    r = tus_patch(port, loc, 0, data[:10], checksum=sha1_checksum(data[1:11]))
    c(r.status == 460 and r.code() == "checksum_mismatch" and r.headers.get("upload-offset") == "0", "PATCH with a wrong checksum: %d %r" % (r.status, r.headers))
    r = tus_patch(port, loc, 0, data[:10], checksum="md4 " + base64.b64encode(b"x" * 16).decode())
    c(r.status == 400 and r.code() == "bad_checksum", "PATCH with an unsupported checksum: %d %r" % (r.status, r.body))
    r = tus_patch(port, loc, 0, data[:10], checksum=sha1_checksum(data[:10]))
    c(r.status == 204 and r.headers.get("upload-offset") == "10" and r.headers.get("tus-resumable") == "1.0.0", "PATCH with a checksum: %d %r" % (r.status, r.headers))
    r = tus_patch(port, loc, 10, data[10:] + b"x")
    c(r.status == 413 and r.code() == "beyond_length" and head(port, loc).headers.get("upload-offset") == "10",
      "PATCH beyond Upload-Length: %d %r" % (r.status, r.body))
    r = tus_patch(port, loc, 10, data[10:], headers={"Tus-Resumable": "2.0.0"})
    c(r.status == 412, "PATCH with another version: %d" % r.status)

    # One lock per upload: a PATCH still sending holds it.
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("PATCH %s HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 10\r\n"
               "Content-Type: application/offset+octet-stream\r\nContent-Length: 90\r\n\r\n" % loc).encode() + data[10:20])
    c(wait_until_held(port, loc), "HEAD during another PATCH: never 423")
    r1, r2 = head(port, loc), tus_patch(port, loc, 10, data[10:])
    c(r1.status == 423 and r1.headers.get("retry-after") == "1", "HEAD during another PATCH: %d %r" % (r1.status, r1.headers))
    c(r2.status == 423 and r2.code() == "upload_busy", "PATCH during another PATCH: %d %r" % (r2.status, r2.body))
    s.sendall(data[20:])
    reply = s.recv(4096)
    s.close()
    c(reply.startswith(b"HTTP/1.1 204"), "the PATCH that held the lock: %r" % reply[:100])
    r = head(port, loc)
    c(r.headers.get("upload-offset") == "100", "after the PATCH that held the lock: %r" % r.headers)

    r = head(port, "/api/uploads/" + "0" * 32)
    c(r.status == 404, "HEAD of an unknown upload: %d" % r.status)
    r = tus_patch(port, "/api/uploads/" + "0" * 32, 0, b"x")
    c(r.status == 404 and r.code() == "no_such_upload", "PATCH of an unknown upload: %d %r" % (r.status, r.body))
    r = call(port, "POST", "/api/uploads", dict(TUS, **{"Upload-Length": "3", "Content-Type": "application/offset+octet-stream"}), b"abc")
    c(r.status == 413, "creation with a body (creation-with-upload is not offered): %d" % r.status)

    # A bounded number at a time per unit: this one holds one already.
    made = [tus_create(port, code, 10) for _ in range(12)]
    c([m.status for m in made] == [201] * 11 + [429] and made[-1].code() == "too_many_uploads" and "retry-after" in made[-1].headers,
      "13 uploads of one unit at once: %r" % [m.status for m in made])
    # Termination frees a place.
    gone = made[0].headers["location"]
    r = call(port, "DELETE", gone, TUS)
    c(r.status == 204 and r.headers.get("tus-resumable") == "1.0.0", "DELETE: %d %r" % (r.status, r.body))
    c(head(port, gone).status == 404, "HEAD of a terminated upload")
    c(not os.path.exists(os.path.join(uploads_dir, gone.rsplit("/", 1)[1] + ".part")), "a terminated upload's bytes are removed")
    r = tus_create(port, code, 10)
    c(r.status == 201, "a creation once another upload was terminated: %d %r" % (r.status, r.body))
    r = call(port, "DELETE", gone, TUS)
    c(r.status == 404, "DELETE of a terminated upload: %d" % r.status)


def upload_with_cuts(c, port, code, rng, content, with_checksum):
    r = tus_create(port, code, len(content))
    if not c(r.status == 201, "creation: %d %r" % (r.status, r.body)):
        return None
    loc = r.headers["location"]
    offset = 0
    chunk = 512 * 1024
    cut_at = rng.randrange(1, len(content))  # where the connection drops, within one of the chunks
    cut_done = False
    while offset < len(content):
        end = min(offset + chunk, len(content))
        piece = content[offset:end]
        checksum = sha1_checksum(piece) if with_checksum else None
        if not cut_done and offset <= cut_at < end:
            cut_done = True
            cut_patch(port, loc, offset, piece, cut_at - offset, checksum)
            r = offset_when_free(port, loc)
            got = int(r.headers.get("upload-offset", "-1"))
            if with_checksum:
                c(got == offset, "a cut chunk with a checksum is dropped whole: offset %d, chunk from %d" % (got, offset))
            else:
                c(offset <= got <= cut_at, "a cut chunk keeps at most what was sent: offset %d, sent up to %d" % (got, cut_at))
                KEPT.append(got > offset)
            offset = got
            continue
        r = tus_patch(port, loc, offset, piece, checksum)
        if not c(r.status == 204, "PATCH at %d: %d %r" % (offset, r.status, r.body)):
            return None
        offset = int(r.headers["upload-offset"])
    r = head(port, loc)
    c(r.headers.get("upload-offset") == str(len(content)), "finished upload: %r" % r.headers)
    return loc


def submit(port, fields, extra_parts, boundary="----tus-test"):
    body = b""
    for k, v in list(fields.items()) + extra_parts:
        body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode()
    body += ("--%s--\r\n" % boundary).encode()
    return call(port, "POST", "/api/submissions/" + FORM,
                {"Content-Type": "multipart/form-data; boundary=" + boundary, "Accept": "application/json"}, body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--collector", required=True)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="tus-test-")
    proc = None
    c = Checks()
    try:
        site, data = os.path.join(work, "site"), os.path.join(work, "data")
        make_site(site, UNITS + [OTHER])
        codes = issue_codes(args.collector, data, UNITS + [OTHER])
        uploads_dir = os.path.join(data, ".incoming", "uploads")
        proc, port = start(args.collector, site, data, BEFORE_2019_DEADLINE)

        print("refusals of the protocol")
        check_refusals(c, port, codes, uploads_dir)

        with open(os.path.join(data, "audit.log"), encoding="utf-8") as f:
            audit = [json.loads(line) for line in f]
        events = [(e.get("event"), e.get("code")) for e in audit if e.get("event", "").startswith("upload_")]
        c(("upload_created", None) in events and ("upload_refused", "file_too_large") in events and ("upload_refused", "too_many_uploads") in events,
          "the audit log has each creation, made or refused: %r" % events[:20])
        c(not any(codes[OTHER] in json.dumps(e, ensure_ascii=False) for e in audit), "an access code in the audit log")

        print("%d uploads cut at random offsets and resumed" % (len(UNITS) * UPLOADS_PER_UNIT))
        rng = random.Random(20190901)
        expected = {}  # location -> (unit, sha256)
        for i in range(len(UNITS) * UPLOADS_PER_UNIT):
            unit = UNITS[i % len(UNITS)]
            content = pdf_bytes(rng.randbytes(rng.randrange(10_000, 1_500_000)))
            loc = upload_with_cuts(c, port, codes[unit], rng, content, with_checksum=i % 2 == 1)
            if loc:
                expected[loc] = (unit, hashlib.sha256(content).hexdigest(), len(content))
        parts = [n for n in os.listdir(uploads_dir) if n.endswith(".part")]
        for loc, (unit, sha, length) in expected.items():
            with open(os.path.join(uploads_dir, loc.rsplit("/", 1)[1] + ".part"), "rb") as f:
                stored = f.read()
            c(len(stored) == length and hashlib.sha256(stored).hexdigest() == sha, "upload %s: %d bytes stored of %d, SHA-256 differs" % (loc, len(stored), length))
        c(len(expected) == 100, "uploads finished: %d" % len(expected))
        c(KEPT.count(True) >= len(KEPT) // 2, "cuts whose bytes before the cut were kept: %d of %d" % (KEPT.count(True), len(KEPT)))

        print("a submission names an upload instead of carrying the file")
        by_unit = {}
        for loc, (unit, sha, length) in expected.items():
            by_unit.setdefault(unit, []).append((loc, sha, length))
        first_loc, first_sha, first_len = by_unit[UNITS[0]][0]
        first_id = first_loc.rsplit("/", 1)[1]
        r = submit(port, application_fields(codes[UNITS[1]]), [("upload:work_plan", first_id)])
        c(r.status == 403 and r.code() == "not_your_upload", "another unit's upload: %d %r" % (r.status, r.body))
        fields = application_fields(codes[UNITS[0]])
        bad_fields = dict(fields, leader_mobile="123")
        r = submit(port, bad_fields, [("upload:work_plan", first_id)])
        c(r.status == 422 and os.path.exists(os.path.join(uploads_dir, first_id + ".part")), "a refused submission keeps its upload: %d %r" % (r.status, r.body))
        for unit in UNITS:
            loc, sha, length = by_unit[unit][0]
            r = submit(port, application_fields(codes[unit]), [("upload:work_plan", loc.rsplit("/", 1)[1])])
            ok = c(r.status == 201, "submission of %s naming its upload: %d %r" % (unit, r.status, r.body))
            if ok:
                files = json.loads(r.body)["files"]
                c(files == [{"name": "方案.pdf", "bytes": length, "sha256": sha, "pages": 1}], "the version's file: %r" % files)
                stored = os.path.join(data, "submissions", FORM, unit, "v0001", "work_plan.pdf")
                with open(stored, "rb") as f:
                    c(hashlib.sha256(f.read()).hexdigest() == sha, "the stored file of %s" % unit)
        r = submit(port, fields, [("upload:work_plan", first_id)])
        c(r.status == 404 and r.code() == "no_such_upload", "an upload taken once cannot be taken again: %d %r" % (r.status, r.body))
        r = head(port, first_loc)
        c(r.status == 404, "HEAD of an upload taken by a version: %d" % r.status)
        unfinished = tus_create(port, codes[UNITS[0]], 1000).headers["location"]
        r = submit(port, fields, [("upload:work_plan", unfinished.rsplit("/", 1)[1])])
        c(r.status == 409 and r.code() == "upload_unfinished", "an unfinished upload: %d %r" % (r.status, r.body))
        left = len([n for n in os.listdir(uploads_dir) if n.endswith(".part")])
        c(left == len(parts) - len(UNITS) + 1, "uploads left: %d" % left)

        half_sent = os.urandom(20000)
        kept = tus_create(port, codes[UNITS[2]], len(half_sent)).headers["location"]
        tus_patch(port, kept, 0, half_sent[:12345])

        print("uploads left behind expire and are swept; until then they survive a restart")
        proc.terminate()
        proc.wait(timeout=30)
        proc = None
        # Commits are batched: all are in once the collector has stopped.
        log = subprocess.run(["git", "-C", data, "log", "--format=%s"], capture_output=True, text=True).stdout
        c(sum(1 for line in log.splitlines() if line.startswith("收到 ")) == len(UNITS), "one commit per version:\n" + log)
        tracked = subprocess.run(["git", "-C", data, "ls-files"], capture_output=True, text=True).stdout
        c(".incoming" not in tracked and tracked.count("work_plan.pdf") == len(UNITS), "files in git:\n" + tracked)
        out = subprocess.run([args.collector, "sweep-uploads", "--data", data, "--now", SOON], capture_output=True, text=True)
        c(out.returncode == 0 and out.stdout.strip() == "0", "sweep before expiry: %r %r" % (out.stdout, out.stderr))
        proc, port = start(args.collector, site, data, SOON)
        r = head(port, kept)
        c(r.status == 200 and r.headers.get("upload-offset") == "12345", "HEAD after a restart: %d %r" % (r.status, r.headers))
        r = tus_patch(port, kept, 12345, half_sent[12345:])
        c(r.status == 204 and r.headers.get("upload-offset") == str(len(half_sent)), "resumed after a restart: %d %r" % (r.status, r.body))
        with open(os.path.join(uploads_dir, kept.rsplit("/", 1)[1] + ".part"), "rb") as f:
            c(f.read() == half_sent, "the upload resumed after a restart has its bytes")
        proc.terminate()
        proc.wait(timeout=30)
        proc, port = start(args.collector, site, data, LATER)
        some = by_unit[UNITS[1]][1][0]
        r = head(port, some)
        c(r.status == 410 and r.headers.get("tus-resumable") == "1.0.0", "HEAD of an expired upload: %d" % r.status)
        r = tus_patch(port, some, 0, b"x")
        c(r.status == 410 and r.code() == "upload_expired", "PATCH of an expired upload: %d %r" % (r.status, r.body))
        fresh = tus_create(port, codes[UNITS[1]], 10)  # a creation sweeps
        c(fresh.status == 201, "creation after expiry: %d %r" % (fresh.status, fresh.body))
        r = head(port, some)
        c(r.status == 404, "HEAD of a swept upload: %d" % r.status)
        names = sorted(os.listdir(uploads_dir))
        fresh_id = fresh.headers.get("location", "").rsplit("/", 1)[-1]
        c(names == [fresh_id + ".json", fresh_id + ".part"], "after the sweep: %r" % names[:6])
        proc.terminate()
        proc.wait(timeout=30)
        proc = None
        out = subprocess.run([args.collector, "sweep-uploads", "--data", data, "--now", MUCH_LATER], capture_output=True, text=True)
        c(out.returncode == 0 and out.stdout.strip() == "1" and os.listdir(uploads_dir) == [], "sweep-uploads: %r %r" % (out.stdout, os.listdir(uploads_dir)))
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print("%d failed checks" % len(c.failed))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
