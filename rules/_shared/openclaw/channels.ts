/**
 * Channels and their accounts: the open inbound policies of the audit's exposure matrix, multi-user signals, and
 * each account's effective DM and group policy (an account inherits what it does not set from its channel).
 */
import { arr, get, isRecord, obj, strings, type Obj } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';

export interface ChannelScope {
  channel: string;
  account?: string;
  path: PathSegment[];
  value: Obj;
}

/** Every `channels.<id>` and `channels.<id>.accounts.<a>` object (not `channels.defaults`). */
export function channelScopes(config: unknown): ChannelScope[] {
  const out: ChannelScope[] = [];
  for (const [id, ch] of Object.entries(obj(get(config, 'channels')))) {
    if (id === 'defaults' || !isRecord(ch)) continue;
    out.push({ channel: id, path: ['channels', id], value: ch });
    for (const [a, acc] of Object.entries(obj(ch.accounts))) if (isRecord(acc)) out.push({ channel: id, account: a, path: ['channels', id, 'accounts', a], value: acc });
  }
  return out;
}

/**
 * Open inbound policies of the exposure matrix: groupPolicy open, dmPolicy open, legacy dm.policy open, on
 * every key of `channels` (the audit includes `channels.defaults`) and every account.
 */
export function openInboundScopes(config: unknown): ChannelScope[] {
  const defaults = get(config, 'channels', 'defaults');
  const scopes = isRecord(defaults) ? [{ channel: 'defaults', path: ['channels', 'defaults'] as PathSegment[], value: defaults }, ...channelScopes(config)] : channelScopes(config);
  return scopes.filter((s) => s.value.groupPolicy === 'open' || s.value.dmPolicy === 'open' || get(s.value, 'dm', 'policy') === 'open');
}

/** The path of the first open inbound policy (for anchoring exposure findings). */
export function firstOpenPolicyPath(config: unknown): PathSegment[] | undefined {
  const s = openInboundScopes(config)[0];
  if (!s) return undefined;
  const key = s.value.groupPolicy === 'open' ? 'groupPolicy' : s.value.dmPolicy === 'open' ? 'dmPolicy' : 'dm';
  return [...s.path, key];
}

/**
 * The open inbound side of the exposure matrix (the `security.exposure.open_groups_with_*` rules): undefined when no
 * policy is open, else the path to anchor the finding on (the first open policy, else `channels`) and the open
 * scopes as `channel` or `channel/account`, comma-separated, for the message.
 */
export function openInboundExposure(config: unknown): { anchor: PathSegment[]; where: string } | undefined {
  const open = openInboundScopes(config);
  if (open.length === 0) return undefined;
  return {
    anchor: firstOpenPolicyPath(config) ?? ['channels'],
    where: open.map((s) => (s.account ? `${s.channel}/${s.account}` : s.channel)).join(', '),
  };
}

/**
 * Multi-user signals of the trust-model heuristic, per channel and account (accounts inherit the channel's
 * keys): groupPolicy open; allowlist with non-empty groups/guilds/channels/rooms; dmPolicy open; a `"*"` in
 * allowFrom or groupAllowFrom; legacy dm.policy open or dm.allowFrom `"*"`.
 */
export function multiUserSignals(config: unknown): { path: PathSegment[]; label: string }[] {
  const out: { path: PathSegment[]; label: string }[] = [];
  for (const s of channelScopes(config)) {
    const base = s.account ? obj(get(config, 'channels', s.channel)) : {};
    const v = { ...base, ...s.value };
    const own = (k: string): PathSegment[] => (k in s.value ? [...s.path, k] : ['channels', s.channel, k]);
    const name = s.account ? `channels.${s.channel}.accounts.${s.account}` : `channels.${s.channel}`;
    // An unset groupPolicy is "allowlist" (OpenClaw's default), so configured groups are a signal on their own.
    const groupPolicy = v.groupPolicy ?? get(config, 'channels', 'defaults', 'groupPolicy') ?? 'allowlist';
    if (groupPolicy === 'open') out.push({ path: own('groupPolicy'), label: `${name}.groupPolicy="open"` });
    if (groupPolicy === 'allowlist') {
      for (const k of ['groups', 'guilds', 'channels', 'rooms']) if (isRecord(v[k]) && Object.keys(v[k]).length > 0) out.push({ path: own(k), label: `${name}.${k} allowlisted` });
    }
    if (v.dmPolicy === 'open') out.push({ path: own('dmPolicy'), label: `${name}.dmPolicy="open"` });
    for (const k of ['allowFrom', 'groupAllowFrom']) if (strings(v[k]).includes('*')) out.push({ path: own(k), label: `${name}.${k} contains "*"` });
    if (get(v, 'dm', 'policy') === 'open') out.push({ path: [...own('dm'), 'policy'], label: `${name}.dm.policy="open"` });
    if (strings(get(v, 'dm', 'allowFrom')).includes('*')) out.push({ path: [...own('dm'), 'allowFrom'], label: `${name}.dm.allowFrom contains "*"` });
  }
  return out;
}

