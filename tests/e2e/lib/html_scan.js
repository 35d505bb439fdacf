'use strict';
// Reads the links and ids out of the generator's HTML. The generator writes
// well-formed markup with quoted attributes, so a tag scanner is enough;
// comments are dropped first so that commented-out markup does not count.

const LINK_ATTRIBUTES = {
  a: ['href'], area: ['href'], link: ['href'], script: ['src'], img: ['src'], iframe: ['src'], source: ['src'],
  audio: ['src'], video: ['src', 'poster'], track: ['src'], embed: ['src'], object: ['data'], form: ['action'],
};

function decodeEntities(value) {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name];
  });
}

function attributesOf(source) {
  const out = new Map();
  const attribute = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const m of source.matchAll(attribute)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    out.set(m[1].toLowerCase(), decodeEntities(value));
  }
  return out;
}

// { links: [{ tag, attribute, value, line }], ids: Set }
function scanHtml(html) {
  const text = html.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const links = [];
  const ids = new Set();
  for (const m of text.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/g)) {
    const tag = m[1].toLowerCase();
    const attributes = attributesOf(m[2] || '');
    if (attributes.has('id')) ids.add(attributes.get('id'));
    if (tag === 'a' && attributes.has('name')) ids.add(attributes.get('name'));
    const line = text.slice(0, m.index).split('\n').length;
    for (const attribute of LINK_ATTRIBUTES[tag] || []) {
      if (attributes.has(attribute)) links.push({ tag, attribute, value: attributes.get(attribute), line });
    }
  }
  return { links, ids };
}

// The URLs an XML file names: <loc> in a sitemap, href= in an Atom feed.
function scanXmlUrls(xml) {
  const urls = [];
  for (const m of xml.matchAll(/<loc>([^<]*)<\/loc>|<link\b[^>]*\bhref="([^"]*)"/g)) {
    urls.push({ value: decodeEntities(m[1] ?? m[2]), line: xml.slice(0, m.index).split('\n').length, tag: m[1] !== undefined ? 'loc' : 'link' });
  }
  return urls;
}

module.exports = { scanHtml, scanXmlUrls };
