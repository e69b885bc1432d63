/**
 * OpenClaw configs: every `$include` merged (engine/parse/openclaw.ts), included files given a locator so
 * findings can point into them, and a config file dropped from the targets when another config includes it (it
 * is checked as part of the config that loads it, not as a config of its own).
 */
import type { Note } from '../../model/finding.js';
import type { TargetMap } from '../../model/target.js';
import { FileContext } from '../check/file-context.js';
import type { RuleRunner } from '../check/runner.js';
import { json5Resolver } from '../parse/json5.js';
import { Locator } from '../parse/locator.js';
import { originOf, resolveOpenClaw } from '../parse/openclaw.js';
import type { SharedTargets } from './shared-targets.js';

export async function resolveIncludes(project: SharedTargets, readRepoFile: (rel: string) => string | undefined, runner: RuleRunner, notes: Note[]): Promise<void> {
  const read = (rel: string): string | undefined => project.contexts.get(rel)?.text ?? readRepoFile(rel);
  const included = new Set<string>();
  const resolved: TargetMap['openclaw'][] = [];
  for (const t of project.targets('openclaw')) {
    const r = resolveOpenClaw(t.file, t.value, read);
    for (const inc of r.includes) {
      included.add(inc.file);
      if (!project.contexts.has(inc.file)) project.contexts.set(inc.file, new FileContext(inc.file, inc.text, new Locator(inc.file, inc.text, json5Resolver(inc.ast))));
    }
    for (const e of r.errors) {
      if (e.line !== undefined) {
        if (!project.contexts.has(e.file)) project.contexts.set(e.file, new FileContext(e.file, read(e.file) ?? '', new Locator(e.file, read(e.file) ?? '')));
        await runner.run({ kind: 'parse_error', file: e.file, fileKind: 'openclaw', message: e.message, line: e.line, ...(e.column ? { column: e.column } : {}) }, project.context, project);
      } else {
        notes.push({ level: 'warning', code: 'openclaw.include', message: `${e.message} (at ${e.path.join('.') || 'top level'}); the config was checked without it`, file: e.file });
      }
    }
    const origin = r.origin;
    resolved.push({ ...t, value: r.value, authored: t.value, includes: r.includes.map((i) => i.file), origin: (p) => originOf(origin, p) });
  }
  project.remove('openclaw', () => false);
  for (const t of resolved) if (!included.has(t.file)) project.add(t);
}
