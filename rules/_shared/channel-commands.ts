/** When Discord native and Slack slash commands are on, shared by the channels.{discord,slack}.commands.* rules. */
import { get, obj, strings } from '../../src/lib/json.js';
import { type ChannelAccount } from './openclaw/channels.js';

/** A `commands.<key>` setting of an account, else of the global `commands` block, else `auto`. */
function commandSetting(config: unknown, a: ChannelAccount, key: string): unknown {
  return get(a.value, 'commands', key) ?? get(config, 'commands', key) ?? 'auto';
}

/** Discord native commands or skills are on: `commands.native` or `nativeSkills` is `true` or `auto` (the default). */
export function discordNativeCommandsOn(config: unknown, a: ChannelAccount): boolean {
  return [commandSetting(config, a, 'native'), commandSetting(config, a, 'nativeSkills')].some((x) => x === true || x === 'auto');
}

/** Some Discord guild, or some channel of one, has a non-empty `users` allowlist. */
export function discordGuildUsersListed(guilds: readonly [string, unknown][]): boolean {
  return guilds.some(([, gv]) => strings(get(gv, 'users')).length > 0 || Object.values(obj(get(gv, 'channels'))).some((cv) => strings(get(cv, 'users')).length > 0));
}

/** Slack commands are on: `slashCommand.enabled: true`, or `commands.native`/`nativeSkills: true` (`auto` is off for Slack). */
export function slackCommandsOn(config: unknown, a: ChannelAccount): boolean {
  return get(a.value, 'slashCommand', 'enabled') === true || commandSetting(config, a, 'native') === true || commandSetting(config, a, 'nativeSkills') === true;
}
