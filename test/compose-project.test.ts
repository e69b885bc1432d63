/** The compose project model: interpolation, merge order, provenance, extends, include, spellings. */
import { describe, expect, it } from 'vitest';
import { interpolate } from '../src/engine/assemble/compose/interpolate.js';
import { mounts, parsePort, ports } from '../rules/_shared/compose.js';
import { buildComposeProjects } from '../src/engine/assemble/compose/project.js';
import { parsed, project, projects } from './compose-helpers.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '' };
const lookup = (n: string) => env[n];

describe('interpolate', () => {
  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET}', '${UNSET}'],
    ['$UNSET', '$UNSET'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${UNSET:?must be set}', '${UNSET:?must be set}'],
    ['${SET:?x}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${UNSET:-${SET}}', 'value'],
    ['${UNSET:-${ALSO_UNSET:-inner}}', 'inner'],
    ['$$SET and $${SET}', '$SET and ${SET}'],
    ['price: 5$', 'price: 5$'],
    ['${unterminated', '${unterminated'],
  ])('%s → %s', (input, output) => {
    expect(interpolate(input, lookup)).toBe(output);
  });
});

describe('ports', () => {
  it.each([
    ['18789', '', 'all', '', '18789'],
    ['18789:18789', '', 'all', '18789', '18789'],
    ['127.0.0.1:18789:18789', '127.0.0.1', 'loopback', '18789', '18789'],
    ['127.0.0.1::5000', '127.0.0.1', 'loopback', '', '5000'],
    ['[::1]:18789:18789', '[::1]', 'loopback', '18789', '18789'],
    ['::1:6000:6000', '::1', 'loopback', '6000', '6000'],
    ['0.0.0.0:18789:18789', '0.0.0.0', 'all', '18789', '18789'],
    ['[::]:18789:18789/tcp', '[::]', 'all', '18789', '18789'],
    ['192.168.1.5:80:80', '192.168.1.5', 'specific', '80', '80'],
    ['9090-9091:8080-8081', '', 'all', '9090-9091', '8080-8081'],
    ['6060:6060/udp', '', 'all', '6060', '6060'],
    ['${BIND}:8080:80', '${BIND}', 'unknown', '8080', '80'],
    ['${BIND:?set BIND}:8080:80', '${BIND:?set BIND}', 'unknown', '8080', '80'],
  ])('%s', (text, hostIp, exposure, published, target) => {
    expect(parsePort(text, 0)).toMatchObject({ hostIp, exposure, published, target });
  });

  it('reads the long form: host_ip decides, absent means all interfaces', () => {
    expect(parsePort({ target: 18789, published: '18789', host_ip: '127.0.0.1' }, 0)?.exposure).toBe('loopback');
    expect(parsePort({ target: 18789, published: 18789 }, 0)?.exposure).toBe('all');
    expect(parsePort({ target: 18789, host_ip: '::1' }, 0)?.exposure).toBe('loopback');
  });

  it('keeps an unquoted 22:22 a port, not a base-60 number', () => {
    const p = project({ 'compose.yaml': 'services:\n  s:\n    image: x\n    ports:\n      - 22:22\n' });
    expect(ports(p.services[0]!)[0]).toMatchObject({ published: '22', target: '22', exposure: 'all' });
  });
});

describe('volumes', () => {
  it('tells binds, named volumes, anonymous volumes and tmpfs apart, and normalises home paths', () => {
    const p = project({
      'compose.yaml': [
        'services:',
        '  s:',
        '    image: x',
        '    volumes:',
        '      - ~/.ssh:/root/.ssh:ro',
        '      - ${HOME}/.aws/:/aws',
        '      - $HOME/x/../.kube:/k:ro,z',
        '      - data:/data',
        '      - /usr/src/app/node_modules',
        '      - ${CONFIG_DIR}:/config',
        '      - { type: bind, source: /etc, target: /h, read_only: true }',
        '      - { type: tmpfs, target: /tmp }',
        'volumes: { data: {} }',
      ].join('\n'),
    });
    expect(mounts(p.services[0]!).map((m) => [m.type, m.hostPath, m.readOnly, m.unknown])).toEqual([
      ['bind', '~/.ssh', true, false],
      ['bind', '~/.aws', false, false],
      ['bind', '~/.kube', true, false],
      ['volume', 'data', false, false],
      ['anonymous', '', false, false],
      ['bind', '${CONFIG_DIR}', false, true],
      ['bind', '/etc', true, false],
      ['tmpfs', '', false, false],
    ]);
  });
});

