import type { AnyRule } from '../../src/model/rule.js';
import dockerdTcpWithoutTls from './dockerd_tcp_without_tls.js';
import environmentSecret from './environment_secret.js';
import gatewayHardeningMissing from './gateway_hardening_missing.js';
import gatewayPublicBind from './gateway_public_bind.js';
import gatewayRunsAsRoot from './gateway_runs_as_root.js';
import gatewayTokenOnCommandLine from './gateway_token_on_command_line.js';

export const systemdRules: readonly AnyRule[] = [dockerdTcpWithoutTls, environmentSecret, gatewayHardeningMissing, gatewayPublicBind, gatewayRunsAsRoot, gatewayTokenOnCommandLine];
