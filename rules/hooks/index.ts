import type { AnyRule } from '../../src/model/rule.js';
import allowedAgentIdsUnrestricted from './allowed_agent_ids_unrestricted.js';
import defaultSessionKeyUnset from './default_session_key_unset.js';
import installsMissingIntegrity from './installs_missing_integrity.js';
import installsUnpinnedNpmSpecs from './installs_unpinned_npm_specs.js';
import pathRoot from './path_root.js';
import requestSessionKeyEnabled from './request_session_key_enabled.js';
import requestSessionKeyPrefixesMissing from './request_session_key_prefixes_missing.js';
import tokenReuseGatewayToken from './token_reuse_gateway_token.js';
import tokenTooShort from './token_too_short.js';

export const hooksRules: readonly AnyRule[] = [allowedAgentIdsUnrestricted, defaultSessionKeyUnset, installsMissingIntegrity, installsUnpinnedNpmSpecs, pathRoot, requestSessionKeyEnabled, requestSessionKeyPrefixesMissing, tokenReuseGatewayToken, tokenTooShort];
