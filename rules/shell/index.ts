import type { AnyRule } from '../../src/model/rule.js';
import chmodOpenclawState from './chmod_openclaw_state.js';
import curlPipeShell from './curl_pipe_shell.js';
import firewallOpensGateway from './firewall_opens_gateway.js';
import gatewayPublicBind from './gateway_public_bind.js';
import tailscaleFunnel from './tailscale_funnel.js';
import unpinnedOpenclawInstall from './unpinned_openclaw_install.js';

export const shellRules: readonly AnyRule[] = [chmodOpenclawState, curlPipeShell, firewallOpensGateway, gatewayPublicBind, tailscaleFunnel, unpinnedOpenclawInstall];
