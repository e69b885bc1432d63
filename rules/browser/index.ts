import type { AnyRule } from '../../src/model/rule.js';
import controlInvalidConfig from './control_invalid_config.js';
import controlNoAuth from './control_no_auth.js';
import remoteCdpHttp from './remote_cdp_http.js';

export const browserRules: readonly AnyRule[] = [controlInvalidConfig, controlNoAuth, remoteCdpHttp];
