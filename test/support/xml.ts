/**
 * A strict, small XML 1.0 well-formedness checker and reader for the tests of the JUnit report (no XML parser is a
 * dependency). It accepts a subset of XML (an XML declaration, elements, attributes, character data, character and
 * predefined entity references, comments) and throws on anything else, so what it accepts is well-formed XML that
 * any conforming parser reads the same way; what it rejects may be well-formed but is never produced by us
 * (DOCTYPE, CDATA, processing instructions). Checked against hand-written bad documents in the tests.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, references decoded (not its children's). */
  text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9._:-]*/y;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML 1.0 `Char`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

export function parseXml(doc: string): XmlElement {
  // Every character must be an XML Char (a lone surrogate is none: codePointAt returns it alone).
  for (let i = 0; i < doc.length; i++) {
    const cp = doc.codePointAt(i) ?? 0;
    if (!isXmlChar(cp)) throw new Error(`character U+${cp.toString(16)} at ${i} is not allowed in XML`);
    if (cp > 0xffff) i++;
  }
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at ${pos}: ${JSON.stringify(doc.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (pos < doc.length && ' \t\r\n'.includes(doc[pos] ?? '')) pos++;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(doc);
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0];
  };
  const reference = (): string => {
    const end = doc.indexOf(';', pos);
    if (end < 0 || end - pos > 12) fail('unterminated reference');
    const body = doc.slice(pos + 1, end);
    let out: string | undefined;
    if (body.startsWith('#x') && /^#x[0-9a-fA-F]{1,6}$/.test(body)) out = String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    else if (body.startsWith('#') && /^#[0-9]{1,7}$/.test(body)) out = String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    else out = PREDEFINED[body];
    if (out === undefined) fail(`unknown reference &${body};`);
    if (!isXmlChar(out!.codePointAt(0) ?? 0)) fail('reference to a character XML does not allow');
    pos = end + 1;
    return out!;
  };
  const comment = () => {
    const end = doc.indexOf('-->', pos + 4);
    if (end < 0) fail('unterminated comment');
    if (doc.slice(pos + 4, end).includes('--') || doc[end - 1] === '-') fail('"--" inside a comment');
    pos = end + 3;
  };
  const miscellany = () => {
    for (;;) {
      skipSpace();
      if (doc.startsWith('<!--', pos)) comment();
      else return;
    }
  };
  const element = (): XmlElement => {
    if (doc[pos] !== '<') fail('expected an element');
    pos++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      skipSpace();
      if (doc.startsWith('/>', pos)) {
        pos += 2;
        return el;
      }
      if (doc[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail('expected white space before an attribute');
      const key = name();
      if (key in el.attrs) fail(`duplicate attribute ${key}`);
      skipSpace();
      if (doc[pos] !== '=') fail('expected =');
      pos++;
      skipSpace();
      const quote = doc[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      pos++;
      let value = '';
      while (doc[pos] !== quote) {
        const c = doc[pos];
        if (c === undefined) fail('unterminated attribute value');
        if (c === '<') fail('"<" in an attribute value');
        if (c === '&') value += reference();
        else {
          // Attribute-value normalisation: literal white space becomes a space.
          value += c === '\t' || c === '\n' || c === '\r' ? ' ' : c;
          pos++;
        }
      }
      pos++;
      el.attrs[key] = value;
    }
    for (;;) {
      const c = doc[pos];
      if (c === undefined) fail(`unclosed element ${el.name}`);
      if (doc.startsWith('</', pos)) {
        pos += 2;
        if (name() !== el.name) fail(`mismatched end tag for ${el.name}`);
        skipSpace();
        if (doc[pos] !== '>') fail('expected >');
        pos++;
        return el;
      }
      if (doc.startsWith('<!--', pos)) comment();
      else if (doc.startsWith('<!', pos) || doc.startsWith('<?', pos)) fail('CDATA, DOCTYPE and processing instructions are not accepted');
      else if (c === '<') el.children.push(element());
      else if (c === '&') el.text += reference();
      else if (doc.startsWith(']]>', pos)) fail('"]]>" in character data');
      else {
        // Line-end normalisation: CR LF and lone CR become LF.
        if (c === '\r') {
          el.text += '\n';
          pos += doc[pos + 1] === '\n' ? 2 : 1;
        } else {
          el.text += c;
          pos++;
        }
      }
    }
  };

  if (doc.startsWith('<?xml', pos)) {
    const end = doc.indexOf('?>', pos);
    if (end < 0) fail('unterminated XML declaration');
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?( standalone="(yes|no)")? ?$/.test(doc.slice(pos, end))) fail('unexpected XML declaration');
    pos = end + 2;
  }
  miscellany();
  const root = element();
  miscellany();
  if (pos !== doc.length) fail('content after the root element');
  return root;
}
