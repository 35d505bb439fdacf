#!/usr/bin/env python3
"""Personal data is sealed where it is stored and gone once its key is:
applications with known names and mobile numbers go through the real
collector, which commits them and pushes to a bare remote; every object of
both repositories (loose and packed, every ref and reflog) and the working
tree must hold none of them, while the internal review site and the export,
built with the key directory, show them all. After `collector forget` the
same search over the key directory and fresh outputs finds nothing, and the
internal site still builds, showing 已删除.

  python3 tests/privacy_test.py --collector build/collector/collector --generator build/generator/generator
"""

import argparse
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
from collector_kit import REPO, application_fields, issue_codes, keys_beside, make_site, multipart_head_tail, pdf_bytes, start  # noqa: E402

# Names and numbers nobody else in the bundled site uses.
PEOPLE = {
    "priv-a": {"leader": "欧阳明远", "leader_mobile": "13907301234", "contact": "司马静怡", "contact_mobile": "13807305678"},
    "priv-b": {"leader": "诸葛文博", "leader_mobile": "15907309876", "contact": "上官雨晴", "contact_mobile": "18807304321"},
}
SECRETS = [v.encode() for person in PEOPLE.values() for v in person.values()]

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def submit(port, code, unit):
    fields = dict(application_fields(code), **PEOPLE[unit], project_name="数字校园" + unit)
    boundary, head, tail = multipart_head_tail(fields, "work_plan", "方案.pdf")
    req = urllib.request.Request("http://127.0.0.1:%d/api/submissions/application-2019" % port, data=head + pdf_bytes() + tail, method="POST",
                                 headers={"Content-Type": "multipart/form-data; boundary=" + boundary, "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status


def repository_bytes(git_dir, work_tree=None):
    """Everything a repository holds, as (where, bytes): each object decompressed
    (reachable or not), every file of the git directory as it lies (refs,
    packed-refs, reflogs, the index), and the working tree's files."""
    objects = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "--batch-all-objects", "--batch", "--unordered"],
                             check=True, capture_output=True).stdout
    out = [("objects of " + git_dir, objects)] + tree_bytes(git_dir)
    if work_tree:
        out += [(where, data) for where, data in tree_bytes(work_tree) if not where.startswith(os.path.join(work_tree, ".git") + os.sep)]
    return out


def tree_bytes(root):
    out = []
    for base, _, files in os.walk(root):
        for name in files:
            with open(os.path.join(base, name), "rb") as f:
                out.append((os.path.join(base, name), f.read()))
    return out


def found(places, secrets=SECRETS):
    return sorted({"%s in %s" % (s.decode(), where) for where, data in places for s in secrets if s in data})


def build(generator, site, data, keys, out):
    internal, csv = os.path.join(out, "internal"), os.path.join(out, "csv")
    b = subprocess.run([generator, "build", "--site", site, "--out", os.path.join(out, "public"), "--submissions", data, "--internal", internal,
                        "--keys", keys], capture_output=True, text=True)
    e = subprocess.run([generator, "export", "--site", site, "--data", data, "--keys", keys, "--call", "pilot-2019",
                        "--out", os.path.join(out, "export.xlsx"), "--csv", csv], capture_output=True, text=True)
    return b, e, internal, csv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--collector", required=True)
    ap.add_argument("--generator", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site, data, remote = os.path.join(tmp, "site"), os.path.join(tmp, "data"), os.path.join(tmp, "remote.git")
        keys = keys_beside(data)
        make_site(site, list(PEOPLE))
        shutil.copytree(os.path.join(REPO, "content"), os.path.join(site, "content"))
        subprocess.run(["git", "init", "-q", "--bare", remote], check=True)
        codes = issue_codes(args.collector, data, list(PEOPLE))
        proc, port = start(args.collector, site, data, options=["--remote", remote])
        try:
            for unit, code in codes.items():
                check(submit(port, code, unit) == 201, "the application of %s is received" % unit)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        check(proc.returncode == 0, "the collector stops cleanly, having pushed (exit %s)" % proc.returncode)

        stored = repository_bytes(os.path.join(data, ".git"), data) + repository_bytes(remote)
        pushed = subprocess.run(["git", "--git-dir", remote, "log", "--format=%s", "--all"], capture_output=True, text=True).stdout
        check("priv-a" in pushed and "priv-b" in pushed, "both applications reached the remote")
        check(found(stored, [b"\xe6\x95\xb0\xe5\xad\x97\xe6\xa0\xa1\xe5\x9b\xadpriv-a"]) != [], "the search finds what is stored in clear (a project name)")
        check(found(stored) == [], "no name or number in either repository or the working tree: %s" % found(stored)[:4])
        check(stat.S_IMODE(os.stat(keys).st_mode) == 0o700 and stat.S_IMODE(os.stat(os.path.join(keys, "data", "pilot-2019.key")).st_mode) == 0o600,
              "the call's key is owner-only, in an owner-only directory")

        b, e, internal, csv = build(args.generator, site, data, keys, os.path.join(tmp, "before"))
        check(b.returncode == 0 and e.returncode == 0, "the site and the export build with the keys: %s%s" % (b.stderr[-300:], e.stderr[-300:]))
        shown = tree_bytes(internal)
        check(all(found(shown, [s]) for s in SECRETS), "the internal site shows every name and number")
        check(all(found(tree_bytes(csv), [s]) for s in SECRETS), "the export shows every name and number")
        check(found(tree_bytes(os.path.join(tmp, "before", "public"))) == [], "the public site shows none")

        due = subprocess.run([args.collector, "retention", "--site", site, "--data", data, "--keys", keys, "--today", "2026-12-03"],
                             capture_output=True, text=True)
        line = next((l for l in due.stdout.splitlines() if l.startswith("pilot-2019\t")), "")
        check(due.returncode == 0 and "到期" in line, "retention lists the 2019 call as due: %r" % line)
        early = subprocess.run([args.collector, "forget", "--site", site, "--data", data, "--keys", keys, "--call", "pilot-2019",
                                "--by", "测试", "--today", "2019-09-01"], capture_output=True, text=True)
        check(early.returncode == 1 and os.path.exists(os.path.join(keys, "data", "pilot-2019.key")), "forgetting before the day is refused")
        gone = subprocess.run([args.collector, "forget", "--site", site, "--data", data, "--keys", keys, "--call", "pilot-2019",
                               "--by", "测试", "--today", "2026-12-03"], capture_output=True, text=True)
        check(gone.returncode == 0, "forget destroys the key: %s" % gone.stdout.strip())

        b, e, internal, csv = build(args.generator, site, data, keys, os.path.join(tmp, "after"))
        check(b.returncode == 0 and e.returncode == 0, "after forgetting the site and the export still build: %s%s" % (b.stderr[-300:], e.stderr[-300:]))
        after = tree_bytes(os.path.join(tmp, "after")) + tree_bytes(keys)
        check(found(after) == [], "after forgetting, no name or number in the key directory or the outputs: %s" % found(after)[:4])
        check(found(tree_bytes(internal), ["已删除".encode()]) != [], "the internal site shows the fields as 已删除")
        check(found(tree_bytes(internal), [b"\xe6\x95\xb0\xe5\xad\x97\xe6\xa0\xa1\xe5\x9b\xadpriv-a"]) != [], "and everything else as before")
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
