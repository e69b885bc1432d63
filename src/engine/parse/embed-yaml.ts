/**
 * A YAML document embedded in another file (a `#cloud-config` in a Terraform heredoc, an OpenClaw config in a
 * ConfigMap): the rules see a target of its own, and `reframe` maps what they report (paths in the document,
 * ranges and positions in its text) into the enclosing file through `map`, the file offset of each character
 * (an array, or a function when the text is the file's own).
 */
import type { Report } from '../../model/finding.js';
import type { Anchor } from '../../model/location.js';
import { LineIndex } from './lines.js';
import type { PathResolver } from './locator.js';

/**
 * Maps anchors on an embedded text into the file; anything unplaceable goes to `whole` (what embeds it). A finding
 * at a structural path is keyed `<keyPrefix>:<path>`, its identity as for a file of its own (`heredoc` for configs
 * written by a shell heredoc: their fingerprints predate the other embeddings).
 */
export function reframer(file: string, body: string, map: readonly number[] | ((i: number) => number), resolve: PathResolver | undefined, whole: { start: number; end: number }, keyPrefix = 'embedded'): (input: Report) => Report {
  const bodyLines = new LineIndex(body);
  const at = (k: number) => (typeof map === 'function' ? map(k) : (map[Math.max(0, Math.min(k, map.length - 1))] ?? whole.start));
  const range = (s: number, e: number): Anchor => ({ kind: 'range', start: at(s), end: e > s ? at(e - 1) + 1 : at(s) });
  const wholeAnchor: Anchor = { kind: 'range', start: whole.start, end: whole.end };
  const mapAnchor = (a: Anchor): Anchor => {
    if (a.file !== undefined && a.file !== file) return a;
    switch (a.kind) {
      case 'range':
        return range(a.start, a.end);
      case 'position':
        return range(bodyLines.lineStart(a.line) + a.column - 1, bodyLines.lineStart(a.endLine) + a.endColumn - 1);
      case 'file':
        return wholeAnchor;
      case 'path':
        for (let k = a.path.length; k >= 0 && resolve; k--) {
          const r = resolve(a.path.slice(0, k), k === a.path.length ? (a.part ?? 'pair') : 'key');
          if (r) return range(r[0], r[1]);
        }
        return wholeAnchor;
    }
  };
  return (input) => ({
    ...input,
    at: mapAnchor(input.at),
    ...(input.key === undefined && input.secret === undefined && input.at.kind === 'path' ? { key: `${keyPrefix}:${JSON.stringify(input.at.path)}` } : {}),
    ...(input.fix ? { fix: { ...input.fix, at: mapAnchor(input.fix.at) } } : {}),
  });
}

/** The per-character map of a text whose characters sit at `at(i)` in the file. */
export function offsetMap(length: number, at: (i: number) => number): number[] {
  const out = new Array<number>(length + 1);
  for (let k = 0; k <= length; k++) out[k] = at(k);
  return out;
}
