/**
 * Pull-request mode's policy: the pull request does not set its own (security review, B2; docs/github.md#what-a-pull-request-can-change).
 *
 * - The config (`.gatewarden.yml`, or the `config` input) is read from the base commit, so a change to it applies
 *   once merged, not to the pull request that makes it; the change itself is a warning annotation at the config
 *   and a summary line (and a head config that is broken costs nothing: it is not used).
 * - Suppressions the pull request adds are shown, never silent: a baseline fingerprint the base commit's baseline
 *   does not hold, and an inline `gatewarden-ignore` on a line the pull request adds or changes. The input
 *   `pr-suppressions` decides whether they count: `review` (default) honours them and lists each one (a notice
 *   annotation, a row in the summary's "Suppressed by this pull request"); `deny` does not honour them.
 * Suppressions already at the base keep applying in both modes.
 */
import path from 'node:path';
import { CONFIG_FILE_NAMES, MAX_POLICY_FILE_BYTES, parseConfig, PolicyFileError, readPolicyFile, type ConfigText } from '../engine/config.js';
import { toPosix } from '../engine/discover/discover.js';
import { parseBaseline } from '../engine/postprocess/baseline.js';
import { findDirectiveLine, parseDirectives } from '../engine/postprocess/suppress.js';
import { sweepHistory } from '../app/scan-repository.js';
import type { ScanResult } from '../engine/scan.js';
import { addedLines, readFileAt, type BaseCommit } from '../github/git.js';
import type { Finding } from '../model/finding.js';
import { commandData, commandProperty } from '../report/escape.js';
import type { AnyRule } from '../model/rule.js';
import type { ActionSettings } from './inputs.js';

/** What the head scan is given in place of the checkout's config. */
export type ConfigSource = { configText: ConfigText } | { noConfig: true };

export interface BasePolicy {
  config: ConfigSource;
  /** The base commit's baseline fingerprints; undefined when the baseline is not a file of the repository. */
  baseBaseline: ReadonlySet<string> | undefined;
}

/** A suppression the pull request adds, and whether this run honoured it. */
export interface PrSuppression {
  finding: Finding;
  kind: 'inline' | 'baseline';
  reason: string;
  honoured: boolean;
}

/** Path of `abs` relative to the repository's top level, or undefined when it is outside. */
function inRepo(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : toPosix(rel);
}

/**
 * The base commit's config and baseline. Never throws: a policy file that cannot be read at the base is a
 * summary line, and the scan goes on with the defaults (config) or with no trusted baseline entry (baseline).
 */
export async function readBasePolicy(settings: ActionSettings, root: { base: string; targets: readonly { abs: string; dir: boolean }[] }, base: BaseCommit, rules: readonly AnyRule[], lines: string[]): Promise<BasePolicy> {
  const short = base.sha.slice(0, 7);
  const first = root.targets[0];
  const searchDir = first?.dir ? first.abs : root.base;
  const candidates = settings.config ? [path.resolve(settings.config)] : CONFIG_FILE_NAMES.map((n) => path.join(searchDir, n));
  let config: ConfigSource = { noConfig: true };
  for (const abs of candidates) {
    const rel = inRepo(root.base, abs);
    if (rel === undefined) {
      // A config outside the repository is the workflow's, not the pull request's: it applies as given.
      try {
        config = { configText: { text: await readPolicyFile(abs, 'config file'), file: abs } };
      } catch (e) {
        lines.push(`The config ${settings.config ?? abs} could not be read (${(e as Error).message}); the scan used the default settings.`);
      }
      break;
    }
    let baseText: string | undefined;
    try {
      baseText = (await readFileAt(root.base, base.sha, rel, MAX_POLICY_FILE_BYTES))?.toString('utf8');
    } catch (e) {
      lines.push(`The config \`${rel}\` could not be read at the base commit ${short} (${(e as Error).message}); the scan used the default settings.`);
    }
    const headText = await readPolicyFile(abs, 'config file').catch((e: unknown) => (e instanceof PolicyFileError && e.reason === 'missing' ? undefined : `\0${(e as Error).message}`));
    if (baseText !== undefined) config = { configText: { text: baseText, file: abs } };
    if (baseText !== headText) announceConfigChange(rel, abs, root.base, baseText, headText, rules, short, lines);
    if (baseText !== undefined || headText !== undefined) break;
  }

  let baseBaseline: Set<string> | undefined;
  const baselineRel = settings.baseline ? inRepo(root.base, path.resolve(settings.baseline)) : undefined;
  if (settings.baseline && baselineRel !== undefined) {
    baseBaseline = new Set();
    try {
      const text = (await readFileAt(root.base, base.sha, baselineRel, 64 * 1024 * 1024))?.toString('utf8');
      if (text !== undefined) baseBaseline = parseBaseline(text, `${baselineRel} at ${short}`);
    } catch (e) {
      lines.push(`The baseline \`${baselineRel}\` could not be read at the base commit ${short} (${(e as Error).message}): every baseline entry counts as added by this pull request.`);
    }
  }
  return { config, baseBaseline };
}

