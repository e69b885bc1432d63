/**
 * Go RE2 regular expressions (the peer rule sets' syntax) rewritten for JavaScript, for the differential evaluation
 * only. JavaScript (Node 20) has no inline flag groups, so `(?i)`, `(?i:…)`, `(?-i:…)` and `(?s)` are applied by
 * rewriting: under `i` a letter becomes `[aA]` and a class gains the other case of its letters; under `s` a dot
 * becomes `[\s\S]` (elsewhere `[^\n]`, RE2's dot). Also: `(?P<name>` → `(?<name>`, POSIX classes (`[[:alnum:]]`),
 * `\z` → `$`, `\A` → `^`. What cannot be translated throws, and the caller lists the rule.
 */

const POSIX: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  digit: '0-9',
  xdigit: '0-9A-Fa-f',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\t\\n\\v\\f\\r ',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  blank: ' \\t',
};

interface Flags {
  i: boolean;
  s: boolean;
}

const isLetter = (c: string) => /^[A-Za-z]$/.test(c);
const swap = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

/** Translates one RE2 pattern; throws on a construct JavaScript cannot express the same way. */
export function re2ToJs(src: string): RegExp {
  let i = 0;
  const stack: Flags[] = [{ i: false, s: false }];
  const top = () => stack[stack.length - 1] as Flags;
  let out = '';
  let unicode = false;

  const readEscape = (): string => {
    const c = src[i + 1];
    if (c === undefined) throw new Error('trailing backslash');
    if (c === 'z') return (i += 2), '$';
    if (c === 'A') return (i += 2), '^';
    if (c === 'Q') throw new Error('\\Q…\\E quoting');
    if (c === 'C') throw new Error('\\C (any byte)');
    if (c === 'p' || c === 'P') {
      unicode = true;
      const m = /^\\[pP](\{[A-Za-z_]+\}|[A-Za-z])/.exec(src.slice(i));
      if (!m) throw new Error('bad \\p');
      i += m[0].length;
      return m[0].length === 3 ? `\\${c}{${m[1]}}` : m[0];
    }
    if (c === 'x') {
      const m = /^\\x(\{[0-9A-Fa-f]+\}|[0-9A-Fa-f]{2})/.exec(src.slice(i));
      if (!m) throw new Error('bad \\x');
      i += m[0].length;
      const hex = (m[1] as string).replace(/[{}]/g, '');
      return parseInt(hex, 16) < 256 ? `\\x${hex.padStart(2, '0')}` : `\\u{${hex}}`;
    }
    i += 2;
    // A letter escape under `i` that stands for a letter literal does not exist in RE2; class escapes stay.
    return `\\${c}`;
  };

  const readClass = (): string => {
    // src[i] === '['
    i++;
    let negate = '';
    if (src[i] === '^') {
      negate = '^';
      i++;
    }
    const items: string[] = [];
    const letters: string[] = [];
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      if (src.startsWith('[:', i)) {
        const end = src.indexOf(':]', i);
        const name = src.slice(i + 2, end);
        const neg = name.startsWith('^');
        const cls = POSIX[neg ? name.slice(1) : name];
        if (!cls || neg) throw new Error(`POSIX class [:${name}:]`);
        items.push(cls);
        i = end + 2;
        continue;
      }
      let atom: string;
      let literal: string | undefined;
      if (src[i] === '\\') {
        atom = readEscape();
        if (/^\\[^A-Za-z0-9]$/.test(atom)) literal = atom[1];
      } else if (src[i] === '[') {
        atom = '\\[';
        literal = '[';
        i++;
      } else {
        literal = src[i] as string;
        atom = literal === ']' || literal === '-' ? `\\${literal}` : literal;
        i++;
      }
      // a range a-z
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        let hiAtom: string;
        let hi: string | undefined;
        if (src[i] === '\\') {
          hiAtom = readEscape();
          if (/^\\[^A-Za-z0-9]$/.test(hiAtom)) hi = hiAtom[1];
        } else {
          hi = src[i] as string;
          hiAtom = hi;
          i++;
        }
        items.push(`${atom}-${hiAtom}`);
        if (literal !== undefined && hi !== undefined) {
          const lo = literal.charCodeAt(0);
          const up = hi.charCodeAt(0);
          for (let c = lo; c <= up; c++) if (isLetter(String.fromCharCode(c))) letters.push(String.fromCharCode(c));
        }
        continue;
      }
      items.push(atom);
      if (literal !== undefined && isLetter(literal)) letters.push(literal);
    }
    if (src[i] !== ']') throw new Error('unterminated class');
    i++;
    if (top().i) {
      const have = new Set(letters);
      const extra = [...new Set(letters.map(swap))].filter((c) => !have.has(c));
      items.push(...compressLetters(extra));
    }
    return `[${negate}${items.join('')}]`;
  };

  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\\') {
      const e = readEscape();
      out += e;
      continue;
    }
    if (c === '[') {
      out += readClass();
      continue;
    }
    if (c === '(') {
      if (src[i + 1] === '?') {
        const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(src.slice(i));
        if (named) {
          stack.push({ ...top() });
          out += `(?<${named[1]}>`;
          i += named[0].length;
          continue;
        }
        const flags = /^\(\?([imsU]*)(?:-([imsU]*))?(\)|:)/.exec(src.slice(i));
        if (!flags) throw new Error(`group syntax ${src.slice(i, i + 6)}`);
        const f: Flags = { ...top() };
        for (const on of flags[1] ?? '') if (on === 'i' || on === 's') f[on] = true;
        else if (on !== 'm') throw new Error(`flag ${on}`);
        for (const off of flags[2] ?? '') if (off === 'i' || off === 's') f[off] = false;
        else if (off !== 'm') throw new Error(`flag -${off}`);
        if ((flags[1] ?? '').includes('m')) throw new Error('flag m');
        i += flags[0].length;
        if (flags[3] === ')') {
          // applies to the rest of the current group
          stack[stack.length - 1] = f;
          continue;
        }
        stack.push(f);
        out += '(?:';
        continue;
      }
      stack.push({ ...top() });
      out += '(';
      i++;
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) throw new Error('unbalanced )');
      stack.pop();
      out += ')';
      i++;
      continue;
    }
    if (c === '.') {
      out += top().s ? '[\\s\\S]' : '[^\\n]';
      i++;
      continue;
    }
    if (top().i && isLetter(c)) {
      // not inside a quantifier brace ({2,3} has no letters) — a literal letter
      out += `[${c}${swap(c)}]`;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (stack.length !== 1) throw new Error('unbalanced (');
  return new RegExp(out, unicode ? 'gu' : 'g');
}

/** `['A','B','C','x']` → `['A-C','x']` (shorter classes). */
function compressLetters(chars: string[]): string[] {
  const sorted = [...chars].sort();
  const out: string[] = [];
  for (let k = 0; k < sorted.length; ) {
    let j = k;
    while (j + 1 < sorted.length && (sorted[j + 1] as string).charCodeAt(0) === (sorted[j] as string).charCodeAt(0) + 1) j++;
    out.push(j - k >= 2 ? `${sorted[k]}-${sorted[j]}` : sorted.slice(k, j + 1).join(''));
    k = j + 1;
  }
  return out;
}
