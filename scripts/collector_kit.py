"""Shared by the collector's crash test and load script: a site with
eligible test schools, starting the real collector, multipart bodies, and
a small client of the collector's resumable uploads (tus 1.0)."""

import base64
import hashlib
import http.client
import json
import os
import shutil
import subprocess
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_COLLECTOR = os.path.join(REPO, "build", "collector", "collector")
BEFORE_2019_DEADLINE = "2019-09-01T09:00:00+08:00"


def make_site(root, units):
    """A copy of the bundled configuration (its base path is the collector's
    pages' too), data and theme with eligible schools `units` in 平江县."""
    os.makedirs(root, exist_ok=True)
    shutil.copy(os.path.join(REPO, "config.json"), root)
    shutil.copytree(os.path.join(REPO, "data"), os.path.join(root, "data"))
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(root, "themes"))
    path = os.path.join(root, "data", "units.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for u in units:
        data["schools"].append({"id": u, "name": "测试学校" + u, "county": "pingjiang"})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)


def issue_codes(collector, data, units):
    return {u: subprocess.run([collector, "issue-code", "--data", data, u], check=True, capture_output=True,
                              text=True).stdout.strip() for u in units}


def keys_beside(data):
    """The key directory the tests' collectors seal personal data with: beside the data directory, never in it."""
    return os.path.normpath(data) + ".keys"


def start(collector, site, data, now=BEFORE_2019_DEADLINE, options=()):
    """Starts `collector serve` on a free port, with more `options` of serve;
    returns (process, port)."""
    proc = subprocess.Popen([collector, "serve", "--site", site, "--data", data, "--keys", keys_beside(data), "--listen", "127.0.0.1:0",
                             "--now", now, *options],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    if "listening on" not in line:
        raise SystemExit("collector did not start: " + line)
    return proc, int(line.rsplit(":", 1)[1])


def privacy_version():
    """The version of the bundled privacy notice, which every submission must name."""
    with open(os.path.join(REPO, "data", "privacy.json"), encoding="utf-8") as f:
        return json.load(f)["version"]


def application_fields(code):
    """An application by the unit whose access code is `code` (the code names it)."""
    return {"access_code": code, "privacy_notice": privacy_version(),
            "unit_name": "测试学校", "project_name": "数字校园",
            "leader": "王某", "leader_mobile": "13912345678", "contact": "李某",
            "contact_mobile": "13812345678", "plan_summary": "要点"}


def multipart_head_tail(fields, file_field, file_name):
    """(boundary, bytes before the file's content, bytes after it)."""
    boundary = "----kit" + uuid.uuid4().hex
    head = b"".join(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode()
                    for k, v in fields.items())
    head += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: application/pdf\r\n\r\n"
             % (boundary, file_field, file_name)).encode()
    tail = ("\r\n--%s--\r\n" % boundary).encode()
    return boundary, head, tail


def pdf_around(padding_bytes):
    """A one-page PDF that opens, as the bytes before and after a stream of
    `padding_bytes` bytes that no page uses: the collector refuses a file
    that is not a sound PDF, and a large upload can be streamed between the
    two parts."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    head, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(head))
        head += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets.append(len(head))
    head += b"4 0 obj\n<< /Length %d >>\nstream\n" % padding_bytes
    xref = len(head) + padding_bytes + len(b"\nendstream\nendobj\n")
    tail = b"\nendstream\nendobj\nxref\n0 5\n0000000000 65535 f \n"
    tail += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    tail += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return head, tail


def pdf_bytes(padding=b""):
    head, tail = pdf_around(len(padding))
    return head + padding + tail


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def code(self):
        """The refusal's code, or None."""
        try:
            return json.loads(self.body)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            return None


def call(port, method, path, headers=None, body=None, source="127.0.0.1"):
    """One request on a connection of its own; header names in lower case."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
    finally:
        conn.close()


TUS = {"Tus-Resumable": "1.0.0"}


def upload_metadata(**values):
    """Upload-Metadata: each value base64-encoded after its key."""
    return ",".join("%s %s" % (k, base64.b64encode(v.encode()).decode()) for k, v in values.items())


def tus_create(port, code, length, form="application-2019", field="work_plan", filename="方案.pdf", headers=None, source="127.0.0.1",
               path="/api/uploads"):
    h = dict(TUS, **{"Upload-Length": str(length), "Upload-Metadata": upload_metadata(form=form, field=field, filename=filename, access_code=code)})
    h.update(headers or {})
    return call(port, "POST", path, h, source=source)


def sha1_checksum(data):
    """Upload-Checksum for a chunk."""
    return "sha1 " + base64.b64encode(hashlib.sha1(data).digest()).decode()


def tus_patch(port, location, offset, data, checksum=None, content_type="application/offset+octet-stream", headers=None):
    h = dict(TUS, **{"Upload-Offset": str(offset), "Content-Type": content_type})
    if checksum:
        h["Upload-Checksum"] = checksum
    h.update(headers or {})
    return call(port, "PATCH", location, h, data)
