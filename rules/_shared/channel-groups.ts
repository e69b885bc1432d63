/** The check behind `channels.<provider>.groups.open`, one per provider module (they differ in the allowlist key). */
import { at } from '../../src/model/location.js';
import type { RuleContext } from '../../src/model/rule.js';
import type { OpenClawTarget } from '../../src/model/target.js';
import { channelAccounts, groupPolicyOf } from './openclaw/channels.js';
import { currentApplies } from './openclaw/version.js';
import { isRecord } from '../../src/lib/json.js';

/**
 * Reports every account of `provider` whose effective `groupPolicy` is `"open"`. `routesKey` is where that provider
 * lists its allowed groups (`guilds`, `channels`, `groups`): configured or not, any member may talk to the bot.
 */
export function checkGroupsOpen(provider: string, routesKey: string, t: OpenClawTarget, ctx: RuleContext): void {
  if (!currentApplies(t, ctx.project)) return;
  for (const a of channelAccounts(t.value, provider)) {
    const g = groupPolicyOf(t.value, a);
    if (g.policy !== 'open') continue;
    const routes = isRecord(a.value[routesKey]) && Object.keys(a.value[routesKey]).length > 0;
    ctx.report({
      at: at.path(g.path),
      message: `${a.label} has groupPolicy "open"${routes ? ` (a ${routesKey} allowlist is configured, but any member may talk to the bot)` : ` and no ${routesKey} allowlist`}.`,
    });
  }
}
