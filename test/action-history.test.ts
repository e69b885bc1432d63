/** The action's `history` input: settings, the full-mode-only rule, and the sweep through the action's path. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { historySweep } from '../src/action/history.js';
import { getSettings } from '../src/action/inputs.js';
import { fakeAnthropicKey, removeTempDirs, TestRepo } from './git-repo.js';

afterAll(removeTempDirs);

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function inputs(values: Record<string, string>, event: string): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
  for (const [k, v] of Object.entries(values)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  process.env.GITHUB_EVENT_NAME = event;
}

describe('action input history', () => {
  it('defaults to off, and gives the sweep its own SARIF category', () => {
    inputs({}, 'push');
    expect(getSettings()).toMatchObject({ history: false, category: 'gatewarden/' });
    inputs({ history: 'true' }, 'schedule');
    expect(getSettings()).toMatchObject({ history: true, category: 'gatewarden-history/' });
    inputs({ history: 'true', category: 'mine/' }, 'schedule');
    expect(getSettings()).toMatchObject({ history: true, category: 'mine/' });
    inputs({ history: 'maybe' }, 'schedule');
    expect(() => getSettings()).toThrow(/history must be true or false/);
  });

  it('sweeps in full mode and leaves pull requests to the file scan', async () => {
    const r = new TestRepo();
    r.write('a.txt', `${fakeAnthropicKey(7)}\n`).commit('leak', '2024-01-01T00:00:00Z');
    r.write('a.txt', 'gone\n').commit('clean', '2024-01-02T00:00:00Z');

    inputs({ history: 'true', path: r.dir }, 'pull_request');
    const prLines: string[] = [];
    expect(await historySweep(getSettings(), prLines)).toBeUndefined();
    expect(prLines.join('\n')).toMatch(/full mode only/);

    inputs({ history: 'true', path: r.dir }, 'schedule');
    const lines: string[] = [];
    const result = await historySweep(getSettings(), lines);
    expect(result?.history.commits).toBe(2);
    expect(result?.findings.map((f) => [f.ruleId, f.properties?.stillPresent])).toEqual([['secrets.anthropic_api_key', false]]);
    expect(lines.join('\n')).toMatch(/Revoke or rotate every secret first/);
  });
});
