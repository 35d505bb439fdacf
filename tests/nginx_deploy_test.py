#!/usr/bin/env python3
"""The real nginx, configured from deploy/nginx/ by scripts/nginx_conf.py,
in front of the real collector on loopback, serving a freshly built site.

  python3 tests/nginx_deploy_test.py --collector build/collector/collector --generator build/generator/generator

Checks what a visitor, a school and an abuser would see: pages under the
base path with UTF-8 and the security headers, the site's 404 page, the
长者模式 switch (a cookie, and mode.css answered by elder.css), submissions and receipts through nginx, signing in (the
session cookie under the base path, failures counted per client address), refusals of oversized bodies, slow
headers and bursts by nginx itself, and that slow uploaders cannot hold the
collector's threads. Exit 77 (a skip for ctest) when nginx is not installed.
"""

import argparse
import http.client
import json
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "scripts"))

from collector_kit import application_fields, issue_codes, keys_beside, make_site, multipart_head_tail, pdf_bytes, start, tus_create  # noqa: E402
from nginx_conf import base_url_parts  # noqa: E402

FORM = "application-2019"
UNITS = ["nginx-a", "nginx-b"]
# Short enough to wait for in a test; production renders 10s and 30s.
HEADER_TIMEOUT = 2
BODY_TIMEOUT = 3
SLOW_UPLOADERS = 80  # more than the collector's 64 worker threads
PDF = pdf_bytes(b"0" * 4000)


class Reply:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    def text(self):
        return self.body.decode("utf-8", errors="replace")


def request(port, method, path, body=None, headers=None, source="127.0.0.1", timeout=15):
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data, time.monotonic() - started)
    finally:
        conn.close()


def submission(code):
    boundary, head, tail = multipart_head_tail(application_fields(code), "work_plan", "方案.pdf")
    return boundary, head + PDF + tail


def submit(port, base, code, accept="application/json", source="127.0.0.1", timeout=15):
    boundary, body = submission(code)
    return request(port, "POST", base + "api/submissions/" + FORM, body,
                   {"Content-Type": "multipart/form-data; boundary=" + boundary, "Accept": accept},
                   source=source, timeout=timeout)


def closed_within(sock, seconds, keep_sending):
    """Sends keep_sending() every 0.25 s until the peer closes the connection
    or `seconds` pass; returns (seconds until closed or None, bytes received)."""
    started = time.monotonic()
    received = b""
    while time.monotonic() - started < seconds:
        readable, _, _ = select.select([sock], [], [], 0.25)
        try:
            if readable:
                chunk = sock.recv(65536)
                if not chunk:
                    return time.monotonic() - started, received
                received += chunk
            sock.sendall(keep_sending())
        except (BrokenPipeError, ConnectionResetError):
            return time.monotonic() - started, received
    return None, received


class Checks:
    def __init__(self):
        self.failed = []

    def __call__(self, ok, what):
        if not ok:
            self.failed.append(what)
        return ok

    def security_headers(self, reply, where):
        csp = reply.headers.get("content-security-policy", "")
        self("default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp,
             "%s: Content-Security-Policy %r" % (where, csp))
        self(reply.headers.get("x-content-type-options") == "nosniff", "%s: no X-Content-Type-Options nosniff" % where)
        self(reply.headers.get("x-frame-options") == "DENY", "%s: no X-Frame-Options DENY" % where)
        self(bool(reply.headers.get("referrer-policy")), "%s: no Referrer-Policy" % where)
        self(reply.headers.get("server") == "nginx", "%s: Server header %r tells the version" % (where, reply.headers.get("server")))


