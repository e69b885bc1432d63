/** Suggestions are built from `Finding.fix` alone, whatever the rule. */
import { describe, expect, it } from 'vitest';
import { buildSuggestion, suggestionBlock } from '../src/github/suggestion.js';
import { commentableLines } from '../src/github/review.js';
import type { Finding } from '../src/model/finding.js';

const loc = (startLine: number, startColumn: number, endLine: number, endColumn: number, file = 'a.yml') => ({ file, startLine, startColumn, endLine, endColumn });

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'x.rule', severity: 'high', message: 'm', location: loc(1, 1, 1, 2), fingerprint: 'f'.repeat(32), ...over };
}

describe('buildSuggestion', () => {
  const text = 'services:\n  gw:\n    ports:\n      - "18789:18789"\n    bind: "lan"\n';

  it('applies the fix range to the lines it spans', () => {
    const f = finding({ location: loc(4, 9, 4, 22), fix: { description: 'Publish on loopback only', location: loc(4, 9, 4, 22), replacement: '"127.0.0.1:18789:18789"' } });
    expect(buildSuggestion(f, text, [f])).toEqual({ startLine: 4, endLine: 4, text: '      - "127.0.0.1:18789:18789"' });
  });

  it('handles a fix spanning lines, and a deletion', () => {
    const multi = finding({ location: loc(4, 1, 5, 16), fix: { description: 'd', location: loc(4, 9, 5, 16), replacement: '"127.0.0.1:18789:18789"\n    bind: "loopback"' } });
    expect(buildSuggestion(multi, text, [])?.text).toBe('      - "127.0.0.1:18789:18789"\n    bind: "loopback"');
    const del = finding({ location: loc(5, 5, 5, 16), fix: { description: 'Remove it', location: loc(5, 1, 6, 1), replacement: '' } });
    expect(buildSuggestion(del, text, [])).toEqual({ startLine: 5, endLine: 6, text: '' });
  });

  it('keeps CRLF out of the suggestion', () => {
    const crlf = 'a: 1\r\nprivileged: true\r\n';
    const f = finding({ location: loc(2, 1, 2, 17), fix: { description: 'd', location: loc(2, 13, 2, 17), replacement: 'false' } });
    expect(buildSuggestion(f, crlf, [])?.text).toBe('privileged: false');
  });

  it('is dropped when the lines it quotes hold a secret the fix does not replace', () => {
    const line = 'token: sk-live-abcdefghijklmnop  # bind: lan\n';
    const secret = finding({ ruleId: 'secrets.x', location: loc(1, 8, 1, 32), redacted: 'sk-l…(24 chars)' });
    const other = finding({ location: loc(1, 42, 1, 45), fix: { description: 'd', location: loc(1, 42, 1, 45), replacement: 'loopback' } });
    expect(buildSuggestion(other, line, [secret, other])).toBeUndefined();
    const replaceSecret = finding({ ...secret, fix: { description: 'Use the variable', location: loc(1, 8, 1, 32), replacement: '${OPENCLAW_GATEWAY_TOKEN}' } });
    expect(buildSuggestion(replaceSecret, line, [replaceSecret])?.text).toBe('token: ${OPENCLAW_GATEWAY_TOKEN}  # bind: lan');
  });

  it('gives up on a fix outside the file or in another file', () => {
    expect(buildSuggestion(finding({ fix: { description: 'd', location: loc(9, 1, 9, 2), replacement: '' } }), 'one line', [])).toBeUndefined();
    expect(buildSuggestion(finding({ fix: { description: 'd', location: loc(1, 1, 1, 2, 'b.yml'), replacement: '' } }), 'one line', [])).toBeUndefined();
    expect(buildSuggestion(finding({}), 'one line', [])).toBeUndefined();
  });

  it('fences with more backticks than the text holds', () => {
    expect(suggestionBlock({ startLine: 1, endLine: 1, text: 'run: ```x```' })).toBe('````suggestion\nrun: ```x```\n````');
    expect(suggestionBlock({ startLine: 1, endLine: 1, text: '' })).toBe('```suggestion\n```');
  });
});

describe('commentableLines', () => {
  it('takes added and context lines of the head side, not removed ones', () => {
    const patch = '@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n@@ -10,2 +11,2 @@\n x\n-y\n+Y\n\\ No newline at end of file';
    expect([...commentableLines(patch)]).toEqual([1, 2, 3, 4, 11, 12]);
    expect(commentableLines(undefined).size).toBe(0);
  });
});
