/**
 * Precise scrubbing (src/engine/postprocess/redact.ts): every output text of a file's findings and notes is scrubbed
 * of every secret reported in that file, whatever the secret's shape. The key-like-word heuristic (redactKeyLikeWords)
 * stays as a second layer; these cases are the ones it misses: a rule that names a compose service or variable does
 * not know the name holds another rule's token.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import { redact, redactKeyLikeWords, SecretScrubber, scrubFindings, scrubNotes, type SecretLedger } from '../../src/engine/postprocess/redact.js';
import type { Finding, Note } from '../../src/model/finding.js';
import { FORMATS, REPORTERS } from '../../src/report/index.js';

// Built from parts, so this file holds no whole token (the repository scans itself: test/self-scan.test.ts).
// A Slack bot token whose last part has no digit: no `_`/`-` part of it has letters and digits mixed, so the
// heuristic does not see a key in it.
const SLACK = ['xoxb', '17653672481', '19874698323', 'pdFZKVeTuEsskoOcBrzbqgyx'].join('-');
// A Telegram bot token whose body is cut by `_` and `-` into parts under 16 characters.
const TELEGRAM = ['7012345678', ':', 'AAHk3j2_x9Lm-Qw8rT1zPp4_VbN6c0Ydf2s'].join('');

const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-scrub-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mkTree(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  mkdirSync(root, { recursive: true });
  for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(root, rel), text);
  return root;
}

async function outputs(root: string): Promise<{ findings: Finding[]; all: string }> {
  const result = await scan({ paths: [root], rules: RULES, noConfig: true });
  const report = { findings: result.findings, notes: result.notes, catalogue: RULES, stats: result.stats };
  const all = FORMATS.map((f) => REPORTERS[f](report, { showSuppressed: true, category: 'gatewarden/', color: false, minSeverity: 'info', verbose: true })).join('\n');
  return { findings: result.findings, all };
}

describe('precise scrubbing: no output byte of a finding holds a secret seen in its file', () => {
  it('the heuristic alone misses both tokens (what this test is about)', () => {
    expect(redactKeyLikeWords(`Service "${SLACK}" runs privileged`)).toContain(SLACK);
    expect(redactKeyLikeWords(`variable ${TELEGRAM}`)).toContain(TELEGRAM);
  });

  it('a compose service named with a Slack token: the compose rules quoting the name show it redacted, in every format', async () => {
    const root = mkTree('service', { 'compose.yaml': `services:\n  ${SLACK}:\n    image: nginx:1.27.0\n    privileged: true\n` });
    const { findings, all } = await outputs(root);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['secrets.slack_token', 'compose.privileged']));
    expect(all.includes(SLACK)).toBe(false);
    const privileged = findings.find((f) => f.ruleId === 'compose.privileged');
    expect(privileged?.message).toBe(`Service "${redact(SLACK)}" runs privileged: it has every capability and all host devices, so a compromise of the container is a compromise of the host.`);
  });

  it('a Telegram token in the file, also pasted into a variable name: inline_secret quoting the name shows it redacted', async () => {
    const root = mkTree('variable', { 'compose.yaml': `services:\n  bot:\n    image: nginx:1.27.0\n    environment:\n      BOT: "${TELEGRAM}"\n      API_TOKEN_${TELEGRAM}: "Kx9vQ2mT7wLp4RzN8sYb3"\n` });
    const { findings, all } = await outputs(root);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['secrets.telegram_bot_token', 'compose.inline_secret']));
    expect(findings.find((f) => f.ruleId === 'compose.inline_secret')?.message).toBe(`Service "bot" has a literal secret in environment API_TOKEN_${redact(TELEGRAM)}; it is committed with the file.`);
    expect(all.includes(TELEGRAM)).toBe(false);
    expect(all.includes('Kx9vQ2mT7wLp4RzN8sYb3')).toBe(false);
  });

  it('a file without secrets is left as it was: same findings, same objects', () => {
    const f: Finding = { ruleId: 'x.y', severity: 'high', message: `Service "${SLACK}"`, location: { file: 'b.yml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, fingerprint: 'f' };
    const ledger: SecretLedger = new Map([['a.yml', new Set([SLACK])]]);
    const [same] = scrubFindings([f], ledger);
    expect(same).toBe(f);
    const [scrubbed] = scrubFindings([{ ...f, location: { ...f.location, file: 'a.yml' } }], ledger);
    expect(scrubbed?.message).toBe(`Service "${redact(SLACK)}"`);
  });

  it('every output text of a finding is scrubbed: message, fix, properties, suppression reason; and notes about the file', () => {
    const loc = { file: 'a.yml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
    const f: Finding = {
      ruleId: 'x.y',
      severity: 'high',
      message: 'm',
      location: loc,
      fingerprint: 'f',
      fix: { description: `rename ${SLACK}`, location: loc, replacement: `${SLACK}: x` },
      properties: { name: `k_${SLACK}`, n: 3 },
      suppressed: { kind: 'inline', reason: `ok ${SLACK}` },
    };
    const [s] = scrubFindings([f], new Map([['a.yml', new Set([SLACK])]]));
    expect(JSON.stringify(s)).not.toContain(SLACK);
    expect(s?.properties?.n).toBe(3);
    const notes: Note[] = [{ level: 'error', code: 'parse.error', message: `unexpected ${SLACK}`, file: 'a.yml' }, { level: 'info', code: 'x', message: SLACK }];
    scrubNotes(notes, new Map([['a.yml', new Set([SLACK])]]));
    expect(notes[0]?.message).toBe(`unexpected ${redact(SLACK)}`);
    expect(notes[1]?.message).toBe(SLACK); // no file: not that file's secret
  });

  it('the scrubber replaces every occurrence, the longer of two secrets that start together, and nothing else', () => {
    const s = new SecretScrubber(['abcdef123456', 'abcdef123456789xyz', 'short', 'Zq9Zq9Zq9']);
    expect(s.scrub('x abcdef123456789xyz y abcdef123456 z')).toBe(`x ${redact('abcdef123456789xyz')} y ${redact('abcdef123456')} z`);
    expect(s.scrub('a short word')).toBe('a short word'); // under 6 characters: "pass" is in "password"
    expect(s.scrub('Zq9Zq9Zq9Zq9Zq9Zq9')).toBe(`${redact('Zq9Zq9Zq9')}${redact('Zq9Zq9Zq9')}`);
    const plain = 'nothing to see';
    expect(s.scrub(plain)).toBe(plain);
  });
});