def check_pages(c, port, base, public):
    home = request(port, "GET", base)
    c(home.status == 200, "home page: status %d" % home.status)
    c(home.headers.get("content-type") == "text/html; charset=utf-8", "home page: Content-Type %r" % home.headers.get("content-type"))
    c("岳阳市教育信息化试点项目" in home.text(), "home page: site title missing")
    c.security_headers(home, "home page")
    # The policy forbids inline script and style: no page may need them. A
    # script may only be loaded from a file (<script src=...></script>).
    inline_script = re.compile(r"<script(?![^>]*\ssrc=)|<script[^>]*>[^<]")
    for root, _, files in os.walk(public):
        for name in files:
            if name.endswith(".html"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    page = f.read()
                c(not inline_script.search(page) and "<style" not in page and " style=" not in page,
                  "%s: inline script or style, which the Content-Security-Policy blocks" % os.path.relpath(os.path.join(root, name), public))
    csv = next(os.path.relpath(os.path.join(r, n), public) for r, _, ns in os.walk(public) for n in ns if n.endswith(".csv"))
    for path, expected in [("assets/style.css", "text/css; charset=utf-8"), (csv, "text/csv; charset=utf-8"),
                           ("assets/search.js", "text/javascript; charset=utf-8"), ("search/index.json", "application/json; charset=utf-8"),
                           ("feed.xml", "application/atom+xml; charset=utf-8"), ("sitemap.xml", "application/xml; charset=utf-8")]:
        r = request(port, "GET", base + path)
        c(r.status == 200 and r.headers.get("content-type") == expected,
          "%s: %d %r, expected %r" % (path, r.status, r.headers.get("content-type"), expected))
    css = request(port, "GET", base + "assets/style.css")
    c("max-age=" in css.headers.get("cache-control", ""), "assets: Cache-Control %r" % css.headers.get("cache-control"))
    c(home.headers.get("cache-control") == "no-cache", "home page: Cache-Control %r" % home.headers.get("cache-control"))
    bare = request(port, "GET", base + "notices")
    c(bare.status == 301 and bare.headers.get("location") == base + "notices/",
      "directory without slash: %d to %r" % (bare.status, bare.headers.get("location")))


def check_not_found(c, port, base, public):
    with open(os.path.join(public, "404.html"), "rb") as f:
        page = f.read()
    for path in [base + "notices/no-such-notice/", "/elsewhere/"]:
        r = request(port, "GET", path)
        c(r.status == 404, "%s: status %d" % (path, r.status))
        c(r.body == page, "%s: not the site's 404 page" % path)
        c.security_headers(r, path)


def check_elder_mode(c, port, base, public):
    with open(os.path.join(public, "assets", "elder.css"), "rb") as f:
        elder_css = f.read()
    plain = request(port, "GET", base + "assets/mode.css")
    c(plain.status == 200 and plain.headers.get("content-type") == "text/css; charset=utf-8" and b"{" not in plain.body,
      "mode.css without the cookie: %d %r, %d bytes" % (plain.status, plain.headers.get("content-type"), len(plain.body)))
    c(plain.headers.get("cache-control") == "no-cache" and "Cookie" in plain.headers.get("vary", ""),
      "mode.css: Cache-Control %r, Vary %r" % (plain.headers.get("cache-control"), plain.headers.get("vary")))
    c("set-cookie" not in plain.headers, "mode.css sets a cookie")
    page = base + "notices/2019-pilot-call/"
    on = request(port, "GET", base + "mode/elder/", headers={"Referer": "http://127.0.0.1:%d%s" % (port, page)})
    cookie = on.headers.get("set-cookie", "")
    c(on.status == 303 and on.headers.get("location") == page, "长者模式: %d to %r, expected 303 to %r" % (on.status, on.headers.get("location"), page))
    c(cookie.startswith("yueyang_mode=elder;") and "Path=%s;" % base in cookie and "SameSite=Lax" in cookie and "Max-Age=31536000" in cookie,
      "长者模式: Set-Cookie %r" % cookie)
    c(on.headers.get("cache-control") == "no-store", "长者模式 switch: Cache-Control %r" % on.headers.get("cache-control"))
    c.security_headers(on, "长者模式 switch")
    enlarged = request(port, "GET", base + "assets/mode.css", headers={"Cookie": cookie.split(";")[0]})
    c(enlarged.status == 200 and enlarged.body == elder_css, "mode.css with the cookie: %d, not elder.css" % enlarged.status)
    c(request(port, "GET", page, headers={"Cookie": cookie.split(";")[0]}).status == 200, "a page in 长者模式")
    off = request(port, "GET", base + "mode/standard/", headers={"Referer": "http://127.0.0.1:%d%squotas/2019/" % (port, base)})
    c(off.status == 303 and off.headers.get("location") == base + "quotas/2019/", "标准模式: %d to %r" % (off.status, off.headers.get("location")))
    c(off.headers.get("set-cookie", "").startswith("yueyang_mode=;") and "Max-Age=0" in off.headers.get("set-cookie", ""),
      "标准模式: Set-Cookie %r" % off.headers.get("set-cookie"))
    # Back only to a page of this site: another host's referer, or none, or
    # one that would make the Location read as //host, lead home.
    for referer in ["http://elsewhere.example/page/", None, "http://127.0.0.1:%d%smode/elder/" % (port, base)]:
        r = request(port, "GET", base + "mode/elder/", headers={"Referer": referer} if referer else {})
        c(r.status == 303 and r.headers.get("location") == base, "referer %r: sent to %r" % (referer, r.headers.get("location")))
    foreign = request(port, "GET", base + "mode/elder/", headers={"Referer": "http://elsewhere.example%snotices/" % base})
    c(foreign.headers.get("location") == base + "notices/", "a foreign host's referer under the base path: %r" % foreign.headers.get("location"))
    slashes = request(port, "GET", base + "mode/elder/", headers={"Referer": "http://127.0.0.1:%d%s/elsewhere.example/" % (port, base)})
    c(slashes.headers.get("location") == base, "referer with // after the base: sent to %r" % slashes.headers.get("location"))


def check_submissions(c, port, base, data, codes, collector):
    r = submit(port, base, codes[UNITS[0]])
    if not c(r.status == 201, "JSON submission through nginx: %d %s" % (r.status, r.text()[:300])):
        return
    receipt = json.loads(r.body)
    listed = subprocess.run([collector, "records", "--data", data, "--verify"], capture_output=True, text=True, check=True)
    stored = [json.loads(line) for line in listed.stdout.splitlines()]
    c([(r["unit"], r["version"]) for r in stored if r["receipt"] == receipt["receipt"]] == [(UNITS[0], receipt["version"])],
      "JSON submission: its receipt is not stored as version %d of %s" % (receipt["version"], UNITS[0]))
    c(r.headers.get("cache-control") == "no-store", "API answer: Cache-Control %r" % r.headers.get("cache-control"))
    c.security_headers(r, "API answer")

    browser = submit(port, base, codes[UNITS[0]], accept="text/html")
    location = browser.headers.get("location", "")
    c(browser.status == 303 and location.startswith(base + "api/submissions/%s/%s/" % (FORM, UNITS[0])),
      "browser submission: %d to %r, expected a receipt under the base path" % (browser.status, location))
    if location:
        page = request(port, "GET", location)
        c(page.status == 200 and "提交回执" in page.text(), "receipt page through nginx: %d" % page.status)


def sign_in_form(port, base, fields, source="127.0.0.1"):
    return request(port, "POST", base + "account/sign-in/", urllib.parse.urlencode(fields),
                   {"Content-Type": "application/x-www-form-urlencoded"}, source=source)


def check_sign_in(c, port, base, data, codes, collector_bin):
    page = request(port, "GET", base + "account/sign-in/")
    c(page.status == 200 and "凭访问码登录" in page.text(), "sign-in page through nginx: %d" % page.status)
    c(page.headers.get("cache-control") == "no-store", "sign-in page: Cache-Control %r" % page.headers.get("cache-control"))
    c.security_headers(page, "sign-in page")
    r = sign_in_form(port, base, {"access_code": codes[UNITS[0]]})
    c(r.status == 303 and r.headers.get("location") == base + "account/",
      "sign-in through nginx: %d to %r, expected the home page under the base path" % (r.status, r.headers.get("location")))
    cookie = r.headers.get("set-cookie", "")
    c("; Path=%s;" % base in cookie and "; HttpOnly" in cookie and "; SameSite=Strict" in cookie and "Secure" not in cookie,
      "session cookie over http through nginx: %r" % cookie)
    home = request(port, "GET", base + "account/", headers={"Cookie": cookie.split(";")[0]})
    c(home.status == 200 and "我的首页" in home.text() and home.headers.get("cache-control") == "no-store",
      "home page through nginx: %d, Cache-Control %r" % (home.status, home.headers.get("cache-control")))
    # The collector counts the client nginx saw, not nginx itself: one
    # address's failures refuse that address alone.
    for guess in ["FFFF", "GGGG", "HHHH", "JJJJ", "KKKK"]:
        sign_in_form(port, base, {"access_code": guess + "-AAAA-BBBB-CCCC-DDDD"}, source="127.0.0.51")
    refused = sign_in_form(port, base, {"access_code": codes[UNITS[0]]}, source="127.0.0.51")
    c(refused.status == 429 and "登录失败次数过多" in refused.text() and refused.headers.get("retry-after"),
      "sign-in after five failures from one address: %d %r" % (refused.status, refused.text()[:200]))
    other = sign_in_form(port, base, {"access_code": codes[UNITS[0]]}, source="127.0.0.52")
    c(other.status == 303, "sign-in from another address after the first was refused: %d" % other.status)
    with open(os.path.join(data, "audit.log"), encoding="utf-8") as f:
        c("127.0.0.51" not in f.read(), "the audit log as committed holds client addresses sealed only")
    log = subprocess.run([collector_bin, "audit-log", "--data", data, "--keys", keys_beside(data)], capture_output=True, text=True).stdout
    c('"remote":"127.0.0.51"' in log, "the audit log names the client's address, as nginx passed it")
    big = sign_in_form(port, base, {"access_code": "A" * 70000})
    c(big.status == 413, "a sign-in body over 64 KiB: %d, expected nginx's 413" % big.status)


def check_stamped_scan(c, port, base, codes):
    """A school's 盖章扫描件, beyond the signed-in pages' 64 KiB, reaches the collector."""
    sent = submit(port, base, codes[UNITS[0]])
    if not c(sent.status == 201, "submission for the scan: %d %s" % (sent.status, sent.text()[:300])):
        return
    version = json.loads(sent.body)["version"]
    cookie = sign_in_form(port, base, {"access_code": codes[UNITS[0]]}).headers.get("set-cookie", "").split(";")[0]
    page = base + "account/versions/%s/%s/v%04d/" % (FORM, UNITS[0], version)
    shown = request(port, "GET", page, headers={"Cookie": cookie})
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', shown.text())
    if not c(shown.status == 200 and token and "stamped-scan" in shown.text(), "the school's version page with its scan form: %d" % shown.status):
        return
    boundary, head, tail = multipart_head_tail({"csrf": token.group(1)}, "stamped_scan", "盖章扫描件.pdf")
    scan = pdf_bytes(b"0" * 200000)
    r = request(port, "POST", page + "stamped-scan", head + scan + tail,
                {"Content-Type": "multipart/form-data; boundary=" + boundary, "Cookie": cookie})
    c(r.status == 303 and r.headers.get("location") == base + "account/versions/%s/%s/v%04d/" % (FORM, UNITS[0], version + 1),
      "a scan of %d bytes through nginx: %d to %r %s" % (len(scan), r.status, r.headers.get("location"), r.text()[:300]))


def access_log_lines(runtime, marker, seconds=5):
    """The access log's lines naming `marker`, waiting for the first: nginx
    logs a refused request only once its connection is closed."""
    deadline = time.monotonic() + seconds
    while True:
        with open(os.path.join(runtime, "access.log"), encoding="utf-8") as f:
            lines = [line for line in f if marker in line]
        if lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def check_body_limit(c, port, base, data, runtime, codes):
    boundary, body = submission(codes[UNITS[1]])
    path = base + "api/submissions/%s?too-large" % FORM
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        # One byte over the collector's 150 MiB, announced; the start is sent.
        sock.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
                      "Content-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n"
                      % (path, boundary, 150 * 1024 * 1024 + 1)).encode() + body)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    finally:
        sock.close()
    status_line = answer.split(b"\r\n", 1)[0].decode()
    c(" 413 " in status_line + " ", "oversized body: %r" % status_line)
    c(b'"body_too_large"' in answer, "oversized body: no body_too_large refusal")
    lines = access_log_lines(runtime, "?too-large")
    c(len(lines) == 1 and "upstream=-" in lines[0], "oversized body reached the collector: %r" % lines)
    # The same log names the collector for a request that did reach it.
    c(any("upstream=127.0.0.1:" in line for line in access_log_lines(runtime, "api/submissions/" + FORM)),
      "access log never names the collector: the check above proves nothing")
    c(not os.path.exists(os.path.join(data, "submissions", FORM, UNITS[1])), "oversized body: a version was stored")


