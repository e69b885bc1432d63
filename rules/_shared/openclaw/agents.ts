/** Agent entries (`agents.entries`, legacy `agents.list`) and their effective sandbox settings. */
import { arr, get, isRecord, obj, str, type Obj } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';

export interface AgentEntry {
  id: string;
  /** Merged path of the entry: `['agents','entries',id]` or `['agents','list',i]`. */
  path: PathSegment[];
  value: Obj;
}

/** `agents.entries.<id>` (9.6) and the legacy `agents.list[]` (still read by the 9.6 audit). */
export function agentEntries(config: unknown): AgentEntry[] {
  const out: AgentEntry[] = [];
  for (const [id, v] of Object.entries(obj(get(config, 'agents', 'entries')))) if (isRecord(v)) out.push({ id, path: ['agents', 'entries', id], value: v });
  arr(get(config, 'agents', 'list')).forEach((v, i) => {
    if (isRecord(v)) out.push({ id: str(v.id) ?? String(i), path: ['agents', 'list', i], value: v });
  });
  return out;
}

/** The effective sandbox mode of an agent (agent ?? defaults ?? off). */
export function sandboxMode(config: unknown, agent?: Obj): string {
  return str(get(agent, 'sandbox', 'mode')) ?? str(get(config, 'agents', 'defaults', 'sandbox', 'mode')) ?? 'off';
}

/**
 * Every string entry of a sandbox `docker.binds` list, in `agents.defaults.sandbox.docker` and then in each agent
 * entry's `sandbox.docker`, with the path of the entry (`[..., 'binds', i]`). Non-string entries are skipped.
 */
export function sandboxBinds(config: unknown): { path: PathSegment[]; bind: string }[] {
  const scopes: { path: PathSegment[]; docker: unknown }[] = [{ path: ['agents', 'defaults', 'sandbox', 'docker'], docker: get(config, 'agents', 'defaults', 'sandbox', 'docker') }, ...agentEntries(config).map((a) => ({ path: [...a.path, 'sandbox', 'docker'], docker: get(a.value, 'sandbox', 'docker') }))];
  const out: { path: PathSegment[]; bind: string }[] = [];
  for (const s of scopes) {
    arr(get(s.docker, 'binds')).forEach((b, i) => {
      if (typeof b === 'string') out.push({ path: [...s.path, 'binds', i], bind: b });
    });
  }
  return out;
}
