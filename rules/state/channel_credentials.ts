import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { base, isOpenClawRepo, underCredentials, underStateDir } from '../_shared/state-paths.js';
import { isWhatsAppSession } from './whatsapp_session.js';

/** File names OpenClaw writes into `credentials/` (pairing and allow stores, the OAuth store). */
const OPENCLAW_STORE = /(-allowFrom|-pairing|-allowlist)\.json$|^oauth\.json$/i;

export default defineRule({
  id: 'state.channel_credentials',
  title: 'OpenClaw credentials directory is committed',
  severity: 'high',
  appliesTo: ['repo'],
  description:
    'The `credentials/` directory of OpenClaw\'s state holds channel secrets and access lists: OAuth tokens, pairing stores and `*-allowFrom.json` lists of who may talk to the agent. Committed, its tokens are leaked and the allowlists tell an attacker whom to impersonate.',
  remediation:
    'Rotate the tokens the files held (re-pair or re-login the channels), `git rm -r --cached` the `credentials/` directory, ignore the state directory (`.openclaw/`) in `.gitignore`, and rewrite history if the repository was shared. Mount state as a volume instead.',
  references: ['https://docs.openclaw.ai/gateway/security'],
  tags: ['secrets', 'openclaw', 'state', 'CWE-538'],
  precision: 'high',
  check(target, ctx) {
    const openclaw = isOpenClawRepo(target);
    for (const f of target.files) {
      const rest = underCredentials(f.path);
      if (rest === undefined || !/\.json$/i.test(f.path) || isWhatsAppSession(f.path, openclaw)) continue;
      if (!(openclaw || underStateDir(f.path) || OPENCLAW_STORE.test(base(f.path)))) continue;
      ctx.report({
        at: at.file(f.path),
        message: `${f.path} is in OpenClaw's credentials directory and is in the repository: rotate what it holds, then remove it from git and its history.`,
        key: f.path,
      });
    }
  },
});
