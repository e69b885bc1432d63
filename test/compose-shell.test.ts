/**
 * Compose `command:`/`entrypoint:` read as shell of the compose file (parse/shell-sources.ts composeShellSource):
 * string and list forms, a shell's `-c` script across entrypoint and command, compose's `$$`, positions in the file.
 */
import { describe, expect, it } from 'vitest';
import type { ShellTarget } from '../src/model/target.js';
import { parseFile } from '../src/engine/parse/index.js';

function shell(text: string): ShellTarget | undefined {
  const p = parseFile('docker-compose.yml', 'compose', text);
  if (!p.ok) throw new Error(p.error.message);
  return p.derived?.find((d): d is { target: ShellTarget } => d.target.kind === 'shell')?.target;
}
const commands = (t: ShellTarget | undefined) => (t?.pipelines ?? []).flatMap((p) => p.commands.map((c) => c.words.map((w) => w.value).join(' ')));

describe('compose commands as shell', () => {
  it('reads the string form, the exec form and a -c script split over entrypoint and command', () => {
    const text = [
      'services:',
      '  a:',
      '    command: sh -c "echo $$HOME && exec openclaw gateway"',
      '  b:',
      '    command: ["node", "openclaw.mjs", "gateway", "--token", "$${T}", "a b"]',
      '  c:',
      '    entrypoint: ["/bin/bash", "-lc"]',
      '    command:',
      '      - |',
      '        set -e',
      '        chmod 700 "$$HOME/.openclaw"',
      '',
    ].join('\n');
    const t = shell(text);
    expect(t?.origin).toBe('compose');
    expect(commands(t)).toEqual(['sh -c echo $HOME && exec openclaw gateway', 'node openclaw.mjs gateway --token ${T} a b', 'set -e', 'chmod 700 $HOME/.openclaw', 'echo $HOME', 'exec openclaw gateway']);
    // Positions are the compose file's: each word where it is written.
    const words = (t?.pipelines ?? []).flatMap((p) => p.commands.flatMap((c) => c.words));
    const at = (v: string) => words.find((w) => w.value === v);
    expect(text.slice(at('openclaw.mjs')?.start, at('openclaw.mjs')?.end)).toBe('openclaw.mjs');
    expect(text.slice(at('chmod')?.start, at('chmod')?.end)).toBe('chmod');
    expect(text.slice(at('$HOME/.openclaw')?.start, at('$HOME/.openclaw')?.end)).toBe('"$$HOME/.openclaw"');
  });

  it('adds no shell target to a compose file without commands', () => {
    expect(shell('services:\n  a:\n    image: nginx:1.27\n')).toBeUndefined();
  });
});

describe('Dockerfile CMD and ENTRYPOINT as shell', () => {
  it('reads the shell form and an exec-form -c script, at their places in the file; other exec forms are not shell', () => {
    const text = ['FROM alpine:3.20', 'RUN apk add curl', 'CMD echo start && exec openclaw gateway', 'ENTRYPOINT ["/bin/sh", "-ec", "chmod 700 /data && exec \\"$0\\" \\"$@\\""]', 'HEALTHCHECK CMD ["wget", "-q", "http://localhost:18789/"]', 'CMD ["node", "openclaw.mjs", "gateway"]', ''].join('\n');
    const p = parseFile('Dockerfile', 'dockerfile', text);
    if (!p.ok) throw new Error(p.error.message);
    const t = p.derived?.find((d): d is { target: ShellTarget } => d.target.kind === 'shell')?.target;
    expect(commands(t)).toEqual(['apk add curl', 'echo start', 'exec openclaw gateway', 'chmod 700 /data', 'exec $0 $@']);
    const words = (t?.pipelines ?? []).flatMap((q) => q.commands.flatMap((c) => c.words));
    const gw = words.find((w) => w.value === 'gateway');
    expect(text.slice(gw?.start, gw?.end)).toBe('gateway');
    // An escaped JSON string cannot be placed character by character: its words sit at the instruction.
    const chmod = words.find((w) => w.value === 'chmod');
    expect(chmod?.start).toBe(text.indexOf('['));
  });
});
