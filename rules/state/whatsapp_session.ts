import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { base, isOpenClawRepo, underCredentials, underStateDir } from '../_shared/state-paths.js';

/** A WhatsApp (Baileys) session's `creds.json`: under a `whatsapp` folder, or in an OpenClaw `credentials/` directory. */
export function isWhatsAppSession(path: string, openclawRepo: boolean): boolean {
  if (base(path) !== 'creds.json') return false;
  if (path.split('/').some((s) => /whatsapp/i.test(s))) return true;
  return underCredentials(path) !== undefined && (openclawRepo || underStateDir(path));
}

export default defineRule({
  id: 'state.whatsapp_session',
  title: 'WhatsApp session credentials are committed',
  severity: 'critical',
  appliesTo: ['repo'],
  description:
    '`creds.json` is the linked-device session OpenClaw\'s WhatsApp channel keeps (Baileys auth state). Whoever has it is logged in to the WhatsApp account: they read and send messages as you, without a QR code or a password.',
  remediation:
    'On the phone, WhatsApp → Linked devices: log out the OpenClaw device at once, then link it again (`openclaw channels login whatsapp`). `git rm -r --cached` the session folder, ignore `.openclaw/` (or `credentials/`) in `.gitignore`, and rewrite history if the repository was shared.',
  references: ['https://github.com/WhiskeySockets/Baileys', 'https://docs.openclaw.ai/gateway/security'],
  tags: ['secrets', 'openclaw', 'state', 'CWE-538'],
  precision: 'high',
  check(target, ctx) {
    const openclaw = isOpenClawRepo(target);
    for (const f of target.files) {
      if (!isWhatsAppSession(f.path, openclaw)) continue;
      ctx.report({
        at: at.file(f.path),
        message: `${f.path} is a WhatsApp linked-device session in the repository: anyone with it is logged in to the account. Log the device out in WhatsApp → Linked devices, then remove the file from git and its history.`,
        key: f.path,
      });
    }
  },
});