def check_resumable_uploads(c, port, base, codes):
    r = tus_create(port, codes[UNITS[1]], len(PDF) * 300, path=base + "api/uploads")
    location = r.headers.get("location", "")
    c(r.status == 201 and location.startswith(base + "api/uploads/"), "creation through nginx: %d, Location %r" % (r.status, location))
    if r.status != 201:
        return
    # Half a chunk sent, then the connection dropped: nginx streamed it, so the collector kept it.
    sent = len(PDF) * 150
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(("PATCH %s HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                  "Content-Type: application/offset+octet-stream\r\nContent-Length: %d\r\n\r\n" % (location, len(PDF) * 300)).encode()
                 + b"x" * sent)
    # Cut once the collector holds the upload (423): it is reading this chunk.
    for _ in range(100):
        if request(port, "HEAD", location, headers={"Tus-Resumable": "1.0.0"}).status == 423:
            break
        time.sleep(0.1)
    time.sleep(0.3)
    sock.close()
    offset = None
    for _ in range(40):
        r = request(port, "HEAD", location, headers={"Tus-Resumable": "1.0.0"})
        if r.status != 423:
            offset = r.headers.get("upload-offset")
            break
        time.sleep(0.1)
    c(offset == str(sent), "bytes kept of a chunk cut off behind nginx: %r of %d (buffered by nginx?)" % (offset, sent))
    r = request(port, "PATCH", location, b"x" * (len(PDF) * 300 - sent),
                {"Tus-Resumable": "1.0.0", "Upload-Offset": str(sent), "Content-Type": "application/offset+octet-stream"})
    c(r.status == 204 and r.headers.get("upload-offset") == str(len(PDF) * 300), "resumed through nginx: %d %r" % (r.status, r.headers))
    # Every other route keeps its small limit: 70 kB to the signed-in pages (64k) is refused by nginx.
    r = request(port, "POST", base + "account/sign-in/", b"x" * 70000, {"Content-Type": "application/x-www-form-urlencoded"})
    c(r.status == 413, "a large body to the signed-in pages: %d" % r.status)


def check_slow_headers(c, port, base):
    sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=("127.0.0.21", 0))
    try:
        sock.sendall(("GET %s HTTP/1.1\r\nHost: x\r\n" % base).encode())
        seconds, received = closed_within(sock, HEADER_TIMEOUT + 8, lambda: b"X-Slow: a\r\n")
    finally:
        sock.close()
    c(seconds is not None, "slow headers: still connected after %d s" % (HEADER_TIMEOUT + 8))
    if seconds is not None:
        c(HEADER_TIMEOUT - 0.5 <= seconds <= HEADER_TIMEOUT + 2.5, "slow headers: cut off after %.1f s, expected %d s" % (seconds, HEADER_TIMEOUT))
    c(b" 200 " not in received, "slow headers: the request was served")


