/** scripts/new-rule.ts: the scaffold of a rule, in a scratch copy of the layout it writes into. */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRule } from '../scripts/new-rule.js';
import { renderRegistry } from '../scripts/registry.js';
import { readExpectations, ROOT } from './helpers.js';

/** A root with the registry's inputs: one existing rule module and its fixtures. */
function scratch(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gatewarden-new-rule-'));
  mkdirSync(path.join(root, 'rules', 'compose'), { recursive: true });
  mkdirSync(path.join(root, 'rules', '_shared'), { recursive: true });
  cpSync(path.join(ROOT, 'rules', 'compose', 'privileged.ts'), path.join(root, 'rules', 'compose', 'privileged.ts'));
  cpSync(path.join(ROOT, 'test', 'fixtures', 'rules', 'compose', 'privileged'), path.join(root, 'test', 'fixtures', 'rules', 'compose', 'privileged'), { recursive: true });
  return root;
}

describe('npm run new-rule', () => {
  it('writes the module, a bad/ fixture announcing the rule and a good/ one, and regenerates the registry', () => {
    const root = scratch();
    expect(newRule(root, 'compose.example_check')).toEqual([
      'rules/compose/example_check.ts',
      'test/fixtures/rules/compose/example_check/bad/docker-compose.yml',
      'test/fixtures/rules/compose/example_check/good/docker-compose.yml',
    ]);
    const module = readFileSync(path.join(root, 'rules', 'compose', 'example_check.ts'), 'utf8');
    expect(module).toContain("id: 'compose.example_check'");
    expect(module).toContain("appliesTo: ['compose_project']");
    const bad = path.join(root, 'test', 'fixtures', 'rules', 'compose', 'example_check', 'bad');
    expect(readExpectations(bad)).toEqual([{ ruleId: 'compose.example_check', file: 'docker-compose.yml', line: 3 }]);
    const registry = readFileSync(path.join(root, 'rules', 'index.ts'), 'utf8');
    expect(registry).toBe(renderRegistry(root));
    expect(registry).toContain("import composeExampleCheck from './compose/example_check.js';");
    expect(registry.indexOf('composeExampleCheck,')).toBeLessThan(registry.indexOf('composePrivileged,'));
  });

  it('--token writes a token rule: the spec as data with samples, and the shared check', () => {
    const root = scratch();
    newRule(root, 'secrets.example_key', { token: true });
    const module = readFileSync(path.join(root, 'rules', 'secrets', 'example_key.ts'), 'utf8');
    expect(module).toContain("id: 'secrets.example_key'");
    expect(module).toContain("appliesTo: ['text']");
    expect(module).toMatch(/token: \{[^]*keywords: \['TODO_'\][^]*samples: \{[^]*true: \[\(r\) => `TODO_\$\{r\.alnum\(32\)\}`\]/);
    expect(module).toContain('check: reportTokens,');
  });

  it('announces a finding of a file without comments in expected.json', () => {
    const root = scratch();
    newRule(root, 'daemon.example_check');
    const bad = path.join(root, 'test', 'fixtures', 'rules', 'daemon', 'example_check', 'bad');
    expect(readExpectations(bad)).toEqual([{ ruleId: 'daemon.example_check', file: 'daemon.json', line: 1 }]);
  });

  it('refuses a taken id and a malformed one, writing nothing', () => {
    const root = scratch();
    expect(() => newRule(root, 'compose.privileged')).toThrow(/exists already/);
    for (const bad of ['compose', 'Compose.x', '_shared.x', 'compose.', 'compose.a-b', '../x.y']) expect(() => newRule(root, bad), bad).toThrow(/not a rule id/);
    expect(existsSync(path.join(root, 'rules', 'index.ts'))).toBe(false);
  });

  it('runs as `npm run new-rule -- <id>`: exit 1 and a reason on a refused id', () => {
    const root = scratch();
    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'new-rule.ts'), '--root', root, 'compose.privileged'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: string };
      out = `${err.status} ${err.stderr}`;
    }
    expect(out).toBe('1 new-rule: compose.privileged exists already: rules/compose/privileged.ts\n');
  });
});
