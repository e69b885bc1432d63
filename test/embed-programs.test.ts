/**
 * OpenClaw configs written by jq and Python in scripts (parse/embed-programs.ts, parse/literal.ts): what is read
 * (literal assignments, literal objects, `--arg` values, environment lookups) and what stays unknown (filters and
 * statements that are not literal, conditional assignments, output that does not reach the config path).
 */
import { describe, expect, it } from 'vitest';
import type { OpenClawTarget } from '../src/model/target.js';
import { parseFile } from '../src/engine/parse/index.js';

/** The configs a script writes: each target's origin and value. */
function configs(script: string): { origin: string | undefined; value: unknown }[] {
  const p = parseFile('setup.sh', 'shell', script);
  if (!p.ok) throw new Error(p.error.message);
  return (p.derived ?? []).filter((d): d is { target: OpenClawTarget; reframe: never } => d.target.kind === 'openclaw').map((d) => ({ origin: d.target.embedded?.origin, value: d.target.value }));
}

const sh = (...lines: string[]) => `#!/bin/sh\n${lines.join('\n')}\n`;

describe('jq', () => {
  it('reads literal assignments written through a temporary file and mv', () => {
    expect(configs(sh('C=~/.openclaw/openclaw.json', `jq '.gateway.bind = "lan" | .gateway.auth.mode |= "none" | .gateway["port"] = 18789' "$C" > "$C.tmp" && mv "$C.tmp" "$C"`))).toEqual([
      { origin: 'config set', value: { gateway: { bind: 'lan', auth: { mode: 'none' }, port: 18789 } } },
    ]);
  });

  it('reads nothing when the output does not reach a config path', () => {
    expect(configs(sh(`jq '.gateway.bind = "lan"' ~/.openclaw/openclaw.json > /tmp/out.json`))).toEqual([]);
    expect(configs(sh(`jq -e '.gateway.bind = "lan"' ~/.openclaw/openclaw.json >/dev/null`))).toEqual([]);
  });

  it('forgets what a step it cannot read may change, and keeps what follows it', () => {
    const f = (filter: string) => configs(sh(`jq '${filter}' in.json | sponge ~/.openclaw/openclaw.json`));
    expect(f('.gateway.bind = "lan" | walk(.)')).toEqual([]);
    expect(f('walk(.) | .gateway.bind = "lan"')).toEqual([{ origin: 'config set', value: { gateway: { bind: 'lan' } } }]);
    // A value that is not a literal leaves its path unknown; `+=` depends on what is there; `del` removes.
    expect(f('.gateway.bind = "lan" | .gateway.bind = .x')).toEqual([]);
    expect(f('.gateway.bind = "lan" | .gateway += {auth: {}}')).toEqual([]);
    expect(f('.gateway.bind = "lan" | .tools.profile = "full" | del(.tools)')).toEqual([{ origin: 'config set', value: { gateway: { bind: 'lan' } } }]);
    // A filter the script assembles in a variable is not read.
    expect(configs(sh('F=".gateway.bind = \\"lan\\""', 'F="$F | .x = 1"', 'jq "$F" in.json > ~/.openclaw/openclaw.json'))).toEqual([]);
  });

  it('reads a null-input object with --arg values, environment lookups and unknown parts', () => {
    const script = sh(`jq -n --arg mode token --arg t "$(openssl rand -hex 24)" --arg p "$OWNER" '{gateway: {auth: {mode: $mode, token: $t}, bind: env.BIND, port: (18789 + 1)}, channels: {telegram: {allowFrom: [$p, "42"]}}}' > /etc/openclaw/openclaw.json`);
    expect(configs(script)).toEqual([
      { origin: 'jq', value: { gateway: { auth: { mode: 'token', token: '${UNKNOWN}' }, bind: '${BIND}', port: '${UNKNOWN}' }, channels: { telegram: { allowFrom: ['${OWNER}', '42'] } } } },
    ]);
  });

  it('makes an object with a computed key unknown, and a config from a filter file unread', () => {
    expect(configs(sh(`jq -n '{gateway: {(.k): 1}}' > ~/.openclaw/openclaw.json`))).toEqual([]);
    expect(configs(sh(`jq -f patch.jq in.json > ~/.openclaw/openclaw.json`))).toEqual([]);
  });
});

