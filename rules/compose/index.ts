import type { AnyRule } from '../../src/model/rule.js';
import cap_add_dangerous from './cap_add_dangerous.js';
import cap_drop_missing from './cap_drop_missing.js';
import devices from './devices.js';
import docker_socket_mount from './docker_socket_mount.js';
import image_unpinned from './image_unpinned.js';
import inline_secret from './inline_secret.js';
import ipc_host from './ipc_host.js';
import network_mode_host from './network_mode_host.js';
import no_new_privileges_missing from './no_new_privileges_missing.js';
import pid_host from './pid_host.js';
import port_all_interfaces from './port_all_interfaces.js';
import privileged from './privileged.js';
import read_only_missing from './read_only_missing.js';
import resource_limits_missing from './resource_limits_missing.js';
import runs_as_root from './runs_as_root.js';
import security_opt_unconfined from './security_opt_unconfined.js';
import sensitive_host_mount from './sensitive_host_mount.js';
import userns_mode_host from './userns_mode_host.js';
import uts_host from './uts_host.js';
import weak_default_secret from './weak_default_secret.js';

export const composeRules: readonly AnyRule[] = [
  cap_add_dangerous,
  cap_drop_missing,
  devices,
  docker_socket_mount,
  image_unpinned,
  inline_secret,
  ipc_host,
  network_mode_host,
  no_new_privileges_missing,
  pid_host,
  port_all_interfaces,
  privileged,
  read_only_missing,
  resource_limits_missing,
  runs_as_root,
  security_opt_unconfined,
  sensitive_host_mount,
  userns_mode_host,
  uts_host,
  weak_default_secret,
];