/** A config the pull request adds, changes or deletes: a warning at the file and a summary line. */
function announceConfigChange(rel: string, abs: string, root: string, baseText: string | undefined, headText: string | undefined, rules: readonly AnyRule[], short: string, lines: string[]): void {
  const verb = baseText === undefined ? 'adds' : headText === undefined ? 'deletes' : 'changes';
  let broken = '';
  if (headText?.startsWith('\0')) broken = ` The new version cannot be read: ${headText.slice(1)}.`;
  else if (headText !== undefined) {
    try {
      parseConfig(headText, abs, root, new Set(rules.map((r) => r.id)), []);
    } catch (e) {
      broken = ` The new version is not valid: ${(e as Error).message}.`;
    }
  }
  const used = baseText === undefined ? 'the default settings (the base commit has no config)' : `the config of the base commit ${short}`;
  const text = `This pull request ${verb} the Gatewarden config ${rel}: a config change applies once merged. This run used ${used}.${broken}`;
  // Written by hand: the toolkit puts `title` first, and `file` leads in every other annotation of the step.
  process.stdout.write(`::warning file=${commandProperty(rel)},line=1,title=${commandProperty('Gatewarden config changed')}::${commandData(text)}\n`);
  lines.push(text.replace(rel, `\`${rel}\``));
}

/**
 * The suppressions of the head scan that the pull request adds, each marked honoured or not by `mode`; in `deny`
 * mode the findings of those not honoured lose their suppression in `result` (they count like any finding).
 */
export async function applyPrSuppressions(result: ScanResult, base: BaseCommit, policy: BasePolicy, mode: 'review' | 'deny'): Promise<PrSuppression[]> {
  const out: PrSuppression[] = [];
  const directivesOf = new Map<string, Promise<{ added: Set<number>; directives: ReturnType<typeof parseDirectives> } | undefined>>();
  const cwd = result.root.base;
  const fileFacts = (file: string) => {
    let p = directivesOf.get(file);
    if (!p) {
      p = (async () => {
        const text = (await readFileAt(cwd, 'HEAD', file, 64 * 1024 * 1024).catch(() => undefined))?.toString('utf8');
        if (text === undefined) return undefined;
        return { added: await addedLines(cwd, base.sha, file).catch(() => new Set<number>()), directives: parseDirectives(text) };
      })();
      directivesOf.set(file, p);
    }
    return p;
  };
  for (const f of result.findings) {
    const s = f.suppressed;
    if (!s) continue;
    if (s.kind === 'baseline' && policy.baseBaseline && !policy.baseBaseline.has(f.fingerprint)) {
      out.push({ finding: f, kind: 'baseline', reason: 'baseline entry added by this pull request', honoured: mode === 'review' });
    } else if (s.kind === 'inline') {
      const facts = await fileFacts(f.location.file);
      // A file git does not have at HEAD (untracked in the checkout) counts as added by the pull request.
      const line = facts ? findDirectiveLine(facts.directives, f.ruleId, f.location.startLine) : undefined;
      if (!facts || line === undefined || facts.added.has(line)) out.push({ finding: f, kind: 'inline', reason: s.reason ?? 'inline gatewarden-ignore (no reason given)', honoured: mode === 'review' });
    }
  }
  if (mode === 'deny' && out.length) {
    const denied = new Set(out.map((s) => s.finding));
    result.findings = result.findings.map((f) => {
      if (!denied.has(f)) return f;
      const { suppressed: _dropped, ...rest } = f;
      return rest;
    });
  }
  return out;
}

/**
 * Secrets that a commit of the pull request added and a later one removed: the merge tree no longer has them,
 * but the branch does (and `main` will, after a merge commit or a rebase merge). The history engine sweeps the
 * commits `base..HEAD` (security review, B5); what it finds that HEAD no longer holds is new, located at the
 * commit that added it. Never throws: a failed sweep is a summary line.
 */
export async function prCommitFindings(scanPath: string, base: BaseCommit, policy: BasePolicy | undefined, rules: readonly AnyRule[], lines: string[]): Promise<Finding[]> {
  try {
    const config = policy?.config ?? {};
    const swept = await sweepHistory({ path: scanPath, rules, refs: ['HEAD'], since: base.sha, ...config });
    const gone = swept.findings.filter((f) => !f.suppressed && f.properties?.stillPresent === false);
    if (swept.history.commits) lines.push(`Swept the ${swept.history.commits} commit(s) of the pull request for secrets added and removed again: ${gone.length} found.`);
    return gone;
  } catch (e) {
    lines.push(`Could not sweep the commits of the pull request (${(e as Error).message}); only the merge tree was scanned.`);
    return [];
  }
}
