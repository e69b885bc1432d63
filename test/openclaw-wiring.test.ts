/**
 * OpenClaw configs found by wiring (engine/assemble/openclaw-wiring.ts): the step over real parses, each wiring
 * form alone, and through a scan (the file is parsed once, as a whole config, whatever the classifier said).
 */
import { describe, expect, it } from 'vitest';
import { envWrittenBy, findWiredConfigs, resolveInTree } from '../src/engine/assemble/openclaw-wiring.js';
import { buildComposeProjects } from '../src/engine/assemble/compose/project.js';
import { parseFile } from '../src/engine/parse/index.js';
import type { ShellTarget, TargetMap } from '../src/model/target.js';
import { scan } from '../src/engine/scan.js';
import { RULES } from '../rules/index.js';
import { catches, writeFiles } from './support/rule-tester.js';

type Sources = Parameters<typeof findWiredConfigs>[0];

/** The wiring found in `files` (path → text) among `tree` (the other files of the scan). */
function wired(files: Record<string, string>, tree: string[]): string[] {
  const sources: { [K in keyof Sources]: Sources[K][number][] } = { shells: [], dockerfiles: [], composeProjects: [], dotenvs: [] };
  const compose: TargetMap['compose'][] = [];
  for (const [file, text] of Object.entries(files)) {
    const kind = file.endsWith('Dockerfile') ? 'dockerfile' : file.endsWith('.yml') ? 'compose' : file.endsWith('.env') ? 'dotenv' : file.endsWith('Makefile') ? 'makefile' : 'shell';
    const p = parseFile(file, kind, text);
    if (!p.ok) throw new Error(p.error.message);
    if (p.target.kind === 'shell') sources.shells.push(p.target);
    if (p.target.kind === 'dockerfile') {
      sources.dockerfiles.push(p.target);
      for (const d of p.derived ?? []) if (d.target.kind === 'shell') sources.shells.push(d.target as ShellTarget);
    }
    if (p.target.kind === 'compose') compose.push(p.target);
    if (p.target.kind === 'dotenv') sources.dotenvs.push(p.target);
  }
  sources.composeProjects.push(...buildComposeProjects(compose, sources.dotenvs).projects);
  const exists = new Set([...tree, ...Object.keys(files)]);
  return findWiredConfigs(sources, (rel) => exists.has(rel)).map((w) => `${w.file} <- ${w.wiredBy}`);
}

