/**
 * End to end through the engine: a rule over OpenClaw configs, run on a config embedded in a script, reports
 * at the right place in the script (structural path, range, whole file), and its fix is mapped too.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { at } from '../src/model/location.js';
import { defineRule } from '../src/model/rule.js';
import { scan } from '../src/engine/scan.js';

const probe = defineRule({
  id: 'test.embedded_probe',
  title: 'probe',
  severity: 'low',
  description: 'Reports where a config sets gateway.bind, by path, by range, and for the whole file.',
  remediation: 'none',
  appliesTo: ['openclaw'],
  check(target, ctx) {
    ctx.report({ at: at.path(['gateway', 'bind']), message: 'path', fix: { description: 'loopback', at: at.path(['gateway', 'bind'], { part: 'value' }), replacement: '"loopback"' } });
    const i = target.text.indexOf('"lan"');
    ctx.report({ at: at.range(i, i + 5), message: 'range' });
    ctx.report({ at: at.file(), message: 'file' });
  },
});

describe('embedded OpenClaw configs in a scan', () => {
  it('map every anchor kind back into the script', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clawscan-embedded-'));
    const script = ['#!/bin/sh', 'set -e', "cat > ~/.openclaw/openclaw.json <<'EOF'", '{', '  gateway: {', '    bind: "lan",', '  },', '}', 'EOF', ''].join('\n');
    writeFileSync(path.join(dir, 'install.sh'), script);
    const result = await scan({ paths: [dir], rules: [probe] });
    expect(result.internalErrors).toBe(0);
    const by = (m: string) => result.findings.find((f) => f.message === m);
    expect(by('path')?.location).toMatchObject({ file: 'install.sh', startLine: 6, startColumn: 5, endLine: 6, endColumn: 16 });
    expect(by('path')?.fix?.location).toMatchObject({ startLine: 6, startColumn: 11, endColumn: 16 });
    expect(by('range')?.location).toMatchObject({ file: 'install.sh', startLine: 6, startColumn: 11, endColumn: 16 });
    expect(by('file')?.location).toMatchObject({ file: 'install.sh', startLine: 3 });
  });
});
