import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentStorePath, base, isOpenClawRepo, underStateDir } from '../_shared/state-paths.js';

/** Names OpenClaw gives the per-agent credential stores under `agents/<id>/agent/` (auth-profile SQLite database, legacy `auth-profiles.json`). */
const STORE = /^(auth-profiles\.json|auth\.json|models\.json|auth-profiles\.(sqlite3?|db)|.*\.(sqlite3?|db))$/i;

export default defineRule({
  id: 'state.auth_profiles',
  title: 'OpenClaw agent auth profiles are committed',
  severity: 'critical',
  appliesTo: ['repo'],
  description:
    'OpenClaw keeps each agent\'s model credentials in its state directory: `auth-profiles.json` (or the auth-profile database) and `models.json` under `agents/<id>/agent/` hold provider API keys and Claude/OpenAI OAuth tokens in plain text. Committed, every one of them is readable by anyone with the repository or its history.',
  remediation:
    'Rotate every key and sign out every OAuth session the file held (Anthropic Console, OpenAI, `claude setup-token` again). Then `git rm --cached` the file, add the state directory (`.openclaw/`, or at least `agents/*/agent/`) to `.gitignore`, and rewrite history (`git filter-repo --invert-paths --path <file>`). Mount the state directory as a volume instead of keeping it in the repository.',
  references: ['https://docs.openclaw.ai/gateway/security', 'https://github.com/newren/git-filter-repo'],
  tags: ['secrets', 'openclaw', 'state', 'CWE-538'],
  precision: 'high',
  check(target, ctx) {
    const openclaw = isOpenClawRepo(target);
    for (const f of target.files) {
      const agent = agentStorePath(f.path);
      const hit = base(f.path) === 'auth-profiles.json' || (agent?.kind === 'agent' && (STORE.test(agent.base) || openclaw || underStateDir(f.path)));
      if (!hit) continue;
      ctx.report({
        at: at.file(f.path),
        message: `${f.path} is OpenClaw agent credential state (auth profiles: provider keys and OAuth tokens) and is in the repository: rotate what it holds, then remove it from git and its history.`,
        key: f.path,
      });
    }
  },
});