describe('python', () => {
  const py = (body: string, how: 'heredoc' | 'c' = 'heredoc') => (how === 'heredoc' ? sh("python3 - <<'EOF'", body, 'EOF') : sh(`python3 -c '${body}'`));

  it('reads a dict literal dumped into the config, with constants and environment lookups', () => {
    const body = ['import json, os', "MODEL = 'anthropic/claude-opus-4-6'", 'cfg = {', "    'gateway': {'bind': 'lan', 'auth': {'token': os.environ.get(\"OPENCLAW_GATEWAY_TOKEN\", '')}},", "    'agents': {'defaults': {'model': {'primary': MODEL}}, 'list': [None, True, 1.5]},", "    'tools': {'profile': f'{x}'},", '}', "cfg['gateway']['port'] = 18789", "p = os.path.expanduser('~/.openclaw/openclaw.json')", "with open(p, 'w') as f:", '    json.dump(cfg, f, indent=2)'].join('\n');
    expect(configs(py(body))).toEqual([
      {
        origin: 'python',
        value: { gateway: { bind: 'lan', auth: { token: '${OPENCLAW_GATEWAY_TOKEN}' }, port: 18789 }, agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-6' } }, list: [null, true, 1.5] }, tools: { profile: '${UNKNOWN}' } },
      },
    ]);
    expect(configs(py(body.replace(/'/g, '"'), 'c'))[0]?.value).toEqual(configs(py(body))[0]?.value);
  });

  it('reads subscript assignments on a loaded config as settings; conditional ones and other uses are unknown', () => {
    const patch = (...lines: string[]) => configs(py(['import json', "P = '/srv/.openclaw/openclaw.json'", 'with open(P) as f:', '    c = json.load(f)', ...lines, "with open(P, 'w') as f:", '    json.dump(c, f)'].join('\n')));
    expect(patch("c['gateway']['bind'] = 'lan'")).toEqual([{ origin: 'config set', value: { gateway: { bind: 'lan' } } }]);
    expect(patch('if x:', "    c['gateway']['bind'] = 'lan'")).toEqual([]);
    expect(patch("c['gateway']['bind'] = 'lan'", 'g = c["gateway"]', "g['auth'] = {}")).toEqual([]);
    expect(patch("c['gateway']['bind'] = 'lan'", "c['gateway']['bind'] = compute()")).toEqual([]);
  });

  it('follows the dump to the file it is written to', () => {
    const body = ['import json', "cfg = {'gateway': {'bind': 'lan'}}", "auth = {'version': 1}", "with open('/root/.openclaw/agents/main/agent/auth-profiles.json', 'w') as f:", '    json.dump(auth, f)'].join('\n');
    expect(configs(py(body))).toEqual([]);
    expect(configs(py(body.replace('json.dump(auth', 'json.dump(cfg').replace('agents/main/agent/auth-profiles.json', 'openclaw.json')))).toEqual([{ origin: 'python', value: { gateway: { bind: 'lan' } } }]);
  });
});

describe('limits', () => {
  it('leaves a program with more steps than it reads unknown', () => {
    const filter = Array.from({ length: 1001 }, (_, k) => `.agents.list[${k % 5}].id = "a${k}"`).join(' | ');
    expect(configs(sh(`jq '${filter} | .gateway.bind = "lan"' in.json > ~/.openclaw/openclaw.json`))).toEqual([]);
    expect(configs(sh(`jq '.agents.list[0].id = "a" | .gateway.bind = "lan"' in.json > ~/.openclaw/openclaw.json`))).toHaveLength(1);
  });
});
