import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { deployContext } from '../_shared/openclaw/deploy.js';

export default defineRule({
  id: 'fs.synced_dir',
  title: 'State or config in a cloud-synced folder',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The deployment puts the OpenClaw state directory or config (`OPENCLAW_STATE_DIR`, `OPENCLAW_CONFIG_PATH`) in an iCloud, Dropbox, Google Drive or OneDrive folder: credentials, sessions and the config are copied to a third-party cloud and to every synced device.',
  remediation:
    'Point `OPENCLAW_STATE_DIR` / `OPENCLAW_CONFIG_PATH` at a local, unsynced directory (the default `~/.openclaw`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const env = deployContext(t, ctx.project).env ?? {};
    for (const name of ['OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH']) {
      const v = env[name];
      if (v === undefined || !/icloud|dropbox|google drive|googledrive|onedrive/i.test(v)) continue;
      ctx.report({ at: at.file(), message: `${name} points into a cloud-synced folder.` });
      return;
    }
  },
});
