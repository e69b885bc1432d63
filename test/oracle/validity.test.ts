/**
 * The schema data (data/openclaw-schema, from scripts/openclaw-schema/extract.mjs) and the validity goldens
 * (test/oracle/validity/golden, from `npm run oracle:validity`, the real audit 2026.9.6) agree with each other
 * and with the audit goldens: every key of a config the real validator accepts is accepted by the 2026.9.6
 * data, every unknown key it rejects is rejected by the data. CI never runs the oracle; it reads these files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson5 } from '../../src/engine/parse/json5.js';
import { ROOT } from '../helpers.js';

interface Entry {
  type: string[];
  keys?: 'strict' | 'strip' | 'passthrough' | 'record';
  enum?: unknown[];
}
interface VersionFile {
  format: string;
  openclaw: string;
  provenance: { package: string; integrity: string; shasum: string; extractedAt: string; extractor: string };
  bundled: string[];
  paths: Record<string, Entry>;
  doctor: { id: string; source: string; rules: { path: string; message: string }[] }[];
}
interface ValidityGolden {
  config: string;
  openclaw: string;
  valid: boolean;
  issues: { path: string; message: string; keys?: string[] }[];
}
interface AuditGolden {
  rejected?: boolean;
  error?: { issues?: { path: string }[] };
}

const DATA = path.join(ROOT, 'data', 'openclaw-schema');
const ORACLE = path.join(ROOT, 'test', 'oracle');
const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;
const versions = readdirSync(DATA)
  .map((f) => /^(\d+\.\d+\.\d+)\.json$/.exec(f)?.[1])
  .filter((v): v is string => v !== undefined)
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const data = Object.fromEntries(versions.map((v) => [v, readJson<VersionFile>(path.join(DATA, `${v}.json`))]));
const latest = data['2026.9.6']!;

/** How a version treats a concrete or pattern path: accepted, or why not (as extract.mjs `lookup`). */
function lookup(paths: Record<string, Entry>, segs: readonly string[]): 'accepted' | 'rejected' | 'ignored' | 'unchecked' | 'unknown' {
  let cur = '';
  for (const seg of segs) {
    const direct = seg === '[]' ? `${cur}[]` : cur === '' ? seg : `${cur}.${seg}`;
    if (paths[direct]) {
      cur = direct;
      continue;
    }
    const star = cur === '' ? '*' : `${cur}.*`;
    if (seg !== '[]' && paths[star]) {
      cur = star;
      continue;
    }
    const parent = paths[cur];
    if (!parent) return 'unknown';
    if (parent.type.includes('any')) return 'accepted';
    if (parent.keys === 'strip') return 'ignored';
    if (parent.keys === 'passthrough') return 'unchecked';
    return 'rejected';
  }
  return 'accepted';
}
const patternSegs = (p: string) => p.match(/[^.[\]]+|\[\]/g) ?? [];

/** Every key path of a JSON value, arrays as `[]` (`$include` left out: it is resolved before validation). */
function keyPaths(v: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (Array.isArray(v)) for (const x of v) keyPaths(x, [...prefix, '[]'], out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === '$include') continue;
      out.push([...prefix, k]);
      keyPaths(x, [...prefix, k], out);
    }
  return out;
}

const goldens = (set: string) =>
  readdirSync(path.join(ORACLE, 'validity', 'golden', set))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), readJson<ValidityGolden>(path.join(ORACLE, 'validity', 'golden', set, f))] as const);
const all = [...goldens('corpus'), ...goldens('validity')];
const configOf = (g: ValidityGolden) => {
  const parsed = parseJson5(readFileSync(path.join(ROOT, g.config), 'utf8'));
  if (!parsed.ok) throw new Error(`${g.config}: ${parsed.message}`);
  return parsed.value;
};

describe('openclaw schema data', () => {
  it('has the 2026.3 legacy line and the current 2026.9 line', () => {
    expect(versions.some((v) => v.startsWith('2026.3.'))).toBe(true);
    expect(versions).toContain('2026.9.6');
  });

  it.each(versions)('%s: format, provenance, sorted paths with parents', (v) => {
    const d = data[v]!;
    expect(d.bundled.length).toBeGreaterThan(0);
    expect(d.format).toBe('gatewarden.openclaw-schema/1');
    expect(d.openclaw).toBe(v);
    expect(d.provenance.package).toBe(`openclaw@${v}`);
    expect(d.provenance.integrity).toMatch(/^sha512-/);
    expect(d.provenance.shasum).toMatch(/^[0-9a-f]{40}$/);
    const keys = Object.keys(d.paths);
    expect(keys).toEqual([...keys].sort());
    expect(d.paths['']?.keys).toBe('strict');
    const orphans = keys.filter((p) => p !== '' && !d.paths[p.replace(/(\.[^.[\]]+|\.\*|\[\])$/, '')]);
    expect(orphans).toEqual([]);
    expect(d.doctor.length).toBeGreaterThan(0);
  });

  it('migrations.json: each retired path was accepted by lastAcceptedIn and is not by removedIn', () => {
    const m = readJson<{ versions: string[]; retired: { path: string; lastAcceptedIn: string; removedIn: string; status: string }[] }>(path.join(DATA, 'migrations.json'));
    expect(m.versions).toEqual(versions);
    expect(m.retired.length).toBeGreaterThan(0);
    const wrong = m.retired.filter((r) => lookup(data[r.lastAcceptedIn]!.paths, patternSegs(r.path)) !== 'accepted' || lookup(data[r.removedIn]!.paths, patternSegs(r.path)) !== r.status);
    expect(wrong).toEqual([]);
  });
});