describe('configs found by wiring', () => {
  it('reads cp, install and ln -s onto the config path, with the script constants resolved', () => {
    const script = '#!/bin/sh\nD="$HOME/.openclaw"\ncp -f deploy/a.json "$D/openclaw.json"\nsudo install -m 600 deploy/b.json /etc/openclaw/openclaw.json\nln -sf ../etc/c.json ~/.openclaw/openclaw.json\n';
    expect(wired({ 'scripts/setup.sh': script }, ['deploy/a.json', 'deploy/b.json', 'etc/c.json'])).toEqual(['deploy/a.json <- scripts/setup.sh', 'deploy/b.json <- scripts/setup.sh', 'etc/c.json <- scripts/setup.sh']);
  });

  it('leaves copies elsewhere, several sources, unknown paths and files outside the tree alone', () => {
    const script = '#!/bin/sh\ncp deploy/a.json ~/backup/openclaw-settings.json\ncp deploy/a.json deploy/b.json ~/.openclaw/openclaw.json\ncp "$SRC" ~/.openclaw/openclaw.json\ncp /opt/x.json ~/.openclaw/openclaw.json\nln deploy/a.json ~/.openclaw/openclaw.json\ncp missing.json ~/.openclaw/openclaw.json\n';
    expect(wired({ 'setup.sh': script }, ['deploy/a.json', 'deploy/b.json'])).toEqual([]);
  });

  it('reads Dockerfile COPY/ADD and RUN cp, relative to the Dockerfile folder first', () => {
    const dockerfile = 'FROM node:22\nCOPY --chown=node:node conf/gw.json /home/node/.openclaw/openclaw.json\nADD seed /home/node/.openclaw/\nCOPY other.json /app/other.json\nRUN cp conf/run.json /root/.openclaw/openclaw.json\n';
    expect(wired({ 'docker/Dockerfile': dockerfile }, ['docker/conf/gw.json', 'conf/gw.json', 'docker/seed/openclaw.json', 'docker/other.json', 'conf/run.json'])).toEqual([
      'conf/run.json <- docker/Dockerfile',
      'docker/conf/gw.json <- docker/Dockerfile',
      'docker/seed/openclaw.json <- docker/Dockerfile',
    ]);
  });

  it('reads compose bind mounts onto the config file, the state folder or OPENCLAW_CONFIG_PATH', () => {
    const compose =
      'services:\n  gw:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    environment:\n      OPENCLAW_CONFIG_PATH: /cfg/gateway.json\n    volumes:\n      - ./a.json5:/home/node/.openclaw/openclaw.json:ro\n      - type: bind\n        source: ./b.json\n        target: /cfg/gateway.json\n      - ./state:/home/node/.openclaw\n      - named:/data/openclaw.json\n      - ./c.json:/srv/c.json\nvolumes:\n  named: {}\n';
    expect(wired({ 'deploy/docker-compose.yml': compose }, ['deploy/a.json5', 'deploy/b.json', 'deploy/state/openclaw.json', 'deploy/c.json'])).toEqual([
      'deploy/a.json5 <- deploy/docker-compose.yml',
      'deploy/b.json <- deploy/docker-compose.yml',
      'deploy/state/openclaw.json <- deploy/docker-compose.yml',
    ]);
  });

  it('reads OPENCLAW_CONFIG_PATH in a .env when it names a file of the tree', () => {
    expect(wired({ 'app/.env': 'OPENCLAW_CONFIG_PATH=./config/gw.json\n' }, ['app/config/gw.json'])).toEqual(['app/config/gw.json <- app/.env']);
    expect(wired({ '.env': 'OPENCLAW_CONFIG_PATH=/home/node/.openclaw/openclaw.json\n' }, ['home/node/.openclaw/openclaw.json'])).toEqual([]);
  });

  it('resolves against the wiring folder, then the folders above it, never out of the tree', () => {
    const has = (files: string[]) => (rel: string) => files.includes(rel);
    expect(resolveInTree('a/b/setup.sh', 'x.json', has(['a/b/x.json', 'x.json']))).toBe('a/b/x.json');
    expect(resolveInTree('a/b/setup.sh', 'x.json', has(['x.json']))).toBe('x.json');
    expect(resolveInTree('a/setup.sh', '../../x.json', has(['x.json']))).toBeUndefined();
    expect(resolveInTree('setup.sh', '~/x.json', has(['x.json']))).toBeUndefined();
    // The script's own folder, as the idioms spell it (after constant propagation), and only that folder.
    expect(resolveInTree('a/setup.sh', '$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/x.json', has(['a/x.json']))).toBe('a/x.json');
    expect(resolveInTree('a/setup.sh', '$(dirname "$0")/x.json', has(['a/x.json']))).toBe('a/x.json');
    expect(resolveInTree('a/setup.sh', '$(dirname "$0")/x.json', has(['x.json']))).toBeUndefined();
    expect(resolveInTree('a/setup.sh', '$(pwd)/x.json', has(['a/x.json']))).toBeUndefined();
  });

  it('parses a wired file once and does not double a config known by its name', async () => {
    await catches('gateway.bind_no_auth', { 'setup.sh': '#!/bin/sh\ncp deploy/gw.json ~/.openclaw/openclaw.json\n', 'deploy/gw.json': '{\n  "gateway": { "bind": "lan" }\n}\n' }, ['deploy/gw.json:2']);
    // A config known by its name and also copied into place is one config, reported once.
    const dir = writeFiles({ 'setup.sh': '#!/bin/sh\ncp deploy/gw.json ~/.openclaw/openclaw.json\ncp openclaw.json ~/.openclaw/openclaw.json\n', 'deploy/gw.json': '{ "tools": {} }\n', 'openclaw.json': '{ "gateway": { "bind": "lan" } }\n' });
    const result = await scan({ paths: [dir], rules: RULES });
    expect(result.internalErrors).toBe(0);
    const byFile = (file: string) => result.findings.filter((f) => f.location.file === file && f.ruleId === 'gateway.bind_no_auth').length;
    expect(byFile('openclaw.json')).toBe(1);
  });

  it('reads the variables a script writes into an env file, set to a value', () => {
    const shell = (text: string) => {
      const p = parseFile('setup.sh', 'shell', text);
      if (!p.ok || p.target.kind !== 'shell') throw new Error('not parsed');
      return [...envWrittenBy(p.target)].sort();
    };
    const script = '#!/bin/sh\nENV_FILE=/opt/app/.env\ncat > "$ENV_FILE" <<EOF\nOPENCLAW_GATEWAY_TOKEN=${T}\nEMPTY=\nQUOTED=""\nEOF\necho "OPENCLAW_GATEWAY_PASSWORD=$(openssl rand -hex 16)" >> /opt/app/.env\necho "NOT_AN_ENV=1" > /tmp/notes.txt\ncat <<EOF | sudo tee /srv/app.env\nexport OTHER=x\nEOF\n';
    expect(shell(script)).toEqual(['OPENCLAW_GATEWAY_PASSWORD', 'OPENCLAW_GATEWAY_TOKEN', 'OTHER']);
  });

  it('gives a config copied by a script the env file that script writes', async () => {
    const files = { 'deploy/gw.json': '{\n  "gateway": { "bind": "lan" }\n}\n' };
    await catches('gateway.bind_no_auth', { ...files, 'setup.sh': '#!/bin/sh\ncp deploy/gw.json ~/.openclaw/openclaw.json\necho "OPENCLAW_GATEWAY_TOKEN=" > ~/.openclaw/.env\n' }, ['deploy/gw.json:2']);
    await catches('gateway.bind_no_auth', { ...files, 'setup.sh': '#!/bin/sh\ncp deploy/gw.json ~/.openclaw/openclaw.json\necho "OPENCLAW_GATEWAY_TOKEN=$(openssl rand -hex 32)" > ~/.openclaw/.env\n' }, []);
  });

  it('leaves a wired file of another structured kind that kind, and says so', async () => {
    const dir = writeFiles({ 'setup.sh': '#!/bin/sh\ncp deploy/.env ~/.openclaw/openclaw.json\n', 'deploy/.env': 'A=1\n' });
    const result = await scan({ paths: [dir], rules: RULES });
    expect(result.notes.filter((n) => n.code === 'openclaw.wired').map((n) => n.file)).toEqual(['deploy/.env']);
    expect(result.findings.filter((f) => f.ruleId === 'config.parse_error')).toEqual([]);
  });
});
