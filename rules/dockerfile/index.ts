import type { AnyRule } from '../../src/model/rule.js';
import add_remote from './add_remote.js';
import curl_pipe_shell from './curl_pipe_shell.js';
import gateway_bind_lan from './gateway_bind_lan.js';
import image_unpinned from './image_unpinned.js';
import node_version_old from './node_version_old.js';
import runs_as_root from './runs_as_root.js';
import secret_in_env from './secret_in_env.js';

export const dockerfileRules: readonly AnyRule[] = [
  add_remote,
  curl_pipe_shell,
  gateway_bind_lan,
  image_unpinned,
  node_version_old,
  runs_as_root,
  secret_in_env,
];
