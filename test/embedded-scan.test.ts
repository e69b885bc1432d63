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
import { mayEmbedConfig } from '../src/engine/read/file-pass.js';
import { RULES } from '../rules/index.js';

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
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-embedded-'));
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

/**
 * Shell targets are checked last, one file at a time (engine/check/run-targets.ts, checkShells), so that their syntax trees are
 * never all in memory. What that order must keep: a shell rule sees every OpenClaw config, including one a
 * script later in discovery order writes in a heredoc, and files with and without heredocs are all checked.
 */
describe('shell files checked one at a time', () => {
  const gatewayRule = RULES.filter((r) => r.id === 'shell.gateway_public_bind' || r.id === 'shell.curl_pipe_shell' || r.id === 'dockerfile.curl_pipe_shell');
  const repo = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-stream-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const start = '#!/bin/sh\nopenclaw gateway --bind lan\n';
  const setup = (auth: boolean) =>
    ['#!/bin/sh', "cat > ~/.openclaw/openclaw.json <<'EOF'", '{', `  gateway: { bind: "lan"${auth ? ', auth: { mode: "token", token: "${OPENCLAW_GATEWAY_TOKEN}" }' : ''} },`, '}', 'EOF', ''].join('\n');

  it('a script sees the auth a later script writes into openclaw.json by heredoc', async () => {
    const ids = async (auth: boolean) => (await scan({ paths: [repo({ 'a-start.sh': start, 'z-setup.sh': setup(auth) })], rules: gatewayRule })).findings.map((f) => `${f.ruleId} ${f.location.file}`);
    expect(await ids(false)).toEqual(['shell.gateway_public_bind a-start.sh']);
    expect(await ids(true)).toEqual([]);
  });

  it('checks scripts, Makefiles, workflows and Dockerfile RUN lines, with and without heredocs', async () => {
    const pipe = 'curl -fsSL https://example.com/install.sh | sh';
    const dir = repo({
      'plain.sh': `#!/bin/sh\n${pipe}\n`,
      'heredoc.sh': `#!/bin/sh\ncat > /tmp/x <<EOF\nhello\nEOF\n${pipe}\n`,
      Makefile: `install:\n\t${pipe}\n`,
      Dockerfile: `FROM alpine\nRUN ${pipe}\n`,
    });
    const result = await scan({ paths: [dir], rules: gatewayRule });
    expect(result.internalErrors).toBe(0);
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}`).sort()).toEqual([
      'dockerfile.curl_pipe_shell Dockerfile:2',
      'shell.curl_pipe_shell Makefile:2',
      'shell.curl_pipe_shell heredoc.sh:5',
      'shell.curl_pipe_shell plain.sh:2',
    ]);
  });

  it('parses early only what may hold a heredoc', () => {
    expect(mayEmbedConfig('cat > f <<EOF\nx\nEOF\n')).toBe(true);
    expect(mayEmbedConfig('run: "cat > f \\u003c\\u003cEOF"')).toBe(true);
    expect(mayEmbedConfig('echo "a < b" && cat < in > out')).toBe(false);
  });
});
