/**
 * Dogfood: Gatewarden on its own repository (with its .gatewarden.yml, which fences off test/fixtures/) finds
 * nothing. This catches a fixture token leaking into generated docs, and false positives on real code.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import { ROOT } from './helpers.js';

describe('self-scan', () => {
  it('finds nothing in this repository outside the fixtures', async () => {
    const r = await scan({ paths: [ROOT], rules: RULES });
    expect(r.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine} ${f.message}`)).toEqual([]);
    expect(r.internalErrors).toBe(0);
  });
});
