/** The Caddyfile reader (src/engine/parse/caddy.ts): blocks, placeholders, quotes, positions, errors. */
import { describe, expect, it } from 'vitest';
import { parseCaddyfile } from '../src/engine/parse/caddy.js';

describe('Caddyfile reader', () => {
  it('reads sites, nested blocks, placeholders and quoted arguments with their ranges', () => {
    const text = '{\n  email a@example.org\n}\n{$DOMAIN}:9443, http://x {\n  reverse_proxy openclaw:18789 {\n    header_up X-User "op erator" # c\n  }\n}\n';
    const r = parseCaddyfile(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.directives.map((d) => d.name)).toEqual(['', '{$DOMAIN}:9443,']);
    const site = r.directives[1];
    const proxy = site?.block?.[0];
    expect(proxy?.name).toBe('reverse_proxy');
    const header = proxy?.block?.[0];
    expect(header?.args.map((a) => a.value)).toEqual(['X-User', 'op erator']);
    expect(header && text.slice(header.start, header.end)).toBe('header_up X-User "op erator"');
  });

  it('reports an unbalanced block with its offset', () => {
    const r = parseCaddyfile('example.org {\n  reverse_proxy x:1\n');
    expect(r).toMatchObject({ ok: false, offset: 12 });
    expect(parseCaddyfile('}\n')).toMatchObject({ ok: false });
  });
});
