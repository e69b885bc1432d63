/**
 * The benchmark's generated repository: deterministic (a seeded PRNG; same files, byte for byte, every run),
 * thousands of files of the kinds a real OpenClaw deployment repository holds, with findings planted in a few.
 * Key-shaped values are generated fakes (random bodies at run time, never real keys, never committed).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const GENERATOR_VERSION = 2;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the gateway agent channel token model provider config deploy service container port bind loopback auth session ' +
  'memory tool sandbox workspace plugin skill cron webhook telegram discord slack matrix signal browser node docker ' +
  'compose image volume network proxy nginx tailscale tunnel secret rotate audit log error retry timeout queue worker'
).split(' ');

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface GeneratedRepo {
  files: number;
  bytes: number;
  planted: number;
}

/**
 * `plain`: only files that are text to Gatewarden (Markdown, TypeScript, Python, prose), the planted keys included:
 * the tree for how a scan scales with the number of files alone (nothing kept for the cross-file rules).
 */
export function generateRepo(dir: string, fileCount: number, seed = 20261121, plain = false): GeneratedRepo {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const word = () => pick(WORDS);
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const chars = (n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  const ident = () => `${word()}${word()[0]?.toUpperCase()}${word().slice(1)}`;

  // Fake secrets of the shapes Gatewarden, secretlint and gitleaks know; bodies are random, marked as bench fakes.
  const fakes: (() => string)[] = [
    () => `sk-ant-api03-${chars(93, `${ALNUM}_-`)}AA`,
    () => `sk-proj-${chars(20)}T3BlbkFJ${chars(20)}`,
    () => `ghp_${chars(36)}`,
    () => `AKIA${chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    () => `${int(100000000, 999999999)}:AA${chars(33, `${ALNUM}_-`)}`,
    () => `xoxb-${int(1e11, 9e11)}-${int(1e11, 9e11)}-${chars(24)}`,
  ];
  let planted = 0;
  const maybeSecret = (p: number) => {
    if (rnd() >= p) return undefined;
    planted++;
    return pick(fakes)();
  };

  const markdown = () => {
    const out = [`# ${words(4)}`, ''];
    const target = int(1_000, 24_000);
    let size = 0;
    while (size < target) {
      const kind = rnd();
      const block =
        kind < 0.6
          ? words(int(30, 120))
          : kind < 0.8
            ? `- ${words(8)}\n- ${words(6)}\n- ${words(10)}`
            : `\`\`\`bash\nexport ${word().toUpperCase()}_URL=http://127.0.0.1:${int(1000, 65000)}\ndocker compose up -d ${word()}\n\`\`\``;
      out.push(block, '');
      size += block.length + 2;
    }
    const s = maybeSecret(0.01);
    if (s) out.push(`Set \`ANTHROPIC_API_KEY=${s}\` before starting.`);
    return `${out.join('\n')}\n`;
  };

  const code = (ext: string) => {
    const out: string[] = [];
    const target = int(800, 30_000);
    let size = 0;
    while (size < target) {
      const fn =
        ext === 'py'
          ? `def ${ident()}(${word()}, ${word()}):\n    """${words(8)}"""\n    if ${word()} > ${int(0, 99)}:\n        return ${word()}.${word()}(${int(0, 9)})\n    return None\n`
          : `export function ${ident()}(${word()}: string, ${word()}: number): string {\n  // ${words(9)}\n  const ${word()} = \`\${${word()}}-${word()}\`;\n  if (${word()} > ${int(0, 99)}) return ${word()}.${word()}(${int(0, 9)});\n  return '${words(3)}';\n}\n`;
      out.push(fn);
      size += fn.length;
    }
    const s = maybeSecret(0.01);
    if (s) out.push(ext === 'py' ? `API_KEY = "${s}"\n` : `const apiKey = '${s}';\n`);
    return out.join('\n');
  };

  const json = () => {
    const items = Array.from({ length: int(5, 400) }, (_, i) => ({ id: i, name: words(2), enabled: rnd() < 0.5, port: int(1000, 65000), tags: [word(), word()] }));
    return `${JSON.stringify({ name: word(), version: `1.${int(0, 9)}.${int(0, 9)}`, items }, null, 2)}\n`;
  };

  const yaml = () => {
    const lines = [`name: ${words(2)}`, 'on:', '  push:', '    branches: [main]', 'jobs:'];
    for (let j = 0; j < int(1, 12); j++) {
      lines.push(`  ${word()}${j}:`, '    runs-on: ubuntu-latest', '    steps:');
      for (let k = 0; k < int(2, 10); k++) lines.push(`      - name: ${words(3)}`, `        run: npm run ${word()} -- --${word()}=${int(1, 9)}`);
    }
    return `${lines.join('\n')}\n`;
  };

  const shell = () => {
    const lines = ['#!/usr/bin/env bash', 'set -euo pipefail', ''];
    for (let i = 0; i < int(10, 300); i++) lines.push(rnd() < 0.5 ? `echo "${words(5)}"` : `${word()}_${word()}=$(${word()} --${word()} ${int(1, 99)})`);
    const s = maybeSecret(0.02);
    if (s) lines.push(`export TOKEN="${s}"`);
    return `${lines.join('\n')}\n`;
  };

  const compose = () => {
    const lines = ['services:', '  openclaw-gateway:', '    image: ghcr.io/openclaw/openclaw:2026.9.6', '    restart: unless-stopped'];
    lines.push('    ports:', `      - "${rnd() < 0.3 ? '' : '127.0.0.1:'}18789:18789"`);
    if (rnd() < 0.2) lines.push('    privileged: true');
    lines.push('    environment:', '      OPENCLAW_GATEWAY_TOKEN: ${OPENCLAW_GATEWAY_TOKEN}');
    const s = maybeSecret(0.2);
    if (s) lines.push(`      ANTHROPIC_API_KEY: ${s}`);
    lines.push('    volumes:', '      - ./data:/home/node/.openclaw', `  ${word()}:`, `    image: ${word()}:latest`);
    return `${lines.join('\n')}\n`;
  };

  const openclaw = () => {
    const bind = pick(['loopback', 'loopback', 'lan', 'tailnet']);
    const s = maybeSecret(0.2);
    return `// ${words(6)}\n{\n  gateway: {\n    bind: "${bind}",\n    port: 18789,\n    auth: { mode: "token", token: "${s ?? '${OPENCLAW_GATEWAY_TOKEN}'}" },\n  },\n  agents: { defaults: { sandbox: { mode: "${pick(['off', 'non-main', 'all'])}" } } },\n  channels: { telegram: { dmPolicy: "${pick(['pairing', 'open', 'allowlist'])}" } },\n}\n`;
  };

  const dotenv = () => `# ${words(4)}\nOPENCLAW_GATEWAY_TOKEN=${chars(48)}\nANTHROPIC_API_KEY=${maybeSecret(1)}\nLOG_LEVEL=info\n`;

  const dockerfile = () =>
    `FROM node:22-bookworm\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nENV NODE_ENV=production\n${rnd() < 0.1 ? `ENV ANTHROPIC_API_KEY=${maybeSecret(1)}\n` : ''}USER node\nCMD ["node", "dist/index.js"]\n`;

  const minified = () => {
    const parts: string[] = [];
    let size = 0;
    const target = int(1_000_000, 3_000_000);
    while (size < target) {
      const p = `function ${ident()}(a,b){return a.${word()}(b)+"${words(2)}"}var ${word()}=${int(0, 1e6)};`;
      parts.push(p);
      size += p.length;
    }
    return parts.join('');
  };

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let files = 0;
  const write = (rel: string, text: string) => {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    bytes += Buffer.byteLength(text);
    files++;
  };
  writeFileSync(path.join(dir, '.bench-generator'), `${GENERATOR_VERSION} ${fileCount} ${seed}${plain ? ' plain' : ''}\n`);
  writeFileSync(path.join(dir, '.gatewarden.yml'), '# generated for the benchmark\n');
  write('.gitignore', 'node_modules/\n*.log\n');
  for (let i = 0; files < fileCount; i++) {
    const area = `${pick(['apps', 'packages', 'services', 'docs', 'deploy', 'tools'])}/${word()}-${i % 97}`;
    // A plain tree: Markdown, TypeScript, Python and prose, a quarter each.
    const r = plain ? [0.1, 0.4, 0.55, 0.99][int(0, 3)] as number : rnd();
    if (r < 0.3) write(`${area}/${word()}-${i}.md`, markdown());
    else if (r < 0.5) write(`${area}/src/${ident()}-${i}.ts`, code('ts'));
    else if (r < 0.6) write(`${area}/${word()}_${i}.py`, code('py'));
    else if (r < 0.7) write(`${area}/data-${i}.json`, json());
    else if (r < 0.78) write(`${area}/.github/workflows/${word()}-${i}.yml`, yaml());
    else if (r < 0.85) write(`${area}/scripts/${word()}-${i}.sh`, shell());
    else if (r < 0.89) write(`${area}/svc-${i}/docker-compose${rnd() < 0.5 ? '' : `.${word()}`}.yml`, compose());
    else if (r < 0.92) write(`${area}/openclaw-${i}/openclaw.json`, openclaw());
    else if (r < 0.93) write(`${area}/env-${i}/.env${rnd() < 0.5 ? '' : '.production'}`, dotenv());
    else if (r < 0.97) write(`${area}/img-${i}/Dockerfile${rnd() < 0.5 ? '' : `.${word()}`}`, dockerfile());
    else if (r < 0.972) write(`${area}/dist/bundle-${i}.min.js`, minified());
    else write(`${area}/${word()}-${i}.txt`, words(int(20, 2000)));
  }
  return { files, bytes, planted };
}
