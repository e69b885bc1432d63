import type { AnyRule } from '../../src/model/rule.js';
import agentRosterInvalidDefaultCount from './agent_roster.invalid_default_count.js';
import controlUiDeviceAuthDisabled from './control_ui_device_auth_disabled.js';
import controlUiExternalEmbedUrls from './control_ui_external_embed_urls.js';
import controlUiInsecureAuth from './control_ui_insecure_auth.js';
import insecureOrDangerousFlags from './insecure_or_dangerous_flags.js';
import parseError from './parse_error.js';
import secretsGatewayPasswordInConfig from './secrets.gateway_password_in_config.js';
import secretsHooksTokenInConfig from './secrets.hooks_token_in_config.js';
import unauditedDangerousFlags from './unaudited_dangerous_flags.js';

export const configRules: readonly AnyRule[] = [agentRosterInvalidDefaultCount, controlUiDeviceAuthDisabled, controlUiExternalEmbedUrls, controlUiInsecureAuth, insecureOrDangerousFlags, parseError, secretsGatewayPasswordInConfig, secretsHooksTokenInConfig, unauditedDangerousFlags];
