/**
 * The shared targets of a scan (the kinds cross-file rules read: compose, OpenClaw config, dotenv, Dockerfiles,
 * host configs), which every rule sees through `ctx.project`, and the file context of each structured file.
 */
import type { Report } from '../../model/finding.js';
import type { Anchor } from '../../model/location.js';
import type { ProjectView, SharedKind, ShellTarget, Target, TargetMap } from '../../model/target.js';
import { FileContext } from '../check/file-context.js';
import type { RuleRunner, Scope } from '../check/runner.js';
import type { Parsed } from '../parse/index.js';
import type { ReadFile } from '../read/file-stage.js';

/** The targets every rule can see (`ctx.project`), and the file context of each structured file. */
export class SharedTargets implements ProjectView {
  private readonly byKind = new Map<SharedKind, Target[]>();
  /** Where a finding may be located: the text, locator and inline suppressions of each structured file. */
  readonly contexts = new Map<string, FileContext>();
  /**
   * How findings on a config written by a heredoc map back into the script. Keyed by file and heredoc line, not
   * by target: resolveIncludes replaces OpenClaw targets with merged copies.
   */
  private readonly reframes = new Map<string, (report: Report) => Report | undefined>();
  /** The same for other embedded targets (a `#cloud-config` in Terraform user data), which nothing replaces. */
  private readonly embeddedReframes = new WeakMap<Target, (report: Report) => Report | undefined>();
  /** The same for a compose file written by a heredoc, by the script's path: projects are built from it later. */
  private readonly composeReframes = new Map<string, (report: Report) => Report | undefined>();

  readonly context = (file: string): FileContext | undefined => this.contexts.get(file);

  add(target: TargetMap[SharedKind]): void {
    const list = this.byKind.get(target.kind) ?? [];
    list.push(target);
    this.byKind.set(target.kind, list);
  }
  /** Keeps the targets of a kind that `keep` accepts (an OpenClaw file that another config `$include`s is part of that config). */
  remove(kind: SharedKind, keep: (t: Target) => boolean): void {
    this.byKind.set(kind, (this.byKind.get(kind) ?? []).filter(keep));
  }
  targets<K extends SharedKind>(kind: K): readonly TargetMap[K][] {
    return (this.byKind.get(kind) ?? []) as TargetMap[K][];
  }
  all(): Target[] {
    return [...this.byKind.values()].flat();
  }

  /**
   * Takes in a file's parse: its context, its shared targets (added here) and their reframes; a parse error is
   * checked at once (into `out`, default the runner's own lists). Returns its shell targets and the shared ones
   * it added.
   */
  async admit(file: string, text: string, p: Parsed, runner: RuleRunner, out?: ReadFile): Promise<{ shells: ShellTarget[]; shared: Target[] }> {
    this.contexts.set(file, new FileContext(file, text, p.locator));
    const shells: ShellTarget[] = [];
    const shared: Target[] = [];
    if (!p.ok) {
      await runner.run(p.error, this.context, this, undefined, out);
      return { shells, shared };
    }
    const add = (t: TargetMap[SharedKind]) => {
      this.add(t);
      shared.push(t);
    };
    if (p.target.kind === 'shell') shells.push(p.target);
    else add(p.target);
    // Targets read from the same parse (Dockerfile RUN shell, heredoc configs); their anchors are in this file.
    for (const d of p.derived ?? []) {
      if (d.target.kind === 'parse_error') await runner.run(d.target, this.context, this, d.reframe ? { relocate: d.reframe } : undefined, out);
      else if (d.target.kind === 'shell') shells.push(d.target);
      else {
        add(d.target);
        const key = embeddedKey(d.target);
        if (d.reframe && key) this.reframes.set(key, d.reframe);
        else if (d.reframe) {
          // (A compose heredoc: rules on the compose target itself, and on the project built from it.)
          if (d.target.kind === 'compose') this.composeReframes.set(d.target.file, d.reframe);
          this.embeddedReframes.set(d.target, d.reframe);
        }
      }
    }
    return { shells, shared };
  }

  /** Where the findings on a shared target belong (check/runner.ts, Scope). */
  scopeOf(target: Target): Scope | undefined {
    if (target.kind === 'openclaw') {
      // Into the file that holds the key (an `$include`d one); then, for a config written by a heredoc, the script.
      const reframe = this.reframes.get(embeddedKey(target) ?? '');
      if (target.partial) return { relocate: (r) => (setsWhatIsReported(target.value, r) ? toOrigin(target, r) : undefined) };
      return { relocate: reframe ? (r) => reframe(toOrigin(target, r)) : (r) => toOrigin(target, r) };
    }
    // A compose file merged into several projects (a base under each overlay) is reported by one only.
    if (target.kind === 'compose_project') {
      const owns = (file: string) => target.owns.includes(file);
      // A compose file written by a heredoc: reports on it (paths in its body) are moved into the script.
      if (!target.files.some((f) => this.composeReframes.has(f))) return { owns };
      return { owns, relocate: (r) => this.composeReframes.get(r.at.file ?? target.file)?.(r) ?? r };
    }
    const reframe = this.embeddedReframes.get(target);
    return reframe ? { relocate: reframe } : undefined;
  }
}

/**
 * Whether a partial config (`OpenClawTarget.partial`) sets what a report is about: a path anchor whose first key
 * the file has. Whole-file judgements and findings about sections it leaves out are not its to report.
 */
function setsWhatIsReported(value: unknown, r: Report): boolean {
  if (r.at.kind !== 'path' || r.at.file !== undefined) return false;
  const first = r.at.path[0];
  return typeof value === 'object' && value !== null && first !== undefined && String(first) in value;
}

function embeddedKey(t: Target): string | undefined {
  return t.kind === 'openclaw' && t.embedded ? `${t.file}\n${t.embedded.line}` : undefined;
}

/** A report on the merged config, its path anchors moved into the file (and local path) that holds the key. */
export function toOrigin(target: TargetMap['openclaw'], report: Report): Report {
  const move = (a: Anchor): Anchor => {
    if (a.kind !== 'path' || a.file !== undefined) return a;
    const o = target.origin(a.path);
    return o.file === target.file ? { ...a, path: o.path } : { ...a, path: o.path, file: o.file };
  };
  const out: Report = { ...report, at: move(report.at) };
  if (report.fix) out.fix = { ...report.fix, at: move(report.fix.at) };
  return out;
}
