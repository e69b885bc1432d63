/**
 * Where OpenClaw keeps state that must never be committed: the state directory
 * (`~/.openclaw`, `~/.openclaw-<profile>`, legacy `~/.clawdbot`, `~/.moltbot`, `~/.moldbot`) holds `credentials/`
 * (channel pairing and allow stores, WhatsApp sessions), `agents/<id>/agent/` (auth profiles: provider keys and OAuth
 * tokens) and `agents/<id>/sessions/` (conversation transcripts). Rules decide from repository paths alone.
 */
import type { ComposeTarget, RepoTarget } from '../../src/model/target.js';
import { services } from './compose.js';

const STATE_DIR = /^\.?(openclaw|clawdbot|moltbot|moldbot)([-_.][\w.-]*)?$/i;

/** Whether the repository is an OpenClaw deployment: it has an OpenClaw config file or a committed state directory. */
export function isOpenClawRepo(target: RepoTarget): boolean {
  // Asked by each state rule of the same scan: the answer walks every path of the repository once.
  let answer = openclawRepo.get(target);
  if (answer === undefined) {
    answer = target.files.some((f) => f.kind === 'openclaw' || underStateDir(f.path));
    openclawRepo.set(target, answer);
  }
  return answer;
}

const openclawRepo = new WeakMap<RepoTarget, boolean>();

const OPENCLAW_NAME = /openclaw|clawdbot|moltbot|moldbot/i;

/** A compose file that runs OpenClaw: a service whose name, image or container name says so. */
export function runsOpenClaw(target: ComposeTarget): boolean {
  return services(target).some(([name, svc]) => [name, svc.image, svc.container_name].some((v) => typeof v === 'string' && OPENCLAW_NAME.test(v)));
}

/** Whether a path lies under a directory named like an OpenClaw state directory (`.openclaw/`, `openclaw-data/`). */
export function underStateDir(path: string): boolean {
  return path.split('/').slice(0, -1).some((s) => STATE_DIR.test(s));
}

/** `…/agents/<id>/<kind>/<file>`: the agent id, the kind (`agent`, `sessions`) and the file name, or undefined. */
export function agentStorePath(path: string): { agent: string; kind: string; base: string } | undefined {
  const s = path.split('/');
  for (let i = s.length - 4; i >= 0; i--) {
    if (s[i] === 'agents' && i + 3 === s.length - 1) return { agent: s[i + 1] ?? '', kind: s[i + 2] ?? '', base: s[i + 3] ?? '' };
  }
  return undefined;
}

/** The path below a `credentials/` directory segment, or undefined. */
export function underCredentials(path: string): string | undefined {
  const s = path.split('/');
  const i = s.lastIndexOf('credentials', s.length - 2);
  return i === -1 ? undefined : s.slice(i + 1).join('/');
}

export const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