describe('project model', () => {
  it('merges base and override in Compose order, with each key located in the file that set it', () => {
    const [p, ...rest] = projects({
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:80:80"]\n    environment:\n      - A=1\n      - B=2\n',
      'docker-compose.override.yml': 'services:\n  web:\n    privileged: true\n    ports: ["8080:8080"]\n    environment:\n      B: "3"\n',
    });
    expect(rest).toEqual([]);
    expect(p!.files).toEqual(['docker-compose.yml', 'docker-compose.override.yml']);
    const web = p!.services[0]!;
    expect(web.value).toMatchObject({ image: 'nginx:1.27', privileged: true, ports: ['127.0.0.1:80:80', '8080:8080'], environment: { A: '1', B: '3' } });
    expect(web.at(['privileged'])).toMatchObject({ file: 'docker-compose.override.yml', path: ['services', 'web', 'privileged'] });
    expect(web.at(['ports', 0])).toMatchObject({ file: 'docker-compose.yml', path: ['services', 'web', 'ports', 0] });
    expect(web.at(['ports', 1])).toMatchObject({ file: 'docker-compose.override.yml', path: ['services', 'web', 'ports', 0] });
    expect(web.at(['environment', 'A'])).toMatchObject({ file: 'docker-compose.yml', path: ['services', 'web', 'environment', 0] });
    expect(web.at(['environment', 'B'])).toMatchObject({ file: 'docker-compose.override.yml', path: ['services', 'web', 'environment', 'B'] });
    expect(web.at([], 'key')).toMatchObject({ file: 'docker-compose.yml', path: ['services', 'web'] });
  });

  it('honours !reset and !override, replaces command, and keys volumes by target', () => {
    const web = project({
      'compose.yaml': 'services:\n  web:\n    image: x\n    command: [a, b]\n    ports: ["80:80"]\n    cap_add: [NET_ADMIN]\n    volumes: ["/etc:/cfg", "data:/data"]\n',
      'compose.override.yaml': 'services:\n  web:\n    command: [c]\n    ports: !reset []\n    cap_add: !override [CHOWN]\n    volumes: ["./cfg:/cfg:ro"]\n',
    }).services[0]!;
    expect(web.value.command).toEqual(['c']);
    expect(web.value.ports).toBeUndefined();
    expect(web.value.cap_add).toEqual(['CHOWN']);
    expect(web.value.volumes).toEqual(['data:/data', './cfg:/cfg:ro']);
  });

  it('makes an overlay its own project that owns only the overlay file', () => {
    const ps = projects({ 'compose.yml': 'services:\n  a:\n    image: x\n', 'compose.cadvisor.yml': 'services:\n  c:\n    image: y\n' });
    expect(ps.map((p) => [p.files, p.owns])).toEqual([
      [['compose.yml'], ['compose.yml']],
      [['compose.yml', 'compose.cadvisor.yml'], ['compose.cadvisor.yml']],
    ]);
  });

  it('interpolates with the .env beside the file, keeping the text as written in raw', () => {
    const p = project({ '.env': 'TAG=1.2.3\n', 'compose.yaml': 'services:\n  a:\n    image: app:${TAG}\n    environment: [PASS, "X=${MISSING:-d}"]\n' });
    const a = p.services[0]!;
    expect(p.env).toEqual({ TAG: '1.2.3' });
    expect(a.value).toMatchObject({ image: 'app:1.2.3', environment: { PASS: '${PASS}', X: 'd' } });
    expect(a.raw).toMatchObject({ image: 'app:${TAG}', environment: { X: '${MISSING:-d}' } });
  });

  it('resolves extends (same file and another file) and include, located where each key is written', () => {
    const p = projects({
      'compose.yaml': 'include:\n  - tools/compose.tools.yaml\nservices:\n  app:\n    extends: { file: common/base.yml, service: base }\n    image: app:1\n  app2:\n    extends: app\n    user: root\n',
      'common/base.yml': 'services:\n  base:\n    image: base:1\n    privileged: true\n    cap_add: [NET_ADMIN]\n',
      'tools/compose.tools.yaml': 'services:\n  tool:\n    image: tool:1\n',
    }).find((x) => x.file === 'compose.yaml')!;
    const names = p.services.map((s) => s.name);
    expect(names).toEqual(['app', 'app2', 'tool']);
    const app2 = p.services[1]!;
    expect(app2.value).toMatchObject({ image: 'app:1', privileged: true, user: 'root' });
    expect(app2.value.extends).toBeUndefined();
    expect(app2.fileOf(['privileged'])).toBe('common/base.yml');
    expect(app2.fileOf(['user'])).toBe('compose.yaml');
    expect(p.files).toContain('tools/compose.tools.yaml');
  });

  it('survives cycles and references outside the repository', () => {
    const p = project({ 'compose.yaml': 'services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n  c:\n    extends: { file: ../outside.yml, service: z }\n    image: y\n' });
    expect(p.services.map((s) => s.name)).toEqual(['a', 'b', 'c']);
  });

  it('resolves YAML anchors and merge keys, x- fields included', () => {
    const s = project({ 'compose.yaml': 'x-common: &c\n  restart: always\n  cap_drop: [ALL]\nservices:\n  a:\n    <<: *c\n    image: x\n' }).services[0]!;
    expect(s.value).toMatchObject({ restart: 'always', cap_drop: ['ALL'] });
    expect(s.at(['cap_drop'])).toMatchObject({ path: ['services', 'a', 'cap_drop'] });
  });

  it('follows COMPOSE_FILE from the folder\'s .env instead of the default pair', () => {
    const ps = projects({
      '.env': 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\n',
      'compose.yaml': 'services:\n  a:\n    image: x\n',
      'compose.prod.yaml': 'services:\n  a:\n    privileged: true\n',
      'compose.override.yaml': 'services:\n  a:\n    user: root\n',
    });
    const main = ps.find((p) => p.owns.includes('compose.yaml'))!;
    expect(main.files).toEqual(['compose.yaml', 'compose.prod.yaml']);
    expect(main.services[0]!.value).toMatchObject({ privileged: true });
    expect(main.services[0]!.value.user).toBeUndefined();
  });

  it('says when an extends or include target is not in the scan', () => {
    const p = parsed({ 'compose.yaml': 'include: [./missing.yaml]\nservices:\n  a:\n    extends: { file: ./gone.yml, service: base }\n    image: x\n' });
    const { projects: ps, notes } = buildComposeProjects(p.compose, p.dotenv);
    expect(ps[0]!.services[0]!.value).toMatchObject({ image: 'x' });
    expect(notes.map((n) => [n.code, n.file, n.message])).toEqual([
      ['compose.unresolved_reference', 'compose.yaml', 'include ./missing.yaml is not a compose file in this scan; compose.yaml was checked without it.'],
      ['compose.unresolved_reference', 'compose.yaml', 'extends ./gone.yml service base (of a) is not a compose file in this scan; compose.yaml was checked without it.'],
    ]);
  });
});