def check_header_flood(c, port, base, collector):
    """The collector cannot bound a request head; nginx must, before it reaches it."""
    def answer(head):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=("127.0.0.23", 0))
        try:
            try:
                sock.sendall(head)
            except OSError:
                pass  # nginx may close before reading it all, as it should
            data = b""
            while True:
                try:
                    chunk = sock.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
            return data
        finally:
            sock.close()
    api = ("%sapi/health" % base).encode()
    many = b"GET " + api + b" HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-Flood-%d: %s\r\n" % (i, b"a" * 200) for i in range(2000)) + b"\r\n"
    reply = answer(many)
    c(reply.startswith(b"HTTP/1.1 400"), "2,000 header lines (400 KB): %r" % reply[:60])
    huge = b"GET " + api + b" HTTP/1.1\r\nHost: x\r\nX-Huge: " + b"a" * 20000 + b"\r\n\r\n"
    reply = answer(huge)
    c(reply.startswith(b"HTTP/1.1 400"), "one 20 KB header line: %r" % reply[:60])
    ok = answer(b"GET " + api + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + b"".join(b"X-Fine-%d: b\r\n" % i for i in range(20)) + b"\r\n")
    c(ok.startswith(b"HTTP/1.1 200"), "a head of 20 short lines is still served: %r" % ok[:60])
    c(collector.poll() is None, "the collector is still running")


