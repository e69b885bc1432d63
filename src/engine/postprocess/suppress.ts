/**
 * Inline suppressions: `gatewarden-ignore <ruleId>[,<ruleId>…] -- <reason>` in a comment on the finding's line or
 * the line above, in whatever comment syntax the file uses (`#`, `//`, `<!-- -->`, `/* *\/`). `*` matches
 * every rule. The marker is distinctive enough to be found without knowing the comment syntax.
 */
const DIRECTIVE = /^gatewarden-ignore[ \t]+([A-Za-z0-9_.*-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_.*-]+)*)(?:[ \t]+--(.*))?$/;

export interface Directive {
  rules: readonly string[];
  reason?: string;
}

/** Line number (1-based) → directive; empty for the vast majority of files, which have none. */
export function parseDirectives(text: string): Map<number, Directive> {
  const out = new Map<number, Directive>();
  if (!text.includes('gatewarden-ignore')) return out;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    // Linear by construction (test/redos.test.ts proves the pattern): it is tried once per line, at the first
    // marker, and the comment's closing `-->` / `*/` and trailing blanks are cut in code. In the pattern, a
    // lazy reason before optional blanks and closer, tried at every marker, backtracked quadratically.
    const at = raw.indexOf('gatewarden-ignore');
    const m = at === -1 ? null : DIRECTIVE.exec(stripCloser(raw.slice(at)));
    if (!m) return;
    const rules = (m[1] ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    const reason = m[2]?.trim();
    out.set(i + 1, reason ? { rules, reason } : { rules });
  });
  return out;
}

function stripCloser(line: string): string {
  let s = line.trimEnd();
  if (s.endsWith('-->')) s = s.slice(0, -3).trimEnd();
  else if (s.endsWith('*/')) s = s.slice(0, -2).trimEnd();
  return s;
}

export function findDirective(directives: Map<number, Directive>, ruleId: string, line: number): Directive | undefined {
  const at = findDirectiveLine(directives, ruleId, line);
  return at === undefined ? undefined : directives.get(at);
}

/** The line of the directive that suppresses `ruleId` at `line` (the line itself, or the one above). */
export function findDirectiveLine(directives: Map<number, Directive>, ruleId: string, line: number): number | undefined {
  for (const l of [line, line - 1]) {
    const d = directives.get(l);
    if (d && d.rules.some((r) => r === '*' || r === ruleId)) return l;
  }
  return undefined;
}