describe('validity goldens (real audit 2026.9.6)', () => {
  it('cover every config of both sets, and both answers', () => {
    const names = (dir: string) => readdirSync(dir).sort();
    expect(goldens('corpus').map(([n]) => n)).toEqual(names(path.join(ORACLE, 'corpus')));
    expect(goldens('validity').map(([n]) => n)).toEqual(names(path.join(ORACLE, 'validity', 'corpus')));
    const v = goldens('validity');
    expect(v.filter(([, g]) => g.valid).length).toBeGreaterThanOrEqual(4);
    expect(v.filter(([, g]) => !g.valid).length).toBeGreaterThanOrEqual(15);
  });

  it.each(goldens('corpus'))('corpus/%s agrees with the audit golden', (name, g) => {
    const audit = readJson<AuditGolden>(path.join(ORACLE, 'golden', `${name}.json`));
    expect(g.valid).toBe(!audit.rejected);
    if (!g.valid) expect(g.issues.map((i) => i.path)).toEqual((audit.error?.issues ?? []).map((i) => i.path));
  });

  /** Under a channel or plugin 2026.9.6 does not bundle, the schema describes keys the audit does not enforce. */
  const enforced = (segs: readonly string[]) => {
    const id = segs[0] === 'channels' ? segs[1] : segs[0] === 'plugins' && segs[1] === 'entries' && segs[3] === 'config' ? segs[2] : undefined;
    return id === undefined || id === 'defaults' || latest.bundled.includes(id);
  };

  /** Retired keys 2026.9.6 still loads (migrated when the config is read), from migrations.json `loadsIn`. */
  const migrations = readJson<{ retired: { path: string; loadsIn?: string[] }[] }>(path.join(DATA, 'migrations.json'));
  const loadedAnyway = migrations.retired.filter((r) => r.loadsIn?.includes('2026.9.6')).map((r) => patternSegs(r.path));
  const isLoadedAnyway = (segs: readonly string[]) =>
    loadedAnyway.some((p) => p.length <= segs.length && p.every((x, i) => x === segs[i] || (x === '*' && segs[i] !== '[]')));

  // The documented deviations of config.schema_invalid (validity/deviations.json) are where the data is wrong.
  const deviations = readJson<Record<string, unknown>>(path.join(ORACLE, 'validity', 'deviations.json'));
  it.each(all.filter(([, g]) => g.valid))('accepted %s: the 2026.9.6 data accepts every key', (name, g) => {
    const refused = keyPaths(configOf(g))
      .filter((segs) => enforced(segs) && !isLoadedAnyway(segs) && ['rejected', 'unknown'].includes(lookup(latest.paths, segs)))
      .map((s) => s.join('.'));
    const deviation = Object.keys(deviations).some((d) => d.endsWith(`/${name}`));
    if (deviation) expect(refused).not.toEqual([]);
    else expect(refused).toEqual([]);
  });

  it('a key under an unbundled channel is accepted by the audit and rejected by the described schema', () => {
    const g = readJson<ValidityGolden>(path.join(ORACLE, 'validity', 'golden', 'validity', 'channel_unknown_key.json'));
    expect(g.valid).toBe(true);
    expect(latest.bundled).not.toContain('discord');
    expect(lookup(latest.paths, ['channels', 'discord', 'guildAllowlist'])).toBe('rejected');
  });

  it.each(all.filter(([, g]) => g.issues.some((i) => i.keys)))('rejected %s: the 2026.9.6 data rejects each unknown key', (_name, g) => {
    const keys = g.issues.flatMap((i) => i.keys ?? []);
    const accepted = keys.filter((k) => lookup(latest.paths, patternSegs(k).map((s) => (/^\d+$/.test(s) ? '[]' : s))) === 'accepted');
    expect(accepted).toEqual([]);
  });
});
