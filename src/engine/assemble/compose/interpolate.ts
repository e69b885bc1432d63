/**
 * Compose interpolation (compose-spec 12-interpolation.md): `$VAR`, `${VAR}`, `${VAR:-default}` (unset or
 * empty), `${VAR-default}` (unset), `${VAR:?err}` / `${VAR?err}` (required), `${VAR:+alt}` / `${VAR+alt}`,
 * nesting (`${A:-${B:-x}}`) and `$$` for a literal `$`.
 *
 * What the repository does not say stays unknown: a variable with no value and no default is left exactly as
 * written (`${OPENCLAW_GATEWAY_TOKEN}`), so rules can tell "unknown" from "empty" and never treat it as safe.
 * A default is used when the variable has no value in the repository, because that is what runs when nobody
 * sets it.
 */
export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(s: string, lookup: Lookup): string {
  if (!s.includes('$')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = matchingBrace(s, i + 1);
      if (end === -1) {
        out += s.slice(i);
        break;
      }
      out += braced(s.slice(i + 2, end), s.slice(i, end + 1), lookup);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(s.slice(i + 1));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    const v = lookup(m[0]);
    out += v ?? `$${m[0]}`;
    i += 1 + m[0].length;
  }
  return out;
}

/** Index of the `}` closing the `{` at `open`, counting nested `${…}`; -1 when unterminated. */
function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function braced(inner: string, written: string, lookup: Lookup): string {
  const m = NAME.exec(inner);
  if (!m) return written;
  const name = m[0];
  const rest = inner.slice(name.length);
  const value = lookup(name);
  if (rest === '') return value ?? written;
  const op = /^(:?[-?+])/.exec(rest)?.[1];
  if (!op) return written;
  const arg = rest.slice(op.length);
  const set = value !== undefined && (op.startsWith(':') ? value !== '' : true);
  switch (op) {
    case ':-':
    case '-':
      return set ? (value ?? '') : interpolate(arg, lookup);
    case ':?':
    case '?':
      return set ? (value ?? '') : written;
    default: // :+ and +
      return set ? interpolate(arg, lookup) : value === undefined ? written : '';
  }
}
