/** Inline suppression syntax, in each comment style; locks the behaviour of the linear-time directive parser. */
import { describe, expect, it } from 'vitest';
import { findDirective, parseDirectives } from '../src/engine/postprocess/suppress.js';

describe('parseDirectives', () => {
  it.each([
    ['# gatewarden-ignore secrets.x -- test fixture', { rules: ['secrets.x'], reason: 'test fixture' }],
    ['// gatewarden-ignore a.b, c.d', { rules: ['a.b', 'c.d'] }],
    ['<!-- gatewarden-ignore * -- docs example -->', { rules: ['*'], reason: 'docs example' }],
    ['/* gatewarden-ignore a.b */', { rules: ['a.b'] }],
    ['/* gatewarden-ignore a.b -- why*/  ', { rules: ['a.b'], reason: 'why' }],
    ['x = 1 # gatewarden-ignore a.b --   spaced out   \r', { rules: ['a.b'], reason: 'spaced out' }],
    ['<!--gatewarden-ignore a.b-->', { rules: ['a.b'] }],
  ])('%s', (line, expected) => {
    expect(parseDirectives(`first\n${line}\n`).get(2)).toEqual(expected);
  });

  it.each(['# gatewarden-ignore', '# gatewarden-ignore a.b trailing words', '# gatewarden-ignore -- no rules'])('not a directive: %s', (line) => {
    expect(parseDirectives(line).size).toBe(0);
  });

  it('applies to its own line and the line below', () => {
    const d = parseDirectives('a\n# gatewarden-ignore r.x -- ok\nb\nc\n');
    expect(findDirective(d, 'r.x', 2)).toBeDefined();
    expect(findDirective(d, 'r.x', 3)).toBeDefined();
    expect(findDirective(d, 'r.x', 4)).toBeUndefined();
    expect(findDirective(d, 'r.y', 3)).toBeUndefined();
  });
});
