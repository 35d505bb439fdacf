#!/usr/bin/env python3
"""The benchmark's site: the shared notice corpus (../shared/bench/make_corpus.py
beside the repository) under content/ of a minimal site with the default theme.

  python3 scripts/bench_site.py DIR -n 1000    # writes DIR/site-ours

scripts/bench.py builds it for every size it measures; the search tests build
it to compare the two forms of the search index on many notices.
Standard library only.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from xml.sax.saxutils import escape


REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS_SCRIPT = os.path.join(os.path.dirname(REPO), "shared", "bench", "make_corpus.py")

SITE_CONFIG = {
    "base_url": "https://bench.example.gov.cn/site/",
    "theme": "default",
    "language": "zh-CN",
    "today": None,
    "public_numbers": [],
}
SITE_DATA = {
    "bureau": "X市教育局",
    "site_title": "基准测试站点",
    "host_unit": "X市教育局",
    "contacts": [],
}
UNITS_DATA = {"counties": [], "schools": []}

class BenchError(Exception):
    """A build failed or produced the wrong output."""


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def gen_corpus(corpus_script, out_dir, n, layout):
    remove(out_dir)
    cmd = [sys.executable, corpus_script, "gen", out_dir, "-n", str(n),
           "--layout", layout, "--attachment-files"]
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise BenchError("corpus generation failed (%s):\n%s%s"
                         % (" ".join(cmd), r.stdout, r.stderr))
    return json.loads(r.stdout.strip().splitlines()[-1])


# A PDF's first page of text: 40 lines of 32 characters, a page of a
# notice's attachment set in 12-point type.
PDF_LINES, PDF_LINE_CHARS = 40, 32


def text_pdf(text, padding):
    """A PDF whose one page shows `text` (lines of Han and ASCII) in a CID
    font with a ToUnicode map, as a word processor exports it, followed by
    `padding` in a stream no page shows (as an embedded font or image
    would be): poppler lays out the page's text to read it."""
    cids = {}
    def shown(line):
        return "<%s>" % "".join("%04X" % cids.setdefault(ch, len(cids) + 1) for ch in line)
    lines = text.split("\n")
    content = "BT /F1 12 Tf 72 770 Td 14 TL\n" + "".join("%s Tj T*\n" % shown(l) for l in lines) + "ET"
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            "%d beginbfchar\n%s"
            "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end\n"
            % (len(cids), "".join("<%04X> <%04X>\n" % (cid, ord(ch)) for ch, cid in sorted(cids.items(), key=lambda kv: kv[1]))))
    def stream(data):
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
               b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 /CIDToGIDMap /Identity"
               b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
               stream(cmap.encode("ascii")),
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>",
               stream(content.encode("ascii")),
               stream(padding)]
    pdf, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return pdf


def real_document(path, ext):
    """The corpus' attachments are filler under document names. The
    generator reads the text of every PDF, DOCX and XLSX it publishes (and
    refuses one it cannot read), so each becomes a real document holding
    its filler, about as large as the corpus made it: a DOCX or XLSX all of
    it as text, a PDF a page of it as text and the rest in a stream no page
    shows. The build pays for reading them as it would on a real site."""
    with open(path, "rb") as f:
        filler = f.read()
    if ext == "pdf":
        chars = filler.decode("utf-8", "replace").replace("\n", " ")
        chars = "".join(ch if ord(ch) <= 0xFFFF else "?" for ch in chars[:PDF_LINES * PDF_LINE_CHARS])
        page = "\n".join(chars[k:k + PDF_LINE_CHARS] for k in range(0, len(chars), PDF_LINE_CHARS))
        with open(path, "wb") as f:
            f.write(text_pdf(page, filler[len(page.encode("utf-8")):]))
        return
    text = escape(filler.decode("utf-8", "replace"))
    parts = {"docx": {"word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                         "<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>" % text},
             "xlsx": {"xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                              "<si><t>%s</t></si></sst>" % text}}[ext]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for name, xml in parts.items():
            z.writestr(name, xml)


def office_numbers(content):
    """Each of the corpus' notices gives an office's landline (联系人：某老师，
    电话：0571-8...), as a bureau's notices do: the site lists them as public,
    or the generator refuses to publish them."""
    numbers = set()
    for path in glob.glob(os.path.join(content, "notices", "*.md")):
        with open(path, encoding="utf-8") as f:
            numbers.update(a + b for a, b in re.findall(r"电话：(0\d{2,3})-(\d{7,8})", f.read()))
    return sorted(numbers)


def prepare_our_site(corpus_script, n_dir, n):
    """Generates the plain corpus and wraps it in a minimal site directory."""
    plain = os.path.join(n_dir, "corpus-plain")
    site = os.path.join(n_dir, "site-ours")
    stats = gen_corpus(corpus_script, plain, n, "plain")
    remove(site)
    content = os.path.join(site, "content")
    os.makedirs(content)
    # The plain layout holds notices/ and attachments/; everything under
    # content/ other than notices is copied verbatim by the generator.
    for name in sorted(os.listdir(plain)):
        if name.startswith("."):
            continue
        shutil.move(os.path.join(plain, name), os.path.join(content, name))
    remove(plain)
    for root, _, files in os.walk(content):
        for name in files:
            ext = name.rsplit(".", 1)[-1].lower()
            if ext in ("pdf", "docx", "xlsx"):
                real_document(os.path.join(root, name), ext)
    write_json(os.path.join(site, "config.json"), dict(SITE_CONFIG, public_numbers=office_numbers(content)))
    write_json(os.path.join(site, "data", "site.json"), SITE_DATA)
    write_json(os.path.join(site, "data", "units.json"), UNITS_DATA)
    shutil.copytree(os.path.join(REPO, "themes", "default"),
                    os.path.join(site, "themes", "default"))
    return site, stats


def main(argv=None):
    ap = argparse.ArgumentParser(description="Writes the benchmark corpus as a site of ours: DIR/site-ours.")
    ap.add_argument("dir")
    ap.add_argument("-n", type=int, required=True, help="notices")
    ap.add_argument("--corpus-script", default=DEFAULT_CORPUS_SCRIPT)
    a = ap.parse_args(argv)
    os.makedirs(a.dir, exist_ok=True)
    site, _ = prepare_our_site(os.path.abspath(a.corpus_script), os.path.abspath(a.dir), a.n)
    print(site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