def check_listen_outside_loopback(c, collector_bin, site, data):
    r = subprocess.run([collector_bin, "serve", "--site", site, "--data", data, "--keys", keys_beside(data), "--listen", "0.0.0.0:0"],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=20)
    c(r.returncode == 2, "listening on 0.0.0.0 without --behind-proxy: exit %d" % r.returncode)
    c("--behind-proxy" in r.stderr, "the refusal says what to do: %s" % r.stderr.strip())


def check_stalled_body(c, port, base, codes):
    boundary, body = submission(codes[UNITS[1]])
    sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=("127.0.0.22", 0))
    try:
        sock.sendall(("POST %sapi/submissions/%s HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=%s\r\n"
                      "Content-Length: %d\r\n\r\n" % (base, FORM, boundary, len(body) + 100000)).encode() + body[:1000])
        seconds, _ = closed_within(sock, BODY_TIMEOUT + 8, lambda: b"")
    finally:
        sock.close()
    c(seconds is not None and BODY_TIMEOUT - 0.5 <= seconds <= BODY_TIMEOUT + 2.5,
      "stalled body: closed after %s s, expected %d s" % (seconds, BODY_TIMEOUT))


def check_rate_limit(c, port, base):
    source = "127.0.0.31"
    statuses = [request(port, "GET", base + "api/health", source=source).status for _ in range(100)]
    limited = statuses.count(429)
    c(statuses[:20] == [200] * 20, "burst: the first 20 API requests were not all served: %s" % statuses[:20])
    c(limited >= 20 and set(statuses) <= {200, 429}, "burst of 100: %d refused with 429, statuses %s" % (limited, sorted(set(statuses))))
    refused = request(port, "GET", base + "api/health", source=source)
    c(refused.status == 429 and b'"too_many_requests"' in refused.body, "rate limited answer: %d %r" % (refused.status, refused.body[:200]))
    c.security_headers(refused, "rate limited answer")
    page = request(port, "GET", base, source=source)
    c(page.status == 200, "pages are limited along with the API: %d" % page.status)


