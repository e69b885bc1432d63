import type { AnyRule } from '../../src/model/rule.js';
import allowFromDangerousNameMatchingEnabled from './allowFrom.dangerous_name_matching_enabled.js';
import allowFromMutableEntriesInert from './allowFrom.mutable_entries_inert.js';
import discordGroupsOpen from './discord.groups.open.js';
import dmDisabled from './dm.disabled.js';
import dmLocked from './dm.locked.js';
import dmOpen from './dm.open.js';
import dmOpenInvalid from './dm.open_invalid.js';
import dmScopeMainMultiuser from './dm.scope_main_multiuser.js';
import dmSessionCollision from './dm.session_collision.js';
import slackGroupsOpen from './slack.groups.open.js';
import telegramAllowFromInvalidEntries from './telegram.allowFrom.invalid_entries.js';
import telegramGroupsAllowFromMissing from './telegram.groups.allowFrom.missing.js';
import telegramGroupsAllowFromWildcard from './telegram.groups.allowFrom.wildcard.js';
import telegramGroupsOpen from './telegram.groups.open.js';
import whatsappGroupsOpen from './whatsapp.groups.open.js';

export const channelsRules: readonly AnyRule[] = [allowFromDangerousNameMatchingEnabled, allowFromMutableEntriesInert, discordGroupsOpen, dmDisabled, dmLocked, dmOpen, dmOpenInvalid, dmScopeMainMultiuser, dmSessionCollision, slackGroupsOpen, telegramAllowFromInvalidEntries, telegramGroupsAllowFromMissing, telegramGroupsAllowFromWildcard, telegramGroupsOpen, whatsappGroupsOpen];
