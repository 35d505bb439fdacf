#!/usr/bin/env python3
"""Renders deploy/nginx/*.conf.in into a directory.

  python3 scripts/nginx_conf.py --out DIR [--listen 80] [--public public]
      [--collector 127.0.0.1:8081] [--server-name HOST]
      [--header-timeout 10s] [--body-timeout 30s] [--account-burst 50] [--standalone]

Writes DIR/site.conf: the server for nginx's http context, with the base
path taken from config.json's base_url (and the server name from its host
unless given). With --standalone also DIR/nginx.conf, a whole configuration
for a private nginx run in the foreground with DIR as its prefix:

  nginx -p DIR/ -c DIR/nginx.conf -e stderr
"""

import argparse
import json
import os
import re
import sys
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = os.path.join(REPO, "deploy", "nginx")
DURATION = re.compile(r"^[0-9]+(ms|s|m)?$")
# Characters nginx would read as syntax or as a variable inside a value.
UNSAFE = re.compile(r"[\s;{}\"'$\\#]")


def base_url_parts(site):
    with open(os.path.join(site, "config.json"), encoding="utf-8") as f:
        url = urllib.parse.urlsplit(json.load(f)["base_url"])
    path = url.path or "/"
    if not path.endswith("/"):
        path += "/"
    return url.hostname or "_", path


def fill(template, values):
    with open(os.path.join(TEMPLATES, template), encoding="utf-8") as f:
        text = f.read()
    for name, value in values.items():
        text = text.replace("@%s@" % name, value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise SystemExit("nginx_conf: %s: unfilled %s" % (template, ", ".join(sorted(set(left)))))
    return text


def checked(name, value, pattern=None):
    if UNSAFE.search(value) or (pattern and not pattern.match(value)):
        raise SystemExit("nginx_conf: --%s %r is not usable in an nginx configuration" % (name, value))
    return value


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--site", default=REPO, help="the site whose config.json gives the base path")
    ap.add_argument("--listen", default="80")
    ap.add_argument("--public", default=os.path.join(REPO, "public"))
    ap.add_argument("--collector", default="127.0.0.1:8081")
    ap.add_argument("--server-name")
    ap.add_argument("--header-timeout", default="10s")
    ap.add_argument("--body-timeout", default="30s")
    # Requests to the signed-in pages one address may make at once beyond
    # 5 a second. Tests, where every person in the chain is 127.0.0.1, raise it.
    ap.add_argument("--account-burst", default="50")
    ap.add_argument("--standalone", action="store_true")
    args = ap.parse_args()

    host, base_path = base_url_parts(args.site)
    # The public path is quoted in the configuration, so only the characters
    # that would end the quote or start a variable are refused.
    public = os.path.abspath(args.public).rstrip("/")
    if re.search(r"[\"$\\\n]", public):
        raise SystemExit("nginx_conf: --public %r is not usable in an nginx configuration" % public)
    values = {
        "LISTEN": checked("listen", args.listen),
        "SERVER_NAME": checked("server-name", args.server_name or host),
        "PUBLIC_DIR": public,
        "BASE_PATH": checked("base_url path", base_path),
        "BASE_PATH_RE": re.escape(base_path),
        "COLLECTOR": checked("collector", args.collector),
        "HEADER_TIMEOUT": checked("header-timeout", args.header_timeout, DURATION),
        "BODY_TIMEOUT": checked("body-timeout", args.body_timeout, DURATION),
        "ACCOUNT_BURST": checked("account-burst", args.account_burst, re.compile(r"^[1-9][0-9]{0,4}$")),
    }
    os.makedirs(args.out, exist_ok=True)
    outputs = {"site.conf": fill("site.conf.in", values)}
    if args.standalone:
        # As root the master would hand requests to workers running as
        # nobody, who may not read a checkout under a private home directory;
        # this private nginx only ever runs for the person who started it.
        user = "user root;" if os.geteuid() == 0 else "# workers run as the user who started nginx"
        outputs["nginx.conf"] = fill("standalone.conf.in", {"USER_LINE": user})
    for name, text in outputs.items():
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
