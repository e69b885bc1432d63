/** The model refs the audit inspects, and the parameter count it infers from a model id. */
import { arr, get, obj, str, type Obj } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';
import { agentEntries } from './agents.js';

export interface ModelRef {
  model: string;
  path: PathSegment[];
  image: boolean;
  /** The agent entry whose context the model runs in (undefined = agents.defaults). */
  agent?: Obj;
}

/**
 * Model refs the audit inspects: defaults model and imageModel (primary + fallbacks) and each agent's model,
 * alias-resolved through `agents.defaults.models` (`{"provider/model": {alias}}`). Models only declared under
 * `models.providers.*.models[]` are not inspected (as in the audit).
 */
export function modelRefs(config: unknown): ModelRef[] {
  const aliases = new Map<string, string>();
  for (const [id, v] of Object.entries(obj(get(config, 'agents', 'defaults', 'models')))) {
    const a = str(get(v, 'alias'));
    if (a) aliases.set(a.trim().toLowerCase(), id);
  }
  const out: ModelRef[] = [];
  const add = (v: unknown, path: PathSegment[], image: boolean, agent?: Obj) => {
    const push = (m: unknown, p: PathSegment[]) => {
      if (typeof m === 'string' && m.trim()) out.push({ model: aliases.get(m.trim().toLowerCase()) ?? m.trim(), path: p, image, ...(agent ? { agent } : {}) });
    };
    if (typeof v === 'string') return push(v, path);
    push(get(v, 'primary'), [...path, 'primary']);
    arr(get(v, 'fallbacks')).forEach((f, i) => push(f, [...path, 'fallbacks', i]));
  };
  add(get(config, 'agents', 'defaults', 'model'), ['agents', 'defaults', 'model'], false);
  add(get(config, 'agents', 'defaults', 'imageModel'), ['agents', 'defaults', 'imageModel'], true);
  for (const a of agentEntries(config)) add(a.value.model, [...a.path, 'model'], false, a.value);
  return out;
}

/**
 * Parameter count (billions) inferred from a model id, as the audit does: the largest token made of (start or a
 * non-alphanumeric char) + an optional letter + a number + `b`, followed by a non-alphanumeric char or the end.
 * `llama3.1:8b` → 8, `qwen3-235b-a22b` → 235, `gemma4:e2b` → 2, `mixtral-8x7b` → none.
 */
export function paramSize(model: string): number | undefined {
  let best: number | undefined;
  for (const m of model.toLowerCase().matchAll(/(?:^|[^a-z0-9])[a-z]?(\d+(?:\.\d+)?)b(?=$|[^a-z0-9])/g)) {
    const n = Number(m[1]);
    if (best === undefined || n > best) best = n;
  }
  return best;
}
