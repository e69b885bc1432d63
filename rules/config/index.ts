import type { AnyRule } from '../../src/model/rule.js';
import agentRosterInvalidDefaultCount from './agent_roster.invalid_default_count.js';
import insecureOrDangerousFlags from './insecure_or_dangerous_flags.js';
import parseError from './parse_error.js';
import secretsGatewayPasswordInConfig from './secrets.gateway_password_in_config.js';
import secretsHooksTokenInConfig from './secrets.hooks_token_in_config.js';

export const configRules: readonly AnyRule[] = [agentRosterInvalidDefaultCount, insecureOrDangerousFlags, parseError, secretsGatewayPasswordInConfig, secretsHooksTokenInConfig];
