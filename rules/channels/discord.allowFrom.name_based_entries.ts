import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { INFO, WARN } from '../_shared/openclaw/severity.js';
import { arr, get, obj } from '../../src/lib/json.js';
import { channelAccounts, isMutableDiscordEntry } from '../_shared/openclaw/channels.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'channels.discord.allowFrom.name_based_entries',
  title: 'Discord allowlists match by name',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Discord sender allowlists (`allowFrom`, `dm.allowFrom`, `guilds.*.users`, `guilds.*.channels.*.users`) contain names or `name#1234` tags instead of stable ids. Names can be changed or imitated; with `dangerouslyAllowNameMatching` they are matched (info), without it they never match.',
  remediation:
    'Replace names with numeric Discord user ids (Developer Mode → Copy User ID), or `<@id>` / `user:<id>`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const a of channelAccounts(t.value, 'discord')) {
      const lists: { path: PathSegment[]; list: unknown[] }[] = [
        { path: a.pathOf('allowFrom'), list: arr(a.value.allowFrom) },
        { path: [...a.pathOf('dm'), 'allowFrom'], list: arr(get(a.value, 'dm', 'allowFrom')) },
      ];
      for (const [g, gv] of Object.entries(obj(a.value.guilds))) {
        lists.push({ path: [...a.pathOf('guilds'), g, 'users'], list: arr(get(gv, 'users')) });
        for (const [c, cv] of Object.entries(obj(get(gv, 'channels')))) lists.push({ path: [...a.pathOf('guilds'), g, 'channels', c, 'users'], list: arr(get(cv, 'users')) });
      }
      const hits = lists.flatMap((l) => l.list.map((e, i) => ({ e: String(e), path: [...l.path, i] })).filter((h) => isMutableDiscordEntry(h.e)));
      if (hits.length === 0) continue;
      const matching = a.value.dangerouslyAllowNameMatching === true;
      ctx.report({ at: at.path(hits[0]!.path), severity: matching ? INFO : WARN, message: `${a.label}: ${hits.length} allowlist entr${hits.length === 1 ? 'y is a name' : 'ies are names'}, not Discord ids${matching ? ' (matched by name)' : ''}.` });
    }
  },
});
