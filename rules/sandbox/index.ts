import type { AnyRule } from '../../src/model/rule.js';
import bindMountNonAbsolute from './bind_mount_non_absolute.js';
import browserCdpBridgeUnrestricted from './browser_cdp_bridge_unrestricted.js';
import dangerousApparmorProfile from './dangerous_apparmor_profile.js';
import dangerousBindMount from './dangerous_bind_mount.js';
import dangerousNetworkMode from './dangerous_network_mode.js';
import dangerousSeccompProfile from './dangerous_seccomp_profile.js';
import dockerConfigModeOff from './docker_config_mode_off.js';

export const sandboxRules: readonly AnyRule[] = [bindMountNonAbsolute, browserCdpBridgeUnrestricted, dangerousApparmorProfile, dangerousBindMount, dangerousNetworkMode, dangerousSeccompProfile, dockerConfigModeOff];
