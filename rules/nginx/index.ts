import type { AnyRule } from '../../src/model/rule.js';
import gatewayNoAuth from './gateway_no_auth.js';
import gatewayNoRateLimit from './gateway_no_rate_limit.js';
import missingHsts from './missing_hsts.js';
import plainHttpUpstream from './plain_http_upstream.js';
import realIpSpoofable from './real_ip_spoofable.js';
import sensitiveLocationOpen from './sensitive_location_open.js';
import serverTokens from './server_tokens.js';
import weakTls from './weak_tls.js';

export const nginxRules: readonly AnyRule[] = [gatewayNoAuth, gatewayNoRateLimit, missingHsts, plainHttpUpstream, realIpSpoofable, sensitiveLocationOpen, serverTokens, weakTls];
