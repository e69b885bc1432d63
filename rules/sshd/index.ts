import type { AnyRule } from '../../src/model/rule.js';
import agentForwarding from './agent_forwarding.js';
import keyboardInteractive from './keyboard_interactive.js';
import maxAuthTries from './max_auth_tries.js';
import passwordAuthentication from './password_authentication.js';
import permitEmptyPasswords from './permit_empty_passwords.js';
import permitRootLogin from './permit_root_login.js';
import weakCrypto from './weak_crypto.js';
import x11Forwarding from './x11_forwarding.js';

export const sshdRules: readonly AnyRule[] = [agentForwarding, keyboardInteractive, maxAuthTries, passwordAuthentication, permitEmptyPasswords, permitRootLogin, weakCrypto, x11Forwarding];
