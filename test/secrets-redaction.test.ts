/**
 * A secret value never leaves the engine: scan the labelled corpus, take the raw text of every secret finding from
 * the file, and check that no reporter (text, JSON, SARIF, GitHub annotations) prints it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { FORMATS, REPORTERS } from '../src/report/index.js';
import { CORPUS } from './corpus/secrets/evaluate.js';
import { scanCopy } from './helpers.js';

describe('secret redaction', () => {
  let result: Awaited<ReturnType<typeof scanCopy>>;
  let secrets: string[];
  beforeAll(async () => {
    result = await scanCopy(CORPUS);
    secrets = result.findings.filter((f) => f.redacted !== undefined).map((f) => {
      const lines = readFileSync(path.join(result.dir, f.location.file), 'utf8').split('\n');
      if (f.location.startLine !== f.location.endLine) return lines[f.location.startLine - 1] ?? '';
      // path anchors (JSON5 values) include the quotes
      return (lines[f.location.startLine - 1] ?? '').slice(f.location.startColumn - 1, f.location.endColumn - 1).replace(/^["']|["']$/g, '');
    });
  });

  it.each(FORMATS.map((f) => [f]))('%s output holds no raw secret', (format) => {
    expect(secrets.length).toBeGreaterThan(250);
    const out = REPORTERS[format]({ findings: result.findings, notes: result.notes, catalogue: RULES, stats: result.stats }, { showSuppressed: true, category: 'gatewarden/', color: false });
    for (const s of secrets.filter((x) => x.length >= 12)) expect(out.includes(s), `${format} leaks ${s.slice(0, 6)}…`).toBe(false);
  });
});
