/**
 * The credentials vendors publish in their documentation (data/secrets/published-examples.json, each with its source)
 * are examples: no `secrets.*` finding on them, written as docs write them. The detector holds only their SHA-256
 * (src/lib/published-examples.ts); this test checks that list against the data file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_EXAMPLE_DIGESTS, publishedExample } from '../src/lib/published-examples.js';
import { findingsOf } from './support/rule-tester.js';
import { RULES } from '../rules/index.js';
import { ROOT } from './helpers.js';

interface Example {
  id: string;
  parts: string[];
  source: { url: string };
}
const data = JSON.parse(readFileSync(path.join(ROOT, 'data/secrets/published-examples.json'), 'utf8')) as { examples: Example[] };
const value = (e: Example) => e.parts.join('');

describe('published documentation examples', () => {
  it('the detector holds exactly the digests of the data file, each example with a source', () => {
    const digests = new Map(data.examples.map((e) => [createHash('sha256').update(value(e)).digest('hex'), e.id]));
    expect(new Map(PUBLISHED_EXAMPLE_DIGESTS)).toEqual(digests);
    for (const e of data.examples) {
      expect(e.source.url, e.id).toMatch(/^https:\/\//);
      expect(publishedExample(value(e)), e.id).toBe(e.id);
    }
  });

  it('no secrets.* finding on any of them, in a Markdown code block, a .env and a JSON config', async () => {
    const env = data.examples.map((e, i) => `TOKEN_${i}=${value(e)}`).join('\n');
    const files = { 'docs/setup.md': `# Setup\n\n\`\`\`\n${env}\n\`\`\`\n`, 'examples/app.env': `${env}\n`, 'examples/config.json': JSON.stringify(Object.fromEntries(data.examples.map((e) => [`${e.id.replace(/-/g, '_')}_token`, value(e)])), null, 2) };
    for (const rule of RULES.filter((r) => r.id.startsWith('secrets.'))) {
      const found = await findingsOf(rule.id, files);
      expect(found.map((f) => `${f.location.file}:${f.location.startLine}`), rule.id).toEqual([]);
    }
  }, 120_000);
});
