/** rules/_shared/compose-gateway.ts: one effective gateway view from command, environment, env_file, config and ports. */
import { describe, expect, it } from 'vitest';
import { exposedWithoutAuth, gatewayViews, type GatewayView } from '../rules/_shared/compose-gateway.js';
import { buildComposeProjects } from '../src/engine/assemble/compose/project.js';
import { parsed } from './compose-helpers.js';

function views(files: Record<string, string>): GatewayView[] {
  const p = parsed(files);
  const [project] = buildComposeProjects(p.compose, p.dotenv).projects;
  return project ? gatewayViews(project, p.openclaw) : [];
}

function one(files: Record<string, string>): GatewayView {
  const v = views(files);
  expect(v).toHaveLength(1);
  return v[0]!;
}

const OFFICIAL = `services:
  openclaw-gateway:
    image: \${OPENCLAW_IMAGE:-openclaw:local}
    environment:
      OPENCLAW_GATEWAY_TOKEN: \${OPENCLAW_GATEWAY_TOKEN}
    ports:
      - "\${OPENCLAW_GATEWAY_PORT:-18789}:18789"
    command: ["node", "dist/index.js", "gateway", "--bind", "\${OPENCLAW_GATEWAY_BIND:-lan}", "--port", "18789"]
  openclaw-cli:
    image: \${OPENCLAW_IMAGE:-openclaw:local}
    entrypoint: ["node", "dist/index.js"]
`;

describe('gateway view', () => {
  it('reads the official compose file: lan bind, published on all interfaces, token unknown (not in the repository)', () => {
    const v = one({ 'docker-compose.yml': OFFICIAL });
    expect(v.service.name).toBe('openclaw-gateway');
    expect(v.bind).toMatchObject({ value: 'lan', source: 'command' });
    expect(v.bindsBeyondLoopback).toBe(true);
    expect(v.port).toMatchObject({ value: 18789, source: 'command' });
    expect(v.published.exposure).toBe('all');
    expect(v.publishedBeyondLoopback).toBe(true);
    expect(v.token.value).toBe('unknown');
    expect(v.hasAuth).toBe('unknown');
    expect(exposedWithoutAuth(v)).toBe(false);
  });

  it('takes the token from the .env used for interpolation', () => {
    const v = one({ 'docker-compose.yml': OFFICIAL, '.env': 'OPENCLAW_GATEWAY_TOKEN=gatewardenTESTvalue1a2b3c4d5e6f7a8b\n' });
    expect(v.token).toMatchObject({ value: 'set', source: 'environment' });
    expect(v.hasAuth).toBe(true);
  });

  it('reports exposed without auth when the .env leaves the token empty', () => {
    const v = one({ 'docker-compose.yml': OFFICIAL, '.env': 'OPENCLAW_GATEWAY_TOKEN=\n' });
    expect(v.token.value).toBe('none');
    expect(v.hasAuth).toBe(false);
    expect(exposedWithoutAuth(v)).toBe(true);
  });

  it('is safe when the .env binds loopback, or the port is published on loopback only', () => {
    const loop = one({ 'docker-compose.yml': OFFICIAL, '.env': 'OPENCLAW_GATEWAY_BIND=loopback\nOPENCLAW_GATEWAY_TOKEN=\n' });
    expect(loop.bindsBeyondLoopback).toBe(false);
    expect(exposedWithoutAuth(loop)).toBe(false);
    const local = one({ 'compose.yaml': OFFICIAL.replace('"${OPENCLAW_GATEWAY_PORT:-18789}:18789"', '"[::1]:18789:18789"'), '.env': 'OPENCLAW_GATEWAY_TOKEN=\n' });
    expect(local.published.exposure).toBe('loopback');
    expect(exposedWithoutAuth(local)).toBe(false);
  });

  it('folds string commands, --auth none, --allow-unconfigured and a placeholder token', () => {
    const v = one({
      'compose.yaml': `services:
  gw:
    image: ghcr.io/openclaw/openclaw:2026.9.6
    command: openclaw gateway --bind=lan --port 19000 --auth none --allow-unconfigured --token change-me-now
    ports: ["0.0.0.0:19000:19000", "127.0.0.1:18789:18789"]
`,
    });
    expect(v.port.value).toBe(19000);
    expect(v.authMode.value).toBe('none');
    expect(v.token.value).toBe('none');
    expect(v.allowUnconfigured).toBe(true);
    expect(v.published.exposure).toBe('all');
    expect(v.published.at).toMatchObject({ file: 'compose.yaml', path: ['services', 'gw', 'ports', 0] });
    expect(exposedWithoutAuth(v)).toBe(true);
  });

  it('reads OPENCLAW_GATEWAY_BIND / _PASSWORD from the environment and env_file', () => {
    const v = one({
      'compose.yaml': `services:
  gw:
    image: ghcr.io/openclaw/openclaw:2026.9.6
    env_file: [./gateway.env]
    environment:
      - OPENCLAW_GATEWAY_BIND=lan
    ports: ["18789:18789"]
`,
      'gateway.env': 'OPENCLAW_GATEWAY_PASSWORD=gatewardenTESTvalue9e8d7c6b5a4f3e2d\n',
    });
    expect(v.bind).toMatchObject({ value: 'lan', source: 'environment' });
    expect(v.password).toMatchObject({ value: 'set', source: 'env_file' });
    expect(v.hasAuth).toBe(true);
  });

  it('uses a mounted openclaw.json from the repository; host networking makes the bind the exposure', () => {
    const v = one({
      'deploy/compose.yaml': `services:
  gw:
    image: ghcr.io/openclaw/openclaw:2026.9.6
    network_mode: host
    volumes:
      - ../config:/home/node/.openclaw
`,
      'config/openclaw.json': '{ gateway: { bind: "lan", port: 18800, auth: { mode: "token" } } }',
    });
    expect(v.config?.file).toBe('config/openclaw.json');
    expect(v.bind).toMatchObject({ value: 'lan', source: 'config' });
    expect(v.port).toMatchObject({ value: 18800, source: 'config' });
    expect(v.published.exposure).toBe('host-network');
    expect(v.publishedBeyondLoopback).toBe(true);
    expect(v.hasAuth).toBe(false);
    expect(exposedWithoutAuth(v)).toBe(true);
  });

  it('defaults to loopback when the command line is given, to unknown when the image CMD runs; unpublished port', () => {
    const quiet = one({ 'compose.yaml': 'services:\n  gw:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    command: [node, dist/index.js, gateway]\n' });
    expect(quiet.bind).toMatchObject({ value: 'loopback', source: 'default' });
    expect(quiet.bindsBeyondLoopback).toBe(false);
    expect(quiet.published.exposure).toBe('none');
    expect(quiet.publishedBeyondLoopback).toBe(false);
    const imageCmd = one({ 'compose.yaml': 'services:\n  gw:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    ports: ["18789:18789"]\n' });
    expect(imageCmd.bindsBeyondLoopback).toBe('unknown');
    expect(exposedWithoutAuth(imageCmd)).toBe(false);
    const unknown = one({ 'compose.yaml': 'services:\n  gw:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    command: [gateway, --bind, lan]\n    ports: ["${HOST_IP}:18789:18789"]\n' });
    expect(unknown.publishedBeyondLoopback).toBe('unknown');
    expect(exposedWithoutAuth(unknown)).toBe(false);
  });

  it('does not take the CLI service or unrelated services for a gateway', () => {
    expect(views({ 'compose.yaml': 'services:\n  cli:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    command: [onboard]\n  web:\n    image: nginx:1.27\n' })).toEqual([]);
  });
});
