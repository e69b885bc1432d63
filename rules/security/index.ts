import type { AnyRule } from '../../src/model/rule.js';
import auditSuppressionsActive from './audit.suppressions.active.js';
import exposureOpenChannelsWithExec from './exposure.open_channels_with_exec.js';
import exposureOpenGroupsWithControlPlaneTools from './exposure.open_groups_with_control_plane_tools.js';
import exposureOpenGroupsWithElevated from './exposure.open_groups_with_elevated.js';
import exposureOpenGroupsWithRuntimeOrFs from './exposure.open_groups_with_runtime_or_fs.js';
import trustModelCrossAgentSessionAccessDefault from './trust_model.cross_agent_session_access_default.js';
import trustModelGroupScopeMain from './trust_model.group_scope_main.js';
import trustModelMultiUserHeuristic from './trust_model.multi_user_heuristic.js';

export const securityRules: readonly AnyRule[] = [auditSuppressionsActive, exposureOpenChannelsWithExec, exposureOpenGroupsWithControlPlaneTools, exposureOpenGroupsWithElevated, exposureOpenGroupsWithRuntimeOrFs, trustModelCrossAgentSessionAccessDefault, trustModelGroupScopeMain, trustModelMultiUserHeuristic];
