import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { runsOpenClaw } from '../_shared/state-paths.js';

/**
 * The repository holds an OpenClaw deployment (a compose file with an OpenClaw service, or an OpenClaw config) and its
 * root `.gitignore` does not ignore `.env` where compose and OpenClaw read it: the repository root and each deployment
 * file's folder. Compose files of other applications do not count: this is about OpenClaw's secrets.
 * A folder with its own `.gitignore` (not visible to repository rules) is not judged, to stay precise.
 */
export default defineRule({
  id: 'dotenv.not_ignored',
  title: '.env is not ignored in an OpenClaw deployment repository',
  severity: 'low',
  appliesTo: ['repo'],
  // About what the repository lacks now (a .gitignore line), not about what a commit added.
  history: false,
  description:
    'Docker Compose and OpenClaw read their secrets from a `.env` beside the deployment (the gateway token, provider API keys, bot tokens). When `.gitignore` does not list `.env`, one `git add .` commits them all, and they stay in history after the file is deleted.',
  remediation:
    'Add to `.gitignore`:\n\n```\n.env\n.env.*\n!.env.example\n```\n\nand keep a `.env.example` with placeholder values for others to copy.',
  references: ['https://git-scm.com/docs/gitignore', 'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file'],
  tags: ['secrets', 'dotenv', 'CWE-538'],
  precision: 'high',
  messages: {
    not_ignored: '.gitignore does not ignore {{paths}}, where this OpenClaw deployment reads its secrets: add `.env` and `.env.*` (with `!.env.example`).',
    no_gitignore: 'This OpenClaw deployment has no .gitignore, so {{paths}} would be committed by `git add .`: add a .gitignore with `.env` and `.env.*` (with `!.env.example`).',
  },
  check(target, ctx) {
    const openclawCompose = new Set(ctx.project.targets('compose').filter(runsOpenClaw).map((t) => t.file));
    const deployments = target.files.filter((f) => f.kind === 'openclaw' || (f.kind === 'compose' && openclawCompose.has(f.path)));
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
    const list = exposed.length > 5 ? `${exposed.slice(0, 5).join(', ')} and ${exposed.length - 5} more` : exposed.join(', ');
    ctx.report({
      at: at.file(hasGitignore ? '.gitignore' : (deployments[0]?.path ?? '.gitignore')),
      messageId: hasGitignore ? 'not_ignored' : 'no_gitignore',
      data: { paths: list },
      key: 'gitignore',
      properties: { paths: exposed.join(',') },
    });
  },
});
