import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';

/**
 * The repository holds an OpenClaw deployment (an OpenClaw config, or a compose file that runs OpenClaw) and its
 * root `.gitignore` does not ignore `.env` where compose and OpenClaw read it: the repository root and each
 * deployment file's folder. A compose file for something else (a blog, a database) is not an OpenClaw deployment.
 * A folder with its own `.gitignore` (not visible to repository rules) is not judged, to stay precise.
 */
/** OpenClaw and its former names, as they appear in an image, a command or a mounted config path. */
const OPENCLAW = /openclaw|clawdbot|moltbot/i;

export default defineRule({
  id: 'dotenv.not_ignored',
  title: '.env is not ignored in an OpenClaw deployment repository',
  severity: 'low',
  appliesTo: ['repo'],
  description:
    'Docker Compose and OpenClaw read their secrets from a `.env` beside the deployment (the gateway token, provider API keys, bot tokens). When `.gitignore` does not list `.env`, one `git add .` commits them all, and they stay in history after the file is deleted.',
  remediation:
    'Add to `.gitignore`:\n\n```\n.env\n.env.*\n!.env.example\n```\n\nand keep a `.env.example` with placeholder values for others to copy.',
  references: ['https://git-scm.com/docs/gitignore', 'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file'],
  tags: ['secrets', 'dotenv', 'CWE-538'],
  precision: 'high',
  check(target, ctx) {
    const runsOpenClaw = new Set(ctx.project.targets('compose').filter((c) => OPENCLAW.test(c.text)).map((c) => c.file));
    const deployments = target.files.filter((f) => f.kind === 'openclaw' || (f.kind === 'compose' && runsOpenClaw.has(f.path)));
    if (deployments.length === 0) return;
    const nested = new Set(target.files.filter((f) => f.path.endsWith('/.gitignore')).map((f) => f.path.slice(0, -'/.gitignore'.length)));
    const dirs = new Set(['', ...deployments.map((f) => f.path.slice(0, Math.max(0, f.path.lastIndexOf('/'))))]);
    const exposed: string[] = [];
    for (const dir of [...dirs].sort()) {
      if (dir !== '' && [...nested].some((n) => dir === n || dir.startsWith(`${n}/`))) continue;
      const env = dir === '' ? '.env' : `${dir}/.env`;
      if (!target.ignoredByRootGitignore(env)) exposed.push(env);
    }
    if (exposed.length === 0) return;
    const hasGitignore = target.gitignore !== undefined;
    ctx.report({
      at: at.file(hasGitignore ? '.gitignore' : (deployments[0]?.path ?? '.gitignore')),
      message: hasGitignore
        ? `.gitignore does not ignore ${exposed.join(', ')}, where this OpenClaw deployment reads its secrets: add \`.env\` and \`.env.*\` (with \`!.env.example\`).`
        : `This OpenClaw deployment has no .gitignore, so ${exposed.join(', ')} would be committed by \`git add .\`: add a .gitignore with \`.env\` and \`.env.*\` (with \`!.env.example\`).`,
      key: 'gitignore',
      properties: { paths: exposed.join(',') },
    });
  },
});
