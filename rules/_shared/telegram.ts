/** Telegram's sender allowlists, shared by the channels.telegram.* rules. */
import type { PathSegment } from '../../src/model/location.js';
import { arr, get, isRecord, type Obj, obj } from '../../src/lib/json.js';
import { type ChannelAccount, channelAccounts, groupPolicyOf } from './openclaw/channels.js';

/** Telegram sender allowlists: allowFrom, groupAllowFrom, groups.*.allowFrom, groups.*.topics.*.allowFrom. */
export function senderLists(v: Obj, pathOf: (k: string) => PathSegment[]): { path: PathSegment[]; list: unknown[] }[] {
  const out = [
    { path: pathOf('allowFrom'), list: arr(v.allowFrom) },
    { path: pathOf('groupAllowFrom'), list: arr(v.groupAllowFrom) },
  ];
  for (const [g, gv] of Object.entries(obj(v.groups))) {
    out.push({ path: [...pathOf('groups'), g, 'allowFrom'], list: arr(get(gv, 'allowFrom')) });
    for (const [tp, tv] of Object.entries(obj(get(gv, 'topics')))) out.push({ path: [...pathOf('groups'), g, 'topics', tp, 'allowFrom'], list: arr(get(tv, 'allowFrom')) });
  }
  return out;
}

/**
 * Telegram accounts whose groups are reachable (effective groupPolicy `open`, or `allowlist` with `groups` listed),
 * each with its effective group policy and the key that sets it; none when text commands are off
 * (`commands.text: false`). The prologue of the channels.telegram.groups.allowFrom.* rules.
 */
export function reachableGroupAccounts(config: unknown): { account: ChannelAccount; group: { policy: string; path: PathSegment[] } }[] {
  if (get(config, 'commands', 'text') === false) return [];
  const out: { account: ChannelAccount; group: { policy: string; path: PathSegment[] } }[] = [];
  for (const a of channelAccounts(config, 'telegram')) {
    const g = groupPolicyOf(config, a);
    const reachable = g.policy === 'open' || (g.policy === 'allowlist' && isRecord(a.value.groups) && Object.keys(a.value.groups).length > 0);
    if (reachable) out.push({ account: a, group: g });
  }
  return out;
}
