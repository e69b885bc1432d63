import type { AnyRule } from '../../src/model/rule.js';
import elevatedAllowFromLarge from './elevated.allowFrom.large.js';
import elevatedAllowFromWildcard from './elevated.allowFrom.wildcard.js';
import execAgentSkillMcpBoundaryDrift from './exec.agent_skill_mcp_boundary_drift.js';
import execFsToolsDisabledButExecEnabled from './exec.fs_tools_disabled_but_exec_enabled.js';
import execHostSandboxNoSandboxAgents from './exec.host_sandbox_no_sandbox_agents.js';
import execHostSandboxNoSandboxDefaults from './exec.host_sandbox_no_sandbox_defaults.js';
import execSafeBinTrustedDirsRisky from './exec.safe_bin_trusted_dirs_risky.js';
import execSafeBinsBroadBehavior from './exec.safe_bins_broad_behavior.js';
import execSafeBinsInterpreterUnprofiled from './exec.safe_bins_interpreter_unprofiled.js';
import execSecurityFullConfigured from './exec.security_full_configured.js';
import profileMinimalOverridden from './profile_minimal_overridden.js';

export const toolsRules: readonly AnyRule[] = [elevatedAllowFromLarge, elevatedAllowFromWildcard, execAgentSkillMcpBoundaryDrift, execFsToolsDisabledButExecEnabled, execHostSandboxNoSandboxAgents, execHostSandboxNoSandboxDefaults, execSafeBinTrustedDirsRisky, execSafeBinsBroadBehavior, execSafeBinsInterpreterUnprofiled, execSecurityFullConfigured, profileMinimalOverridden];
