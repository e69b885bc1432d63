import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentStorePath } from '../_shared/state-paths.js';

export default defineRule({
  id: 'state.session_transcripts',
  title: 'OpenClaw session transcripts are committed',
  severity: 'high',
  appliesTo: ['repo'],
  description:
    '`agents/<id>/sessions/*.jsonl` are OpenClaw\'s conversation transcripts: every message people sent the agent, its answers, and tool calls with their output (file contents, command output, sometimes pasted keys). Committed, they expose private conversations to everyone with the repository.',
  remediation:
    'Remove the transcripts from git (`git rm -r --cached agents/*/sessions`), ignore the state directory (`.openclaw/` or `agents/*/sessions/`) in `.gitignore`, rewrite history if the repository was shared, and check the transcripts for secrets that were pasted into a chat (rotate those).',
  references: ['https://docs.openclaw.ai/gateway/security'],
  tags: ['privacy', 'openclaw', 'state', 'CWE-359'],
  precision: 'very-high',
  check(target, ctx) {
    for (const f of target.files) {
      const a = agentStorePath(f.path);
      if (!a || a.kind !== 'sessions' || !/\.jsonl$/i.test(a.base)) continue;
      ctx.report({
        at: at.file(f.path),
        message: `${f.path} is an OpenClaw session transcript (agent "${a.agent}") in the repository: conversations and tool output are readable by everyone with access to it.`,
        key: f.path,
      });
    }
  },
});
