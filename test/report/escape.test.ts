/**
 * report/escape.ts as a contract: every escaping function against a corpus of hostile names and values (issue 22,
 * docs/design/pr-threat-model-tests.md §3). The Markdown checks use the suite's own definition of "renders as
 * text" (markdownProblems, test/support/hostile-pr.ts), so the unit contract and the end-to-end tests agree.
 */
import { describe, expect, it } from 'vitest';
import { commandData, commandProperty, mdCode, mdLine, mdText, sarifUri, terminal, visible } from '../../src/report/escape.js';
import { markdownProblems } from '../support/hostile-pr.js';

/** Names and values a pull request controls. */
const HOSTILE = [
  'notes\r<!-- x',
  'cr2\r## ✅ No new findings.txt',
  'nl\n::error file=forged.yml,line=1::FORGED',
  'md`<img src=x onerror=alert(1)>`[click](javascript:alert(1)).txt',
  '``double`` and ```triple',
  '`',
  '[](javascript:alert(1))',
  '![t](https://evil.example/p.png)',
  'svc @octocat <img src=x> [phish](https://evil.example)',
  '@acme/security-team/.env',
  'see https://evil.example and www.evil.example',
  'ansi\x1b[2J\x1b[31m\x1b]8;;https:evil.example\x07x.txt',
  'rtl\u202etxt.exe',
  'isolate\u2066x\u2069 and \u200f mark',
  'c1\u0085\u009bx',
  'tab\there',
  'pct%0A::warning::forged.txt',
  'pipe|col.txt',
  '<details><summary>open',
  '&lt;already&gt; &amp;',
  'back\\slash\\`',
];

// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const ANY_CONTROL = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('visible', () => {
  it('shows every control, bidi and separator character as a visible escape, and leaves other text alone', () => {
    expect(visible('a\rb\nc\td\x1be\x07f\u202eg\u0085')).toBe('a\\rb\\nc\\td\\x1be\\x07f\\u202eg\\x85');
    expect(visible('a\nb', true)).toBe('a\nb');
    expect(visible('plain ünïcödé 名前 ✅')).toBe('plain ünïcödé 名前 ✅');
    for (const s of HOSTILE) expect(visible(s)).not.toMatch(ANY_CONTROL);
  });
});

describe('Markdown', () => {
  it.each(HOSTILE)('mdText(%j) renders as text in a table cell: no HTML, link, image, autolink, mention, control or cell break', (s) => {
    const cell = mdText(s);
    expect(markdownProblems(`| ${cell} |`)).toEqual([]);
    expect(cell).not.toContain('|');
    expect(cell).not.toContain('\n');
  });

  it.each(HOSTILE)('mdCode(%j) is one code span that renders as text, and keeps the name readable', (s) => {
    const code = mdCode(s);
    expect(markdownProblems(`| ${code} |`)).toEqual([]);
    expect(code.replace(/\\\|/g, '')).not.toMatch(/(?<!\\)\|/);
    // The name is there, controls escaped: nothing of it is dropped.
    expect(code).toContain(visible(s).replace(/\|/g, '\\|'));
  });

  it('mdLine keeps the product\'s code spans as code and escapes the rest', () => {
    expect(mdLine('Review comments skipped: grant `pull-requests: write` to @team <b>')).toBe('Review comments skipped: grant `pull-requests: write` to @\u2060team &lt;b&gt;');
    for (const s of HOSTILE) expect(markdownProblems(mdLine(`assigned to \`${s}\` in ${s}`))).toEqual([]);
  });

  it('an @mention cannot survive entity decoding: the @ is followed by a word joiner', () => {
    expect(mdText('@octocat')).toBe('@\u2060octocat');
  });
});

describe('workflow commands', () => {
  it.each(HOSTILE)('commandData(%j) and commandProperty hold no line break or control (a command starts only at a line start); a property cannot end the properties', (s) => {
    for (const out of [commandData(s), commandProperty(s)]) expect(out).not.toMatch(ANY_CONTROL);
    expect(commandProperty(s)).not.toMatch(/[,:]/);
  });

  it('follows the toolkit for %, CR, LF, : and ,', () => {
    expect(commandData('100%\r\n')).toBe('100%25%0D%0A');
    expect(commandProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});

describe('terminal', () => {
  it.each(HOSTILE)('terminal(%j) is one line with no control character', (s) => {
    expect(terminal(s)).not.toMatch(ANY_CONTROL);
  });
});

describe('SARIF URIs', () => {
  const names = ['hash#frag?q=1.txt', 'x:y.txt', 'pct%41.txt', 'dir/sp ace/ü.txt', 'nl\n.txt', 'cr2\r## x.txt', '@acme/security-team/.env'];
  it.each(names)('sarifUri(%j) resolves against a base to the file itself', (name) => {
    const base = 'file:///src/';
    const url = new URL(sarifUri(name), base);
    expect(url.href.startsWith(base)).toBe(true);
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
    expect(decodeURIComponent(url.pathname.slice('/src/'.length))).toBe(name);
  });

  it('encodes the bytes of a name that is not UTF-8 (shown as \\xhh) as themselves', () => {
    expect(sarifUri('k\\xff.txt')).toBe('k%FF.txt');
    expect(sarifUri('d\\xfe/k\\xff\\xc3.txt')).toBe('d%FE/k%FF%C3.txt');
  });
});
