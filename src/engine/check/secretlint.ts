/**
 * secretlint, in-process, for the token types where its recommended preset covers the type well
 * (docs/secrets-engines.md has the table and the reasons). Used by the token detector (tokens.ts) only, and only on files
 * where one of the routed specs' keywords occurred, with only the routed rules of the preset enabled.
 *
 * What running secretlint 13 in-process needs:
 *   - the profiler is a singleton that is on by default and costs up to 80x: switched off before the first lint;
 *   - `maskSecrets: true`, and results are never serialised: only offsets leave this module (the secret is sliced
 *     from our own copy of the text by the caller);
 *   - the AWS secret-key rule reports a range that starts at the key NAME but has the secret's length; the true
 *     span is recomputed below.
 */
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset, rules as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretlintRoute } from '../../model/token.js';

secretLintProfiler.setEnabled(false);

export interface SecretlintHit {
  route: SecretlintRoute;
  start: number;
  end: number;
}

type CoreConfig = Parameters<typeof lintSource>[0]['options']['config'];
type ConfigRules = CoreConfig['rules'];

const byId = new Map<string, unknown>(recommended.map((r) => [r.meta.id, r]));

/** The recommended preset exactly as shipped (for the comparison in `npm run eval:secrets`). */
export async function lintWithRecommendedPreset(content: string, filePath: string): Promise<{ ruleId: string; messageId: string; start: number; end: number }[]> {
  const res = await lintSource({
    source: { content, filePath, contentType: 'text' },
    options: { config: { rules: [{ id: recommendedPreset.meta.id, rule: recommendedPreset }] as unknown as ConfigRules }, maskSecrets: true, noPhysicFilePath: true },
  });
  return res.messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, start: m.range[0], end: m.range[1] }));
}

export async function lintWithSecretlint(content: string, filePath: string, routes: readonly SecretlintRoute[]): Promise<SecretlintHit[]> {
  const ids = [...new Set(routes.map((r) => r.rule))];
  const rules = ids.map((id) => {
    const rule = byId.get(id);
    if (!rule) throw new Error(`secretlint's recommended preset has no rule ${id}`);
    const options = Object.assign({}, ...routes.filter((r) => r.rule === id).map((r) => r.options ?? {})) as Record<string, unknown>;
    return { id, rule, options };
  });
  const res = await lintSource({
    source: { content, filePath, contentType: 'text' },
    options: { config: { rules: rules as unknown as ConfigRules }, maskSecrets: true, noPhysicFilePath: true },
  });
  const hits: SecretlintHit[] = [];
  for (const m of res.messages) {
    const route = routes.find((r) => r.rule === m.ruleId && r.messageIds.includes(m.messageId));
    if (!route) continue;
    let [start, end] = m.range;
    if (m.messageId === 'AWSSecretAccessKey') {
      const fixed = awsSecretSpan(content, start, end - start);
      if (!fixed) continue;
      [start, end] = fixed;
    }
    hits.push({ route, start, end });
  }
  return hits;
}

/**
 * secretlint's AWS secret-key range starts at the name (`AWS_SECRET_ACCESS_KEY=…`) and has the secret's length.
 * The secret is the run of that length after the assignment operator, quotes and spaces.
 */
function awsSecretSpan(text: string, from: number, length: number): [number, number] | undefined {
  const op = /(?::|=>|=)[ \t]*["']?/y;
  for (let i = from; i < Math.min(text.length, from + 80); i++) {
    op.lastIndex = i;
    const m = op.exec(text);
    if (!m) continue;
    const start = i + m[0].length;
    const value = text.slice(start, start + length);
    return /^[A-Za-z0-9/+=]+$/.test(value) && value.length === length ? [start, start + length] : undefined;
  }
  return undefined;
}
