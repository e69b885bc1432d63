/**
 * THE registry: every rule, once. Each domain folder keeps its own list (`rules/<domain>/index.ts`), so adding
 * a rule touches one folder; this file only joins the domains. Docs, SARIF rules and the README table are all
 * derived from this list, and test/catalogue.test.ts checks that every module under rules/ is in it.
 */
import type { AnyRule } from '../src/model/rule.js';
import { composeRules } from './compose/index.js';
import { configRules } from './config/index.js';
import { dockerfileRules } from './dockerfile/index.js';
import { daemonRules } from './daemon/index.js';
import { dotenvRules } from './dotenv/index.js';
import { nginxRules } from './nginx/index.js';
import { scanRules } from './scan/index.js';
import { secretsRules } from './secrets/index.js';
import { stateRules } from './state/index.js';
import { gatewayRules } from './gateway/index.js';
import { discoveryRules } from './discovery/index.js';
import { mcpRules } from './mcp/index.js';
import { hooksRules } from './hooks/index.js';
import { toolsRules } from './tools/index.js';
import { securityRules } from './security/index.js';
import { sandboxRules } from './sandbox/index.js';
import { modelsRules } from './models/index.js';
import { loggingRules } from './logging/index.js';
import { channelsRules } from './channels/index.js';
import { pluginsRules } from './plugins/index.js';
import { browserRules } from './browser/index.js';
import { fsRules } from './fs/index.js';
import { shellRules } from './shell/index.js';
import { sshdRules } from './sshd/index.js';
import { systemdRules } from './systemd/index.js';
import { traefikRules } from './traefik/index.js';

export const RULES: readonly AnyRule[] = [
  ...secretsRules,
  ...dotenvRules,
  ...stateRules,
  ...composeRules,
  ...dockerfileRules,
  ...configRules,
  ...scanRules,
  ...gatewayRules,
  ...discoveryRules,
  ...mcpRules,
  ...hooksRules,
  ...toolsRules,
  ...securityRules,
  ...sandboxRules,
  ...modelsRules,
  ...loggingRules,
  ...channelsRules,
  ...pluginsRules,
  ...browserRules,
  ...fsRules,
  ...shellRules,
  ...daemonRules,
  ...nginxRules,
  ...sshdRules,
  ...systemdRules,
  ...traefikRules,
].sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);

export function findRule(id: string): AnyRule | undefined {
  return RULES.find((r) => r.id === id);
}
