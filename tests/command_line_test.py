#!/usr/bin/env python3
"""Both programs' command lines as a person at a terminal meets them:

  python3 tests/command_line_test.py --generator build/generator/generator --collector build/collector/collector

--help for the program and for each command (exit 0, on standard output,
naming the command's options), --version (the CMake project's version),
and every usage error named on standard error with exit code 2: an
unknown option, an option without its value, a required option missing, a
value of the wrong form, an unknown command, no command at all. Nothing
is written by a refused command line.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

failures = []


def run(argv, cwd):
    p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def expect(what, cond):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)


def project_version():
    with open(os.path.join(REPO, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(\S+ VERSION (\S+)", f.read()).group(1)


def check_help(program, command, options, cwd):
    argv = [program] + ([command] if command else []) + ["--help"]
    code, out, err = run(argv, cwd)
    name = " ".join(os.path.basename(a) for a in argv)
    expect("%s exits 0 (got %d: %s)" % (name, code, err), code == 0)
    for option in options:
        expect("%s names %s" % (name, option), option in out)


def check_refused(program, args, named, cwd):
    code, out, err = run([program] + args, cwd)
    name = " ".join([os.path.basename(program)] + args)
    expect("%s exits 2 (got %d)" % (name, code), code == 2)
    expect("%s names %r on stderr (got %r)" % (name, named, err), named in err)
    expect("%s points to --help" % name, "--help" in err)
    expect("%s prints nothing on stdout (got %r)" % (name, out), out == "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--generator", required=True)
    ap.add_argument("--collector", required=True)
    args = ap.parse_args()
    generator, collector = os.path.abspath(args.generator), os.path.abspath(args.collector)
    version = project_version()

    with tempfile.TemporaryDirectory() as work:
        for program, name in ((generator, "generator"), (collector, "collector")):
            code, out, _ = run([program, "--version"], work)
            expect("%s --version prints '%s %s' (got %r)" % (name, name, version, out), code == 0 and out.strip() == "%s %s" % (name, version))

        check_help(generator, None, ["build", "check", "export", "list", "import", "--version"], work)
        check_help(generator, "build", ["--site", "--out", "--base-url", "--today", "--submissions", "--internal", "--keys", "--timings"], work)
        check_help(generator, "check", ["--site", "--base-url", "--today", "--submissions"], work)
        check_help(generator, "export", ["--data", "--keys", "--call", "--out", "--csv"], work)
        check_help(generator, "list", ["--data", "--call", "--today", "--out", "--title"], work)
        check_help(generator, "import", ["FILE.docx", "--site", "--slug", "--category", "--force"], work)
        check_help(collector, None, ["serve", "issue-code", "add-staff", "store-record", "records", "retention", "forget", "audit-log"], work)
        check_help(collector, "serve", ["--site", "--data", "--keys", "--listen", "--behind-proxy", "--now", "--remote", "--workers", "--queue"], work)
        check_help(collector, "issue-code", ["--data", "UNIT"], work)
        check_help(collector, "add-staff", ["--data", "LOGIN", "--name", "--expert", "--site", "--unit", "--county"], work)
        check_help(collector, "store-record", ["--site", "--data", "--keys", "--file"], work)
        check_help(collector, "retention", ["--site", "--data", "--keys", "--today"], work)
        check_help(collector, "forget", ["--site", "--data", "--keys", "--today", "--call", "--by", "--before-due"], work)
        check_help(collector, "records", ["--data", "--keys", "--verify"], work)

        check_refused(generator, ["build", "--bogus"], "--bogus", work)
        check_refused(generator, ["build", "--site"], "--site", work)
        check_refused(generator, ["check", "--out", "x"], "--out", work)  # check writes nothing, so it has no --out
        check_refused(generator, ["build", "--internal", "x"], "--submissions", work)
        check_refused(generator, ["export", "--call", "c", "--out", "x.xlsx"], "--data", work)
        check_refused(generator, ["list", "--data", "d", "--call", "c", "--out", "x.json"], "--today", work)
        check_refused(generator, ["import", "--site", "s"], "FILE.docx", work)
        check_refused(generator, ["publish"], "publish", work)
        check_refused(generator, [], "build, check, export, list", work)
        check_refused(collector, ["serve", "--bogus"], "--bogus", work)
        check_refused(collector, ["serve", "--site", "s", "--data", "d", "--keys", "k", "--listen", "8081"], "HOST:PORT", work)
        check_refused(collector, ["serve", "--site", "s", "--data", "d", "--keys", "k", "--workers", "0"], "--workers", work)
        check_refused(collector, ["serve", "--site", "s", "--data", "d"], "--keys", work)
        check_refused(collector, ["forget", "--site", "s", "--data", "d", "--keys", "k", "--call", "c"], "--by", work)
        check_refused(collector, ["issue-code", "--data", "d"], "UNIT", work)
        check_refused(collector, ["add-staff", "--data", "d", "li", "--name", "李明", "--unit", "pingjiang"], "--expert", work)
        check_refused(collector, ["add-staff", "--data", "d", "li", "--name", "李明", "--expert"], "--site", work)
        check_refused(collector, ["store-record", "--site", "s", "--data", "d", "--keys", "k", "--file", "plan.pdf"], "FIELD=ORIGINAL-NAME=PATH", work)
        check_refused(collector, ["records"], "--data", work)
        check_refused(collector, [], "serve, issue-code, add-staff, store-record, records, retention, forget, audit-log", work)
        # A well-formed command line runs (and fails for its own reasons, not as a usage error).
        code, _, err = run([collector, "serve", "--site", "no-such-site", "--data", "d", "--keys", "k", "--listen", "127.0.0.1:65535"], work)
        expect("collector serve with a five-digit port is not a usage error (got %d: %s)" % (code, err), code == 1)
        shutil.rmtree(os.path.join(work, "d"), ignore_errors=True)
        expect("no refused command wrote anything (found %s)" % os.listdir(work), os.listdir(work) == [])

    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
