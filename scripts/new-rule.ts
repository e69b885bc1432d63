/**
 * `npm run new-rule -- <domain>.<name> [--token]`: the scaffold of a rule (secretlint's new-rule template). Writes
 * rules/<domain>/<name>.ts (metadata to fill in and an empty check), a bad/ fixture with a placeholder `expect:` line
 * and a good/ fixture under test/fixtures/rules/<domain>/<name>/, then regenerates the registry (rules/index.ts).
 * `--token`: a token rule (src/model/token.ts): its token spec with samples to fill in, and the shared check.
 * Refuses an id that is malformed or already taken. The new rule's fixture test fails until the check reports what
 * bad/ announces: that is the next step. Dev-time only.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeRegistry } from './registry.js';

/** A rule id, as test/catalogue.test.ts checks it; the domain is a folder name (no `_`: those hold helpers). */
const ID = /^([a-z][a-z0-9_]*)\.([a-zA-Z0-9_]+(?:\.[a-zA-Z0-9_]+)*)$/;

interface Shape {
  /** The target kind the check receives (src/model/target.ts). */
  kind: string;
  /** Fixture file name, classified as that kind. */
  file: string;
  /** Line comment of the file, or undefined when it has none (the expectation goes to expected.json). */
  comment?: string;
}

const OPENCLAW: Shape = { kind: 'openclaw', file: 'openclaw.json5', comment: '//' };
/** What each domain's rules check, and the fixture file that holds it; a new domain starts as a text rule. */
const SHAPES: Record<string, Shape> = {
  browser: OPENCLAW, channels: OPENCLAW, config: OPENCLAW, discovery: OPENCLAW, fs: OPENCLAW, gateway: OPENCLAW, hooks: OPENCLAW,
  logging: OPENCLAW, mcp: OPENCLAW, models: OPENCLAW, plugins: OPENCLAW, sandbox: OPENCLAW, security: OPENCLAW, tools: OPENCLAW,
  compose: { kind: 'compose_project', file: 'docker-compose.yml', comment: '#' },
  traefik: { kind: 'compose', file: 'docker-compose.yml', comment: '#' },
  dockerfile: { kind: 'dockerfile', file: 'Dockerfile', comment: '#' },
  dotenv: { kind: 'dotenv', file: '.env', comment: '#' },
  shell: { kind: 'shell', file: 'install.sh', comment: '#' },
  systemd: { kind: 'systemd', file: 'openclaw-gateway.service', comment: '#' },
  sshd: { kind: 'sshd', file: 'sshd_config', comment: '#' },
  nginx: { kind: 'nginx', file: 'nginx.conf', comment: '#' },
  caddy: { kind: 'caddy', file: 'Caddyfile', comment: '#' },
  daemon: { kind: 'docker_daemon', file: 'daemon.json' },
  secrets: { kind: 'text', file: 'settings.yaml', comment: '#' },
};
const TEXT: Shape = { kind: 'text', file: 'example.txt', comment: '#' };

function moduleSource(id: string, domain: string, shape: Shape): string {
  return `import { defineRule } from '../../src/model/rule.js';

export default defineRule({
  id: '${id}',
  title: 'TODO: the problem, in one line',
  severity: 'medium',
  appliesTo: ['${shape.kind}'],
  description:
    'TODO: why it matters, in one short Markdown paragraph: what an attacker or an accident gets from this mistake.',
  remediation: 'TODO: how to fix it: the key or line to change, and the safe value.',
  references: [],
  tags: ['${domain}'],
  precision: 'medium',
  // A rule with several messages declares them here and reports \`messageId\` + \`data\` (docs/writing-rules.md).
  check(_target, _ctx) {
    // TODO: report what bad/ announces: _ctx.report({ at: …, message: '…' }).
  },
});
`;
}

