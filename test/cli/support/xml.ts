/**
 * A small, strict XML 1.0 reader for tests: it rejects anything that is not well-formed (an
 * unescaped `<` or `&`, an unknown entity, a character XML forbids, unquoted or repeated
 * attributes, mismatched or unclosed tags, text or a second element after the root) and returns
 * the element tree with entities decoded, so tests can read what a JUnit consumer reads.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (children's text excluded), entities decoded. */
  text: string;
}

export class XmlError extends Error {}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;]*);|&/g, (_m, body: string | undefined) => {
    if (body === undefined) throw new XmlError(`bare & at ${at}`);
    if (body in ENTITIES) return ENTITIES[body];
    const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
    if (!num) throw new XmlError(`unknown entity &${body}; at ${at}`);
    const cp = num[1] ? parseInt(num[1], 16) : parseInt(num[2], 10);
    const ch = String.fromCodePoint(cp);
    if (FORBIDDEN.test(ch) || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
      throw new XmlError(`character reference to a forbidden character at ${at}`);
    return ch;
  });
}

/** Parses a whole XML document; throws XmlError with the offset of the first problem. */
export function parseXml(xml: string): XmlElement {
  const bad = FORBIDDEN.exec(xml);
  if (bad) throw new XmlError(`forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  for (let i = 0; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = xml.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) throw new XmlError(`lone surrogate at ${i}`);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) throw new XmlError(`lone surrogate at ${i}`);
  }
  let pos = 0;
  const fail = (msg: string): never => {
    throw new XmlError(`${msg} at ${pos}: ${JSON.stringify(xml.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (pos < xml.length && /\s/.test(xml[pos])) pos++;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(xml);
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0];
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (xml.startsWith('<!--', pos)) {
        const end = xml.indexOf('-->', pos + 4);
        if (end < 0) fail('unclosed comment');
        if (xml.slice(pos + 4, end).includes('--')) fail('"--" inside a comment');
        pos = end + 3;
      } else if (xml.startsWith('<?', pos) && !xml.startsWith('<?xml', pos)) {
        const end = xml.indexOf('?>', pos);
        if (end < 0) fail('unclosed processing instruction');
        pos = end + 2;
      } else return;
    }
  };

  if (xml.startsWith('\uFEFF')) pos = 1;
  if (xml.startsWith('<?xml', pos)) {
    const end = xml.indexOf('?>', pos);
    if (end < 0) fail('unclosed XML declaration');
    const decl = xml.slice(pos, end);
    if (
      !/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]\1(\s+encoding\s*=\s*(["'])[A-Za-z][-A-Za-z0-9._]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(
        decl,
      )
    )
      fail('malformed XML declaration');
    pos = end + 2;
  }
  skipMisc();
  if (xml.startsWith('<!DOCTYPE', pos)) fail('DOCTYPE is not expected in a report');

  const element = (): XmlElement => {
    if (xml[pos] !== '<') fail('expected an element');
    pos++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      skipSpace();
      if (xml.startsWith('/>', pos)) {
        pos += 2;
        return el;
      }
      if (xml[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail('expected whitespace before an attribute');
      const attr = name();
      skipSpace();
      if (xml[pos] !== '=') fail(`attribute ${attr} has no value`);
      pos++;
      skipSpace();
      const q = xml[pos];
      if (q !== '"' && q !== "'") fail(`attribute ${attr} is not quoted`);
      const end = xml.indexOf(q, pos + 1);
      if (end < 0) fail('unclosed attribute value');
      const raw = xml.slice(pos + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of ${attr}`);
      if (attr in el.attrs) fail(`attribute ${attr} repeated`);
      // Attribute-value normalisation: literal whitespace becomes a space; references survive.
      el.attrs[attr] = decode(raw.replace(/[\t\n\r]/g, ' '), pos);
      pos = end + 1;
    }
    for (;;) {
      if (pos >= xml.length) fail(`<${el.name}> is not closed`);
      if (xml.startsWith('</', pos)) {
        pos += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (xml[pos] !== '>') fail('malformed closing tag');
        pos++;
        return el;
      }
      if (xml.startsWith('<!--', pos)) {
        skipMisc();
        continue;
      }
      if (xml.startsWith('<![CDATA[', pos)) {
        const end = xml.indexOf(']]>', pos);
        if (end < 0) fail('unclosed CDATA');
        el.text += xml.slice(pos + 9, end);
        pos = end + 3;
        continue;
      }
      if (xml[pos] === '<') {
        el.children.push(element());
        continue;
      }
      const next = xml.indexOf('<', pos);
      const raw = xml.slice(pos, next < 0 ? xml.length : next);
      if (raw.includes(']]>')) fail('"]]>" in text');
      el.text += decode(raw, pos);
      pos += raw.length;
    }
  };

  const root = element();
  skipMisc();
  if (pos !== xml.length) fail('content after the root element');
  return root;
}

/** Every descendant element with a name, depth first. */
export function elements(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      visit(c);
    }
  };
  visit(el);
  return out;
}
