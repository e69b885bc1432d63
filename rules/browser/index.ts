import type { AnyRule } from '../../src/model/rule.js';
import controlInvalidConfig from './control_invalid_config.js';
import controlNoAuth from './control_no_auth.js';
import remoteCdpHttp from './remote_cdp_http.js';
import remoteCdpPrivateHost from './remote_cdp_private_host.js';

export const browserRules: readonly AnyRule[] = [controlInvalidConfig, controlNoAuth, remoteCdpHttp, remoteCdpPrivateHost];
