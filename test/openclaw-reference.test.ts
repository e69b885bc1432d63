/**
 * Two worked example configs for what the 2026.9.6 oracle cannot show: a legacy (2026.3.2) target, and channel
 * findings (the oracle loads no channel plugins). Expected = the checkIds and severities the audit's documented
 * conditions give for each example (docs/openclaw.md).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { FIXTURES, scanCopy } from './helpers.js';

const audit = new Set(RULES.filter((r) => r.openclawAudit).map((r) => r.id));

async function auditFindings(dir: string): Promise<string[]> {
  const r = await scanCopy(path.join(FIXTURES, 'reference', dir));
  expect(r.internalErrors).toBe(0);
  const sev = (s: string) => (s === 'critical' ? 'critical' : s === 'info' ? 'info' : 'warn');
  return r.findings.filter((f) => audit.has(f.ruleId)).map((f) => `${typeof f.properties?.checkId === 'string' ? f.properties.checkId : f.ruleId} ${sev(f.severity)}`).sort();
}

describe('reference examples', () => {
  it('§5.3 legacy UI, logging, node and hook flags (target 2026.3.2)', async () => {
    expect(await auditFindings('legacy-5.3')).toEqual(
      [
        'gateway.control_ui.insecure_auth warn',
        'gateway.control_ui.device_auth_disabled critical',
        // 2026.3 aggregates the flags into one finding; Gatewarden reports each flag at its key.
        'config.insecure_or_dangerous_flags warn',
        'config.insecure_or_dangerous_flags warn',
        'config.insecure_or_dangerous_flags warn',
        'logging.redact_off warn',
        'gateway.nodes.allow_commands_dangerous warn',
        'gateway.nodes.deny_commands_ineffective warn',
        'hooks.token_too_short warn',
        'hooks.path_root critical',
        'hooks.default_session_key_unset warn',
        'hooks.request_session_key_enabled warn',
        'hooks.request_session_key_prefixes_missing warn',
        'config.secrets.hooks_token_in_config info',
        'gateway.trusted_proxies_missing warn',
      ].sort(),
    );
  });

  it('§5.5 open channels, tool blast radius and models (2026.9 schema)', async () => {
    expect(await auditFindings('channels-5.5')).toEqual(
      [
        'channels.telegram.dm.open critical',
        'channels.telegram.groups.open warn',
        'channels.telegram.groups.allowFrom.missing critical',
        'tools.elevated.allowFrom.telegram.wildcard critical',
        'tools.exec.security_full_configured critical',
        'security.exposure.open_channels_with_exec critical',
        'security.exposure.open_groups_with_elevated critical',
        'security.exposure.open_groups_with_runtime_or_fs critical',
        'security.exposure.open_groups_with_control_plane_tools critical',
        'security.trust_model.multi_user_heuristic warn',
        'tools.exec.safe_bins_interpreter_unprofiled warn',
        'tools.exec.safe_bins_broad_behavior warn',
        'tools.exec.safe_bin_trusted_dirs_risky warn',
        'models.small_params critical',
        'models.weak_tier warn',
        'channels.discord.allowlisted_groups.broad_members warn',
        'channels.discord.allowFrom.name_based_entries warn',
        'channels.discord.allowFrom.mutable_entries_inert warn',
        'channels.discord.commands.native.no_allowlists warn',
        // "likely" in the audit's documentation: wildcard DMs with the default dmScope main.
        'channels.dm.session_collision.telegram.1 warn',
      ].sort(),
    );
  });
});
