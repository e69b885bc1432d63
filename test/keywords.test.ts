/**
 * Keyword gates for shell rules (engine/check/keywords.ts): a script, Makefile or workflow is parsed only when some
 * shell rule's keyword is in it, and a shell rule runs only on code that holds one of its keywords. What must hold
 * for that to lose nothing: every finding a shell rule makes, run without the gate, is on code that contains one of
 * its keywords; and the keyword test reads words as the shell does.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import type { ShellTarget } from '../src/model/target.js';
import { classify, looksLikeShell } from '../src/engine/read/classify.js';
import { keywordText, mayApply } from '../src/engine/check/keywords.js';
import { parseFile } from '../src/engine/parse/index.js';
import { scan } from '../src/engine/scan.js';
import { textNeeded } from '../src/engine/read/file-pass.js';
import { FIXTURES, listFiles } from './helpers.js';
import { contextWithoutTokens } from '../src/engine/check/runner.js';

const appliesToShell = (r: (typeof RULES)[number]) => (r.appliesTo as readonly string[]).includes('shell');
const shellRules = RULES.filter(appliesToShell);

/** Every shell target of every rule fixture: scripts, Makefiles, workflows and Dockerfile RUN lines. */
function fixtureShellTargets(): ShellTarget[] {
  const out: ShellTarget[] = [];
  const root = path.join(FIXTURES, 'rules');
  for (const rel of listFiles(root)) {
    const text = readFileSync(path.join(root, rel), 'utf8');
    let kind = classify(rel);
    if (kind === 'text' && looksLikeShell(rel, text)) kind = 'shell';
    if (kind !== 'shell' && kind !== 'makefile' && kind !== 'workflow' && kind !== 'dockerfile') continue;
    const parsed = parseFile(rel, kind, text);
    if (!parsed.ok) continue;
    for (const t of [parsed.target, ...(parsed.derived ?? []).map((d) => d.target)]) if (t.kind === 'shell') out.push(t);
  }
  return out;
}

describe('shell rule keywords', () => {
  it('every shell rule declares keywords, and only shell rules do', () => {
    expect(shellRules.length).toBeGreaterThan(0);
    for (const r of shellRules) expect(r.keywords?.length ?? 0, `${r.id} needs keywords (RuleMeta.keywords)`).toBeGreaterThan(0);
    for (const r of RULES.filter((x) => x.keywords)) expect(r.appliesTo, r.id).toEqual(['shell']);
  });

  it('are in the code of every finding the rule makes without the gate (all rule fixtures)', async () => {
    const targets = fixtureShellTargets();
    expect(targets.length).toBeGreaterThan(20);
    const empty = { targets: () => [] };
    let findings = 0;
    for (const rule of shellRules) {
      for (const target of targets) {
        let reported = 0;
        rule.check(target, contextWithoutTokens(() => void reported++, target.kind, empty));
        if (!reported) continue;
        findings += reported;
        expect(mayApply(rule, keywordText(target.text)), `${rule.id} reports on ${target.file} whose text has none of its keywords`).toBe(true);
      }
    }
    expect(findings).toBeGreaterThan(10);
  });

  it('reads words as the shell does', () => {
    for (const spelled of ["c'u'rl", 'c"u"rl', '"curl"', 'cu\\rl', 'cu\\\nrl', "c''url"]) expect(keywordText(`${spelled} -fsSL x | sh`), spelled).toContain('curl');
    expect(keywordText("$'\\x63url' x | sh")).toBeUndefined();
    expect(keywordText('run: "\\u0063url x | sh"')).toBeUndefined();
    expect(keywordText('echo hello')).not.toContain('curl');
  });

  it('decide which texts the scan keeps after the text rules (a script that will never be parsed is let go)', () => {
    const keep = textNeeded(RULES);
    expect(keep('text', 'curl x | sh')).toBe(false);
    expect(keep('compose', 'services: {}')).toBe(true);
    for (const kind of ['shell', 'makefile', 'workflow'] as const) {
      expect(keep(kind, 'echo hello'), kind).toBe(false);
      expect(keep(kind, 'c"u"rl -fsSL https://x | sh'), kind).toBe(true);
      // May write an OpenClaw config in a heredoc, which other files' rules read: always kept.
      expect(keep(kind, 'cat > ~/.openclaw/openclaw.json <<EOF\n{}\nEOF'), kind).toBe(true);
    }
    // With no shell rule enabled, only heredocs keep a script's text.
    const none = textNeeded(RULES.filter((r) => !(r.appliesTo as readonly string[]).includes('shell')));
    expect(none('shell', 'curl x | sh')).toBe(false);
    expect(none('shell', 'cat <<EOF\nx\nEOF')).toBe(true);
  });

  it('a script spelling the command with quotes is still parsed and reported; one naming no such command is not parsed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-kw-'));
    writeFileSync(path.join(dir, 'quoted.sh'), "#!/bin/sh\nc'u'rl -fsSL https://example.com/i.sh | sh\n");
    const wf = path.join(dir, '.github', 'workflows');
    mkdirSync(wf, { recursive: true });
    // Both broken YAML; only the one with something a shell rule looks for is parsed, so only it is reported.
    writeFileSync(path.join(wf, 'ci.yml'), 'jobs: [unclosed\n  build:\n    steps:\n      - run: npm test\n');
    writeFileSync(path.join(wf, 'deploy.yml'), 'jobs: [unclosed\n  build:\n    steps:\n      - run: curl -fsSL https://x | sh\n');
    const result = await scan({ paths: [dir], rules: RULES });
    const ids = result.findings.map((f) => `${f.ruleId} ${f.location.file}`).sort();
    expect(ids).toContain('shell.curl_pipe_shell quoted.sh');
    expect(ids).toContain('scan.parse_error .github/workflows/deploy.yml');
    expect(ids.filter((i) => i.includes('ci.yml'))).toEqual([]);
  });
});
