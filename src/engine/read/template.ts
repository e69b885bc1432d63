/**
 * Template files (Ansible/Jinja2 `*.j2`, `*.tpl`, `*.tmpl`, `*.template`): read as the file they render. A template
 * is classified by its name without the template suffix (`openclaw.json.j2` is an OpenClaw config,
 * `docker-compose.yml.j2` a compose file, `openclaw.service.j2` a unit), and parsed after its template syntax is
 * neutralised:
 *
 * - an expression (`{{ openclaw_port }}`) becomes a variable reference of the same length (`${OPENCLAW_PORT___}`),
 *   which every model already reads as "provided at deploy time": a value the template fills in is unknown, never
 *   guessed. Outside a quoted string of a JSON or YAML file it is quoted (`"${OPENCLAW_PO}"`) so the file still
 *   parses;
 * - a statement (`{% if … %}`, `{%- endfor %}`, Helm's `{{- if … }}`, Terraform's `%{ if … }`) and a comment
 *   (`{# … #}`) become spaces. Only the first branch of a conditional is kept (the file is read as if every
 *   condition held: two branches side by side rarely form one valid document);
 * - line breaks are kept and nothing changes length, so every offset, line and column of the neutralised text is
 *   that of the file: findings point at what the user wrote.
 *
 * The text rules (secrets) read the file as written: a secret in a template is a secret.
 */

/** File-name suffixes that mark a template of the file named without them. */
const TEMPLATE_SUFFIX = /\.(j2|jinja2?|tpl|tmpl|template|tftpl)$/i;

/** The name a template renders (`openclaw.json.j2` → `openclaw.json`), or undefined when it is not a template. */
export function renderedName(base: string): string | undefined {
  const m = TEMPLATE_SUFFIX.exec(base);
  if (!m) return undefined;
  const inner = base.slice(0, m.index);
  // `.env.template` is a dotenv template (a file of its own kind), and `x.template` alone renders nothing we know.
  // `Caddyfile.j2`: a conventional name without an extension renders too.
  return inner && (inner.includes('.') || inner === 'Caddyfile') && !/^\.env$/i.test(inner) ? inner : undefined;
}

/** Whether a path is a template by its name. */
export function isTemplatePath(relPath: string): boolean {
  return renderedName(relPath.slice(relPath.lastIndexOf('/') + 1)) !== undefined;
}

/** How quoting works in the file a template renders: JSON and YAML need an expression quoted where a value starts. */
export type TemplateHost = 'json' | 'yaml' | 'plain';