def check_slow_uploaders(c, port, base, codes):
    boundary, body = submission(codes[UNITS[1]])
    head = ("POST %sapi/submissions/%s HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
            "Content-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n"
            % (base, FORM, boundary, len(body) + 200000)).encode()
    # Each from an address of its own, as real clients would be, so that
    # the per-address limits do not hide what is measured here.
    socks = [socket.create_connection(("127.0.0.1", port), timeout=10, source_address=("127.0.1.%d" % (i + 1), 0))
             for i in range(SLOW_UPLOADERS)]
    stop = threading.Event()

    def trickle():
        for s in socks:
            s.sendall(head + body[:500])
        while not stop.wait(0.5):
            for s in socks:
                try:
                    s.sendall(b"0" * 20)
                except OSError:
                    pass

    t = threading.Thread(target=trickle)
    t.start()
    try:
        time.sleep(1.5)
        r = submit(port, base, codes[UNITS[0]], source="127.0.0.41", timeout=10)
        c(r.status == 201, "submission among %d slow uploaders: %d %s" % (SLOW_UPLOADERS, r.status, r.text()[:200]))
        c(r.seconds < 5, "submission among %d slow uploaders took %.1f s" % (SLOW_UPLOADERS, r.seconds))
    finally:
        stop.set()
        t.join()
        for s in socks:
            s.close()