/** A token rule: the spec as data (docs/writing-rules.md, "Token rules"); the engine's detector finds the tokens. */
function tokenModuleSource(id: string): string {
  return `import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/** TODO: the token's documented format (prefix, length, alphabet, checksum), with the page that documents it. */
export default defineRule({
  id: '${id}',
  title: 'TODO: <Provider> API key',
  severity: 'high',
  appliesTo: ['text'],
  description: 'TODO: what whoever holds the token can do with it.',
  remediation: 'TODO: where to revoke it, and how to pass the new one (\`\${PROVIDER_API_KEY}\` from an untracked \`.env\`).',
  references: [],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'TODO: <Provider> API key',
    action: 'TODO: revoke it at …',
    // Literals every token contains (its prefix): the detector runs the pattern only on files holding one.
    keywords: ['TODO_'],
    // Linear-time: a fixed prefix, bounded classes and quantifiers; the token is the \`secret\` group.
    pattern: /(?<![A-Za-z0-9_-])(?<secret>TODO_[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/g,
    minEntropy: 3.5,
    // Built from seeded random characters at test time (test/token-catalogue.test.ts): never a real token.
    samples: {
      true: [(r) => \`TODO_\${r.alnum(32)}\`],
      false: [(r) => \`TODO_\${r.alnum(20)}\`],
    },
  },
  check: reportTokens,
});
`;
}

/** Writes the scaffold of rule `id` under `root`; returns the files written (relative). Throws on a refused id. */
export function newRule(root: string, id: string, opts: { token?: boolean } = {}): string[] {
  const m = ID.exec(id);
  if (!m) throw new Error(`"${id}" is not a rule id: <domain>.<name>, lower-case domain, letters, digits and _ (dots between parts)`);
  const [, domain = '', name = ''] = m;
  const module = path.join('rules', domain, `${name}.ts`);
  const fixtures = path.join('test', 'fixtures', 'rules', domain, name);
  if (existsSync(path.join(root, module))) throw new Error(`${id} exists already: ${module}`);
  if (existsSync(path.join(root, fixtures))) throw new Error(`fixtures for ${id} exist already: ${fixtures}`);
  const shape = SHAPES[domain] ?? TEXT;
  const c = shape.comment;
  const files: Record<string, string> = { [module]: opts.token ? tokenModuleSource(id) : moduleSource(id, domain, shape) };
  if (c) {
    files[path.join(fixtures, 'bad', shape.file)] =
      `${c} TODO: an insecure example of what ${id} reports. The expect line says the next line must be reported.\n${c} expect: ${id}\n${c} TODO: the line to report\n`;
    files[path.join(fixtures, 'good', shape.file)] = `${c} TODO: the same example, fixed: ${id} reports nothing here.\n`;
  } else {
    files[path.join(fixtures, 'bad', shape.file)] = '{}\n';
    files[path.join(fixtures, 'bad', 'expected.json')] = `${JSON.stringify([{ ruleId: id, file: shape.file, line: 1 }], null, 2)}\n`;
    files[path.join(fixtures, 'good', shape.file)] = '{}\n';
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  writeRegistry(root);
  return Object.keys(files).map((f) => f.split(path.sep).join('/'));
}

function main(argv: string[]): number {
  const rootAt = argv.indexOf('--root');
  const root = rootAt === -1 ? path.resolve(import.meta.dirname, '..') : path.resolve(argv[rootAt + 1] ?? '.');
  const token = argv.includes('--token');
  const ids = argv.filter((a, i) => a !== '--root' && a !== '--token' && (rootAt === -1 || i !== rootAt + 1));
  if (ids.length !== 1) {
    process.stderr.write('usage: npm run new-rule -- <domain>.<name> [--token]\n');
    return 2;
  }
  try {
    const written = newRule(root, ids[0]!, { token });
    process.stdout.write(
      `${written.map((f) => `wrote ${f}`).join('\n')}\nregenerated rules/index.ts\n` +
        'Next: fill in the metadata and both fixtures, write the check until `npx vitest run test/rules.test.ts` passes, then `npm run docs`.\n',
    );
    return 0;
  } catch (e) {
    process.stderr.write(`new-rule: ${(e as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