export interface ChannelAccount {
  channel: string;
  account?: string;
  /** The account's settings over the channel's (an account inherits what it does not set). */
  value: Obj;
  /** Merged path of a key as this account sees it: in the account when set there, else in the channel. */
  pathOf(key: string): PathSegment[];
  /** `channels.<id>` or `channels.<id>.accounts.<a>`, for messages. */
  label: string;
}

/** Every enabled channel account: each `channels.<id>.accounts.<a>`, or the channel itself when it has none. */
export function channelAccounts(config: unknown, channel?: string): ChannelAccount[] {
  const out: ChannelAccount[] = [];
  for (const [id, ch] of Object.entries(obj(get(config, 'channels')))) {
    if (id === 'defaults' || !isRecord(ch) || (channel !== undefined && id !== channel) || ch.enabled === false) continue;
    const accounts = Object.entries(obj(ch.accounts)).filter(([, a]) => isRecord(a) && a.enabled !== false) as [string, Obj][];
    if (accounts.length === 0) {
      out.push({ channel: id, value: ch, pathOf: (k) => ['channels', id, k], label: `channels.${id}` });
      continue;
    }
    for (const [a, acc] of accounts) {
      const { accounts: _omit, ...base } = ch;
      out.push({ channel: id, account: a, value: { ...base, ...acc }, pathOf: (k) => (k in acc ? ['channels', id, 'accounts', a, k] : ['channels', id, k]), label: `channels.${id}.accounts.${a}` });
    }
  }
  return out;
}

/** Effective DM policy: `dmPolicy`, else legacy `dm.policy`, else `pairing`; with the key that sets it. */
export function dmPolicyOf(a: ChannelAccount): { policy: string; path: PathSegment[] } {
  if (typeof a.value.dmPolicy === 'string') return { policy: a.value.dmPolicy, path: a.pathOf('dmPolicy') };
  const legacy = get(a.value, 'dm', 'policy');
  if (typeof legacy === 'string') return { policy: legacy, path: [...a.pathOf('dm'), 'policy'] };
  return { policy: 'pairing', path: a.pathOf('dmPolicy') };
}

/** DM sender allowlist: `allowFrom`, else legacy `dm.allowFrom`. */
export function dmAllowFrom(a: ChannelAccount): { list: string[]; path: PathSegment[] } {
  if (Array.isArray(a.value.allowFrom)) return { list: arr(a.value.allowFrom).map((x) => String(x).trim()).filter(Boolean), path: a.pathOf('allowFrom') };
  return { list: arr(get(a.value, 'dm', 'allowFrom')).map((x) => String(x).trim()).filter(Boolean), path: [...a.pathOf('dm'), 'allowFrom'] };
}

/** Effective group policy: account/channel `groupPolicy`, else `channels.defaults.groupPolicy`, else `allowlist`. */
export function groupPolicyOf(config: unknown, a: ChannelAccount): { policy: string; path: PathSegment[] } {
  if (typeof a.value.groupPolicy === 'string') return { policy: a.value.groupPolicy, path: a.pathOf('groupPolicy') };
  const d = get(config, 'channels', 'defaults', 'groupPolicy');
  if (typeof d === 'string') return { policy: d, path: ['channels', 'defaults', 'groupPolicy'] };
  return { policy: 'allowlist', path: a.pathOf('groupPolicy') };
}

/** Discord's stable sender forms; anything else (names, `name#1234`) is a mutable entry. */
export function isMutableDiscordEntry(entry: string): boolean {
  const e = entry.trim();
  if (e === '*' || e.startsWith('accessGroup:')) return false;
  return !/^(\d+|<@!?\d+>|(discord|user|pk):\S+)$/i.test(e);
}
