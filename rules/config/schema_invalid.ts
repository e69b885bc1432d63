import { at } from '../../src/model/location.js';
import type { PathSegment } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { doctorSays, fixFor, latestVersion, targetVersion, type DoctorFix } from '../_shared/openclaw/schema.js';
import { renderedBeforeRead, startup, type StartupIssue } from '../_shared/openclaw/validity.js';

/**
 * OpenClaw's validator has no issue codes (an issue is a path and a message) and the doctor's migration ids name
 * the fix, not the problem, so the rule has a dotted id of its own and each message names the doctor's migration.
 */
export default defineRule({
  id: 'config.schema_invalid',
  title: 'OpenClaw will not start with this config',
  severity: 'high',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw validates `openclaw.json` strictly: an unknown key, a value outside an enum or range, or a wrong type makes the config invalid, and the gateway refuses to start (`openclaw security audit` refuses to audit it). What is valid changes between releases: keys are retired or renamed, and `openclaw doctor --fix` rewrites them. The config (with its `$include`s) is checked against the release the repository deploys: a pinned `ghcr.io/openclaw/openclaw:<tag>` image (compose or Dockerfile), an `openclaw` dependency in `package.json`, else `meta.lastTouchedVersion`; with none of these, the latest line. A config its pinned release accepts but the latest line refuses gets an upgrade note (low).',
  remediation:
    'Run `openclaw doctor --fix` with the target release (it applies the migration named in the finding), or edit the key by hand where the doctor has none. For example, the doctor of 2026.8 renames `tools.exec.timeoutSec`:\n\n```json5\n// before: refused by 2026.8.2 and later\n{ tools: { exec: { timeoutSec: 30 } } }\n// after `openclaw doctor --fix` (runtime.final-layout-polish)\n{ tools: { exec: { timeoutSeconds: 30 } } }\n```\n\nThe schema facts per release and the migrations are in docs/openclaw-schema.md.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md', 'https://www.npmjs.com/package/openclaw'],
  tags: ['openclaw', 'configuration', 'upgrade'],
  precision: 'high',
  messages: {
    rejected: 'OpenClaw {{version}} ({{why}}) refuses to start with this config: {{what}}.{{fix}}',
    upgrade: 'OpenClaw {{version}} ({{why}}) accepts this, but the latest line ({{latest}}) refuses to start with it: {{what}}.{{fix}}',
    ignored: 'OpenClaw {{version}} ({{why}}) ignores {{what}}: it drops the key when it reads the config, so the setting has no effect.',
    migrated: 'OpenClaw {{version}} ({{why}}) still loads {{what}} by migrating it when it reads the config, but the key is retired (since {{removed}}).{{fix}}',
  },
  check(t, ctx) {
    const target = targetVersion(t.release);
    const opts = { renderedRefs: renderedBeforeRead(t) };
    const result = startup(t.value, target.version, opts);
    for (const issue of result.issues) {
      ctx.report({ at: anchor(issue.path), messageId: 'rejected', data: { version: target.version, why: target.why, what: describe(issue), fix: fixText(issue, target.version) } });
    }
    for (const issue of result.ignored) ctx.report({ at: anchor(issue.path), severity: 'low', messageId: 'ignored', data: { version: target.version, why: target.why, what: `\`${dotted(issue.path)}\`` } });
    for (const m of result.migratedOnRead) {
      const fix = fixFor(m.retired, target.version);
      ctx.report({ at: anchor(m.path), severity: 'info', messageId: 'migrated', data: { version: target.version, why: target.why, what: `\`${dotted(m.path)}\``, removed: m.retired.removed, fix: fix ? doctorText(fix, m.path, m.pattern) : '' } });
    }
    const latest = latestVersion();
    if (!result.valid || target.version === latest) return;
    for (const issue of startup(t.value, latest, opts).issues) {
      ctx.report({ at: anchor(issue.path), severity: 'low', messageId: 'upgrade', data: { version: target.version, why: target.why, latest, what: describe(issue), fix: fixText(issue, latest) } });
    }
  },
});

const anchor = (path: readonly PathSegment[]) => at.path(path, { part: 'key' });
const dotted = (path: readonly PathSegment[]) => path.map(String).join('.') || '(top level)';

function describe(issue: StartupIssue): string {
  if (issue.kind === 'check') return issue.message;
  const key = issue.path[issue.path.length - 1];
  const parent = issue.path.slice(0, -1);
  const since = issue.retired ? ` (accepted until ${issue.retired.last}, rejected from ${issue.retired.removed})` : issue.narrowed ? ` (accepted until ${issue.narrowed.last})` : '';
  if (issue.kind === 'unknown_key') return `\`${String(key)}\` is not a key of ${parent.length ? `\`${dotted(parent)}\`` : 'the config'}${since}`;
  return `\`${dotted(issue.path)}\` must be ${issue.expected}${since}`;
}

function fixText(issue: StartupIssue, version: string): string {
  if (issue.kind === 'check') return ' Run `openclaw doctor` for the fix.';
  const source = issue.retired ?? issue.narrowed;
  const fix = source ? fixFor(source, version) : undefined;
  if (fix) return doctorText(fix, issue.path, issue.pattern);
  const says = doctorSays(issue.pattern, issue.path, version);
  if (says) return ` \`openclaw doctor\` (${says.id}): ${withoutRunHint(says.message)}`;
  if (issue.retired) return ` OpenClaw's doctor has no migration for it: remove or replace the key by hand.`;
  return '';
}

/** The doctor's own words, the probe's placeholder key (`example`) replaced by the config's key under a `*`. */
function doctorText(fix: readonly DoctorFix[], path: readonly PathSegment[], pattern: string): string {
  const segs = pattern.split('.');
  const star = segs.lastIndexOf('*');
  const name = star !== -1 && segs.length === path.length ? String(path[star]) : undefined;
  // The probe's own value in parentheses (`streaming.mode (block)`) is not the config's: left out.
  const changes = fix.flatMap((f) => f.changes ?? []).map((c) => (name ? c.replace(/\bexample\b/g, name) : c).replace(/ \([^()]{0,200}\)(?=\.?$)/, ''));
  const ids = [...new Set(fix.map((f) => f.id))].join(', ');
  const removes = fix.every((f) => f.writes.length === 0) ? ' It removes the key.' : '';
  return ` \`openclaw doctor --fix\` (${ids})${changes.length ? `: ${changes.join(' ')}` : ' migrates it.'}${removes}`;
}

/** The doctor's message without its closing `Run "openclaw doctor --fix".` (the finding says what to run). */
function withoutRunHint(message: string): string {
  const hint = message.lastIndexOf('Run "openclaw doctor --fix"');
  return hint === -1 ? message : message.slice(0, hint).trimEnd();
}
