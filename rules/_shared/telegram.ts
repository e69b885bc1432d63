/** Telegram's sender allowlists, shared by the channels.telegram.* rules. */
import type { PathSegment } from '../../src/model/location.js';
import { arr, get, obj, type Obj } from './openclaw.js';

/** Telegram sender allowlists: allowFrom, groupAllowFrom, groups.*.allowFrom, groups.*.topics.*.allowFrom. */
export function senderLists(v: Obj, pathOf: (k: string) => PathSegment[]): { path: PathSegment[]; list: unknown[] }[] {
  const out = [
    { path: pathOf('allowFrom'), list: arr(v.allowFrom) },
    { path: pathOf('groupAllowFrom'), list: arr(v.groupAllowFrom) },
  ];
  for (const [g, gv] of Object.entries(obj(v.groups))) {
    out.push({ path: [...pathOf('groups'), g, 'allowFrom'], list: arr(get(gv, 'allowFrom')) });
    for (const [tp, tv] of Object.entries(obj(get(gv, 'topics')))) out.push({ path: [...pathOf('groups'), g, 'topics', tp, 'allowFrom'], list: arr(get(tv, 'allowFrom')) });
  }
  return out;
}