/** The template's text with its syntax neutralised, of the same length (see the module comment). */
export function neutralise(template: string, host: TemplateHost): string {
  if (!/\{[{%#]|%\{/.test(template)) return template;
  const text = firstBranches(template);
  const out: string[] = [];
  let quote: string | undefined; // the quote character of the JSON/YAML string being read, if any
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '%' && text[i + 1] === '{' && /^%\{~?\s*(if|else|endif|for|endfor)\b/.test(text.slice(i, i + 12))) {
      // A Terraform template directive (`%{ if x }`, `%{ endfor }`): a statement.
      const end = text.indexOf('}', i + 2);
      if (end !== -1 && !text.slice(i, end).includes('\n')) {
        out.push(blank(text.slice(i, end + 1)));
        i = end + 1;
        continue;
      }
    }
    if (c === '{' && (text[i + 1] === '{' || text[i + 1] === '%' || text[i + 1] === '#')) {
      const statement = text[i + 1] === '{' && GO_STATEMENT.test(text.slice(i, i + 24));
      const close = text[i + 1] === '{' ? '}}' : `${text[i + 1]}}`;
      const end = text.indexOf(close, i + 2);
      if (end !== -1) {
        const raw = text.slice(i, end + 2);
        out.push(text[i + 1] === '{' && !statement ? expressionIn(host, raw, quote !== undefined, out, text.slice(end + 2)) : blank(raw));
        i = end + 2;
        continue;
      }
    }
    if (host !== 'plain') {
      if (quote === undefined) {
        const comment = host === 'json' ? c === '/' && text[i + 1] === '/' : c === '#' && (i === 0 || /\s/.test(text[i - 1] as string));
        if (comment) {
          // A comment runs to the end of its line, whatever quotes it holds; template syntax in it is blanked.
          const eol = text.indexOf('\n', i);
          const stop = eol === -1 ? text.length : eol;
          out.push(blankTemplateSyntax(text.slice(i, stop)));
          i = stop;
          continue;
        }
        if ((c === '"' || c === "'") && (host === 'json' || startsValue(out, host))) quote = c;
      } else if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = undefined;
      else if (c === '\n' && host === 'yaml' && quote === "'") quote = undefined;
    }
    out.push(c);
    i++;
  }
  return out.join('');
}

/** A Go-template action that is a statement, not a value (Helm): `{{- if …}}`, `{{ end }}`, `{{ include … | nindent 4 }}`, `{{- $x := … }}`. */
const GO_STATEMENT = /^\{\{-?\s*(?:(?:if|else|end|range|with|define|block|template|include|toYaml|tpl|fail|\/\*)\b|\$\w*\s*:?=)/;

/** Jinja `{% … %}`, Go `{{ if|else|end|range|with|define|block … }}` and Terraform `%{ if|else|endif|for|endfor }` tags. */
const TAG = /\{%-?\s*(\w+)[\s\S]*?-?%\}|\{\{-?\s*(if|else|end|range|with|define|block)\b[\s\S]*?-?\}\}|%\{~?\s*(if|else|endif|for|endfor)\b[^}\n]*\}/g;

/**
 * Keeps the first branch of every conditional and blanks the others (`{% elif %}`/`{% else %}` up to `{% endif %}`):
 * the file is read as if each condition held, so it stays one valid document (both branches side by side rarely
 * parse: a key twice, a comma missing). Blocks (`for`, `range`, `with`, `define`) keep their body once.
 */
function firstBranches(text: string): string {
  interface Frame {
    conditional: boolean;
    skipFrom?: number;
  }
  const stack: Frame[] = [];
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(TAG)) {
    const word = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase();
    const at = m.index ?? 0;
    if (word === 'if') stack.push({ conditional: true });
    else if (['for', 'range', 'with', 'define', 'block', 'macro', 'call', 'filter', 'raw'].includes(word)) stack.push({ conditional: false });
    else if (word === 'elif' || word === 'else') {
      const top = stack.at(-1);
      if (top?.conditional && top.skipFrom === undefined) top.skipFrom = at;
    } else if (word === 'end' || word.startsWith('end')) {
      const top = stack.pop();
      if (top?.skipFrom !== undefined) ranges.push([top.skipFrom, at]);
    }
  }
  if (!ranges.length) return text;
  let out = '';
  let from = 0;
  for (const [a, b] of ranges.sort((x, y) => x[0] - y[0])) {
    if (a < from) continue; // inside a range already blanked
    out += text.slice(from, a) + blank(text.slice(a, b));
    from = b;
  }
  return out + text.slice(from);
}

/**
 * An expression where it stands: inside a string, or anywhere in a file without quoting, a bare reference. In JSON
 * outside a string it is a whole value where a value starts (quoted) and punctuation elsewhere (`{{ ',' if … }}`
 * between entries: blanked). In YAML a plain scalar may start with `$`, so only a whole scalar inside a flow
 * collection (`[a, {{ b }}]`) is quoted.
 */
function expressionIn(host: TemplateHost, raw: string, inString: boolean, before: readonly string[], after: string): string {
  if (host === 'plain' || inString) return expression(raw, false);
  if (host === 'json') return startsValue(before, host) ? expression(raw, true) : blank(raw);
  const prev = lastNonSpace(before);
  const flow = prev === '[' || prev === ',' || prev === '{';
  return expression(raw, flow && /^\s*[,\]}]/.test(after));
}

function lastNonSpace(out: readonly string[]): string | undefined {
  for (let k = out.length - 1; k >= 0; k--) {
    const c = out[k] as string;
    if (c !== ' ' && c !== '\t') return c.at(-1);
  }
  return undefined;
}

/** `{{ expr }}` as a same-length `${NAME…}`, quoted or not. */
function expression(raw: string, quoted: boolean): string {
  if (raw.includes('\n')) return blank(raw);
  const inner = quoted ? raw.length - 5 : raw.length - 3; // `"${` + name + `}"`, or `${` + name + `}`
  if (inner < 1) return blank(raw);
  const words = raw.slice(2, -2).split(/[^A-Za-z0-9]+/).filter(Boolean).join('_').toUpperCase() || 'TEMPLATE';
  const name = (/^[0-9]/.test(words) ? `T${words}` : words).slice(0, inner).padEnd(inner, '_');
  return quoted ? `"\${${name}}"` : `\${${name}}`;
}

/** One comment line with its `{{ … }}`, `{% … %}` and `{# … #}` blanked; an unclosed opener is left as written. */
function blankTemplateSyntax(line: string): string {
  let out = '';
  let i = 0;
  const unclosed = new Set<string>(); // a closer not found once is not found later either: linear time
  for (;;) {
    const open = line.indexOf('{', i);
    const kind = open === -1 ? undefined : line[open + 1];
    if (open === -1) return out + line.slice(i);
    const close = kind === '{' ? '}}' : kind === '%' || kind === '#' ? `${kind}}` : undefined;
    const end = close === undefined || unclosed.has(close) ? -1 : line.indexOf(close, open + 2);
    if (end === -1 && close !== undefined) unclosed.add(close);
    if (end === -1) {
      out += line.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    out += line.slice(i, open) + blank(line.slice(open, end + 2));
    i = end + 2;
  }
}

/** Spaces, keeping line breaks. */
function blank(raw: string): string {
  return raw.replace(/[^\n\r]/g, ' ');
}

/** Whether what was written so far ends where a JSON or YAML value starts (after `:`, `[`, `,`, `- `, or a line start). */
function startsValue(out: readonly string[], host: TemplateHost): boolean {
  for (let k = out.length - 1; k >= 0; k--) {
    const c = out[k] as string;
    if (c === ' ' || c === '\t') continue;
    if (c === '\n') return host === 'yaml';
    if (c === ':' || c === '[' || c === ',' || c === '{') return true;
    return host === 'yaml' && c === '-' && (k === 0 || /\s/.test(out[k - 1] as string));
  }
  return true;
}

/**
 * An envsubst-style JSON template (`"port": ${OPENCLAW_PORT:-19789}`, `"allowFrom": ${ALLOW_FROM}`): each `${…}`
 * outside a string becomes a same-length quoted reference (`"${OPENCLAW_PORT____}"`, or `"$X"` for `${X}`), so the
 * file parses with those values unknown. Strings and comments are left as written; offsets do not move. Used only
 * when the file does not parse as written (a valid config is never rewritten).
 */
export function neutraliseShellReferences(text: string): string {
  if (!text.includes('${')) return text;
  let out = '';
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      const eol = text.indexOf('\n', i);
      if (close === -1 || (eol !== -1 && eol < close)) {
        i += 2;
        continue;
      }
      const raw = text.slice(i, close + 1);
      out += text.slice(from, i) + quotedReference(raw);
      from = i = close + 1;
    } else i++;
  }
  return out + text.slice(from);
}

/** `${NAME:-default}` as a same-length quoted reference to NAME. */
function quotedReference(raw: string): string {
  const name = (/^\$\{([A-Za-z_]\w*)/.exec(raw)?.[1] ?? 'TEMPLATE').toUpperCase();
  if (raw.length < 5) return `"$${name.slice(0, raw.length - 3).padEnd(raw.length - 3, '_')}"`;
  const inner = raw.length - 5;
  return `"\${${name.slice(0, inner).padEnd(inner, '_')}}"`;
}
