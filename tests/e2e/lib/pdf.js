'use strict';
// A one-page PDF that opens: the collector parses every uploaded PDF and
// refuses one whose cross-reference table does not lead to its objects.

function pdfBytes(padding = Buffer.alloc(0)) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  const parts = [Buffer.from('%PDF-1.7\n')];
  let size = parts[0].length;
  const offsets = [];
  const add = (buffer) => { parts.push(buffer); size += buffer.length; };
  objects.forEach((body, i) => { offsets.push(size); add(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`)); });
  // A stream no page uses, to give the file the bytes a test wants.
  offsets.push(size);
  add(Buffer.from(`4 0 obj\n<< /Length ${padding.length} >>\nstream\n`));
  add(padding);
  add(Buffer.from('\nendstream\nendobj\n'));
  const xref = size;
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  add(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${entries}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

module.exports = { pdfBytes };