def check_collector_down(c, port, base, collector):
    collector.terminate()
    collector.wait(timeout=20)
    r = request(port, "GET", base + "api/health")
    c(r.status == 503 and b'"unavailable"' in r.body and "charset=utf-8" in r.headers.get("content-type", ""),
      "collector down: %d %r %r" % (r.status, r.headers.get("content-type"), r.body[:200]))
    c.security_headers(r, "collector down")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, proc, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--collector", required=True)
    ap.add_argument("--generator", required=True)
    args = ap.parse_args()
    # Debian installs nginx in sbin, which a normal user's PATH leaves out.
    nginx = shutil.which("nginx") or shutil.which("nginx", path=os.pathsep.join(("/usr/sbin", "/sbin")))
    if not nginx:
        print("skipped: nginx is not installed (scripts/setup.sh installs Debian's nginx)")
        return 77

    work = tempfile.mkdtemp(prefix="nginx-deploy-")
    procs = []
    try:
        _, base = base_url_parts(REPO)
        port = free_port()
        public = os.path.join(work, "public")
        subprocess.run([args.generator, "build", "--site", REPO, "--out", public,
                        "--base-url", "http://127.0.0.1:%d%s" % (port, base)], check=True, stdout=subprocess.DEVNULL)
        site, data = os.path.join(work, "site"), os.path.join(work, "data")
        make_site(site, UNITS)
        codes = issue_codes(args.collector, data, UNITS)
        collector, collector_port = start(args.collector, site, data)
        procs.append(collector)

        runtime = os.path.join(work, "nginx")
        subprocess.run([sys.executable, os.path.join(REPO, "scripts", "nginx_conf.py"), "--out", runtime, "--standalone",
                        "--listen", "127.0.0.1:%d" % port, "--public", public, "--collector", "127.0.0.1:%d" % collector_port,
                        "--header-timeout", "%ds" % HEADER_TIMEOUT, "--body-timeout", "%ds" % BODY_TIMEOUT], check=True)
        error_log = os.path.join(runtime, "error.log")
        server = subprocess.Popen([nginx, "-p", runtime + "/", "-c", os.path.join(runtime, "nginx.conf"), "-e", error_log])
        procs.append(server)
        if not wait_listening(port, server):
            with open(error_log, encoding="utf-8", errors="replace") as f:
                print("nginx did not start:\n" + f.read())
            return 1

        c = Checks()
        scenarios = [
            ("pages under the base path, UTF-8, types, caching, security headers", lambda: check_pages(c, port, base, public)),
            ("a missing page gets the site's 404 page", lambda: check_not_found(c, port, base, public)),
            ("长者模式 is a cookie that switches mode.css to elder.css", lambda: check_elder_mode(c, port, base, public)),
            ("submissions and receipts go through nginx", lambda: check_submissions(c, port, base, data, codes, args.collector)),
            ("signing in goes through nginx, counted by the client's address", lambda: check_sign_in(c, port, base, data, codes, args.collector)),
            ("a body over the collector's limit is refused by nginx", lambda: check_body_limit(c, port, base, data, runtime, codes)),
            ("resumable uploads stream through nginx, other routes keep their limits", lambda: check_resumable_uploads(c, port, base, codes)),
            ("slow headers are cut off", lambda: check_slow_headers(c, port, base)),
            ("a school's 盖章扫描件 goes through nginx to its signed-in page", lambda: check_stamped_scan(c, port, base, codes)),
            ("a flood of header lines or a huge header is refused by nginx", lambda: check_header_flood(c, port, base, collector)),
            ("the collector will not listen beyond loopback unless a proxy bounds the head",
             lambda: check_listen_outside_loopback(c, args.collector, site, os.path.join(work, "data-elsewhere"))),
            ("a stalled body is cut off", lambda: check_stalled_body(c, port, base, codes)),
            ("a burst above the rate limit gets 429", lambda: check_rate_limit(c, port, base)),
            ("slow uploaders do not hold the collector", lambda: check_slow_uploaders(c, port, base, codes)),
            ("with the collector down, a refusal in its format", lambda: check_collector_down(c, port, base, collector)),
        ]
        failed = 0
        for name, run in scenarios:
            before = len(c.failed)
            try:
                run()
            except (OSError, http.client.HTTPException, ValueError) as e:
                c(False, "%s: %s" % (type(e).__name__, e))
            problems = c.failed[before:]
            failed += 1 if problems else 0
            print(("ok: " if not problems else "FAIL: ") + name)
            for p in problems:
                print("  " + p)
        print("%d passed, %d failed" % (len(scenarios) - failed, failed))
        return 1 if failed else 0
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
