import type { AnyRule } from '../../src/model/rule.js';
import iccEnabled from './icc_enabled.js';
import noNewPrivilegesDisabled from './no_new_privileges_disabled.js';
import tcpWithoutTls from './tcp_without_tls.js';
import usernsRemapMissing from './userns_remap_missing.js';

export const daemonRules: readonly AnyRule[] = [iccEnabled, noNewPrivilegesDisabled, tcpWithoutTls, usernsRemapMissing];
