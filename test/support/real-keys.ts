/**
 * Private keys made by the real tools, at test time, into a temporary directory: `ssh-keygen` (every type, OpenSSH,
 * `-m PEM`, `-m PKCS8`, with and without a passphrase), `openssl` (genrsa, genpkey, ecparam, pkcs8 -topk8, legacy
 * `Proc-Type: 4,ENCRYPTED` PEM, pkcs12), `gpg --export-secret-keys --armor` (throwaway GNUPGHOME), `puttygen` (PPK v2
 * and v3, ssh.com export) and `keytool` (JKS). No key is ever committed: a fixture written by hand tests what its
 * author believed a key looks like, a key made by the tool is what people actually leak.
 *
 * A tool that is missing (or refuses a key type, e.g. an OpenSSH built without DSA) skips its keys with a visible
 * message (`skipped`); CI installs every tool (putty-tools from Debian for `puttygen`). The set is made once per
 * process and cached: a test file or an `npm run eval:secrets` run pays for it once.
 *
 * Used by test/secrets-real-keys.test.ts and scripts/secrets-eval (the generated corpus of `eval:secrets --generate`).
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type KeyTool = 'ssh-keygen' | 'openssl' | 'gpg' | 'puttygen' | 'keytool';

export interface KeySpec {
  /** Stable id, also the file's base name (plus `ext`). */
  id: string;
  tool: KeyTool;
  /** The key's container format, as the tables in docs/secrets-evaluation.md name it. */
  format: string;
  algorithm: string;
  encrypted: boolean;
  /** Binary container (PKCS#12, JKS): a text scanner can only recognise it by name or structure. */
  binary: boolean;
  /** File name people give it: `id_ed25519`, `server.key`, `deploy.ppk`. */
  file: string;
  /** Writes the key to `out` with the tool (`dir`: a scratch directory for intermediates). */
  make: (dir: string, out: string) => Promise<void>;
  /** The command, for the record (docs, messages). */
  command: string;
}

export interface RealKey extends Omit<KeySpec, 'make'> {
  path: string;
  bytes: Buffer;
  /** The armoured text (`bytes` as latin1) for text formats; undefined for binary containers. */
  text?: string;
}

export interface RealKeySet {
  dir: string;
  keys: RealKey[];
  skipped: { id: string; tool: KeyTool; reason: string }[];
}

/** The passphrase of every encrypted key (throwaway keys in a temporary directory). */
export const PASSPHRASE = 'gatewarden-test-passphrase';

const exec = promisify(execFile);
const run = async (cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> =>
  (await exec(cmd, args, { env: env ?? process.env, timeout: 120_000, maxBuffer: 1 << 20 })).stdout;

function ssh(id: string, format: string, algorithm: string, encrypted: boolean, file: string, args: string[]): KeySpec {
  const all = ['-q', '-C', `${id}@gatewarden.test`, '-N', encrypted ? PASSPHRASE : '', ...args];
  return {
    id, tool: 'ssh-keygen', format, algorithm, encrypted, binary: false, file,
    command: `ssh-keygen ${args.join(' ')}${encrypted ? ' -N <passphrase>' : " -N ''"}`,
    make: async (_dir, out) => {
      await run('ssh-keygen', [...all, '-f', out]);
      rmSync(`${out}.pub`, { force: true });
    },
  };
}

function ossl(id: string, format: string, algorithm: string, encrypted: boolean, file: string, steps: string[][], binary = false): KeySpec {
  return {
    id, tool: 'openssl', format, algorithm, encrypted, binary, file,
    command: steps.map((s) => `openssl ${s.join(' ')}`).join(' && ').replaceAll(PASSPHRASE, '<passphrase>'),
    make: async (dir, out) => {
      for (const s of steps) await run('openssl', s.map((a) => a.replaceAll('{out}', out).replaceAll('{dir}', dir)));
    },
  };
}

function putty(id: string, format: string, algorithm: string, encrypted: boolean, file: string, args: string[]): KeySpec {
  return {
    id, tool: 'puttygen', format, algorithm, encrypted, binary: false, file,
    command: `puttygen ${args.join(' ')}${encrypted ? ' --new-passphrase <file>' : ' --new-passphrase <empty file>'}`,
    make: async (dir, out) => {
      const pass = path.join(dir, `${id}.pass`);
      writeFileSync(pass, encrypted ? PASSPHRASE : '');
      await run('puttygen', [...args, '-q', '-C', `${id}@gatewarden.test`, '--new-passphrase', pass, '-o', out]);
      rmSync(pass);
    },
  };
}

function gpg(id: string, format: string, algorithm: string, encrypted: boolean, file: string): KeySpec {
  const pass = encrypted ? PASSPHRASE : '';
  return {
    id, tool: 'gpg', format, algorithm, encrypted, binary: false, file,
    command: `gpg --batch --pinentry-mode loopback --quick-gen-key <uid> ${algorithm} sign never && gpg --export-secret-keys --armor`,
    make: async (_dir, out) => {
      // A throwaway keyring with a short path (the agent's socket path must stay under ~100 bytes).
      const home = mkdtempSync(path.join('/tmp', 'gw-gpg-'));
      const env = { ...process.env, GNUPGHOME: home };
      const uid = `Gatewarden Test ${id} <${id}@gatewarden.test>`;
      try {
        await run('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', pass, '--quick-gen-key', uid, algorithm, 'sign', 'never'], env);
        const armored = await run('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', pass, '--export-secret-keys', '--armor', `${id}@gatewarden.test`], env);
        writeFileSync(out, armored);
      } finally {
        spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env, stdio: 'ignore' }); // only the agent of this GNUPGHOME
        rmSync(home, { recursive: true, force: true });
      }
    },
  };
}

const P = `pass:${PASSPHRASE}`;

/** Every key the set holds, whether or not its tool is here (tests enumerate these; missing ones are skipped). */
export const KEY_SPECS: readonly KeySpec[] = [
  // ssh-keygen, default OpenSSH format ("openssh-key-v1")
  ssh('ssh-rsa', 'OpenSSH', 'RSA 3072', false, 'id_rsa', ['-t', 'rsa']),
  ssh('ssh-ecdsa-256', 'OpenSSH', 'ECDSA P-256', false, 'id_ecdsa', ['-t', 'ecdsa', '-b', '256']),
  ssh('ssh-ecdsa-384', 'OpenSSH', 'ECDSA P-384', false, 'id_ecdsa_384', ['-t', 'ecdsa', '-b', '384']),
  ssh('ssh-ecdsa-521', 'OpenSSH', 'ECDSA P-521', false, 'id_ecdsa_521', ['-t', 'ecdsa', '-b', '521']),
  ssh('ssh-ed25519', 'OpenSSH', 'Ed25519', false, 'id_ed25519', ['-t', 'ed25519']),
  ssh('ssh-dsa', 'OpenSSH', 'DSA 1024', false, 'id_dsa', ['-t', 'dsa']),
  ssh('ssh-rsa-enc', 'OpenSSH (encrypted)', 'RSA 2048', true, 'id_rsa_enc', ['-t', 'rsa', '-b', '2048']),
  ssh('ssh-ecdsa-enc', 'OpenSSH (encrypted)', 'ECDSA P-256', true, 'id_ecdsa_enc', ['-t', 'ecdsa', '-b', '256']),
  ssh('ssh-ed25519-enc', 'OpenSSH (encrypted)', 'Ed25519', true, 'id_ed25519_enc', ['-t', 'ed25519']),
  // ssh-keygen -m PEM: PKCS#1 (RSA), SEC1 (EC), DSA; with a passphrase, legacy `Proc-Type: 4,ENCRYPTED` + `DEK-Info`
  ssh('ssh-rsa-pem', 'PKCS#1', 'RSA 2048', false, 'deploy_rsa.pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']),
  ssh('ssh-ecdsa-pem', 'SEC1', 'ECDSA P-256', false, 'deploy_ecdsa.pem', ['-t', 'ecdsa', '-b', '256', '-m', 'PEM']),
  ssh('ssh-dsa-pem', 'DSA (PEM)', 'DSA 1024', false, 'deploy_dsa.pem', ['-t', 'dsa', '-m', 'PEM']),
  ssh('ssh-rsa-pem-enc', 'PKCS#1 legacy encrypted (DEK-Info)', 'RSA 2048', true, 'deploy_rsa_enc.pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']),
  ssh('ssh-ecdsa-pem-enc', 'SEC1 legacy encrypted (DEK-Info)', 'ECDSA P-256', true, 'deploy_ecdsa_enc.pem', ['-t', 'ecdsa', '-b', '256', '-m', 'PEM']),
  // ssh-keygen -m PKCS8
  ssh('ssh-rsa-pkcs8', 'PKCS#8', 'RSA 2048', false, 'deploy_rsa.p8', ['-t', 'rsa', '-b', '2048', '-m', 'PKCS8']),
  ssh('ssh-ecdsa-pkcs8', 'PKCS#8', 'ECDSA P-256', false, 'deploy_ecdsa.p8', ['-t', 'ecdsa', '-b', '256', '-m', 'PKCS8']),
  ssh('ssh-rsa-pkcs8-enc', 'PKCS#8 encrypted', 'RSA 2048', true, 'deploy_rsa_enc.p8', ['-t', 'rsa', '-b', '2048', '-m', 'PKCS8']),
  // openssl
  ossl('openssl-genrsa', 'PKCS#8', 'RSA 2048', false, 'server.key', [['genrsa', '-out', '{out}', '2048']]),
  ossl('openssl-genrsa-traditional', 'PKCS#1', 'RSA 2048', false, 'server-rsa.key', [['genrsa', '-traditional', '-out', '{out}', '2048']]),
  ossl('openssl-genpkey-rsa', 'PKCS#8', 'RSA 3072', false, 'tls.key', [['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072', '-out', '{out}']]),
  ossl('openssl-genpkey-ec', 'PKCS#8', 'ECDSA P-256', false, 'tls-ec.key', [['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', '{out}']]),
  ossl('openssl-genpkey-ed25519', 'PKCS#8', 'Ed25519', false, 'signing-ed25519.pem', [['genpkey', '-algorithm', 'ed25519', '-out', '{out}']]),
  ossl('openssl-genpkey-x25519', 'PKCS#8', 'X25519', false, 'x25519.pem', [['genpkey', '-algorithm', 'x25519', '-out', '{out}']]),
  ossl('openssl-genpkey-ed448', 'PKCS#8', 'Ed448', false, 'ed448.pem', [['genpkey', '-algorithm', 'ed448', '-out', '{out}']]),
  ossl('openssl-ecparam', 'SEC1', 'ECDSA P-256', false, 'ec-params.pem', [['ecparam', '-genkey', '-name', 'prime256v1', '-out', '{out}']]),
  ossl('openssl-ecparam-noout', 'SEC1', 'ECDSA P-384', false, 'ec-p384.pem', [['ecparam', '-genkey', '-name', 'secp384r1', '-noout', '-out', '{out}']]),
  ossl('openssl-pkcs8-enc', 'PKCS#8 encrypted', 'RSA 2048', true, 'server-enc.key', [
    ['genrsa', '-out', '{dir}/tmp-pkcs8.key', '2048'],
    ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', '{dir}/tmp-pkcs8.key', '-passout', P, '-out', '{out}'],
  ]),
  ossl('openssl-rsa-dek', 'PKCS#1 legacy encrypted (DEK-Info)', 'RSA 2048', true, 'server-legacy-enc.key', [
    ['genrsa', '-out', '{dir}/tmp-dek.key', '2048'],
    ['rsa', '-in', '{dir}/tmp-dek.key', '-aes256', '-traditional', '-passout', P, '-out', '{out}'],
  ]),
  ossl('openssl-ec-dek', 'SEC1 legacy encrypted (DEK-Info)', 'ECDSA P-256', true, 'ec-legacy-enc.key', [
    ['ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', '{dir}/tmp-ec-dek.key'],
    ['ec', '-in', '{dir}/tmp-ec-dek.key', '-aes256', '-passout', P, '-out', '{out}'],
  ]),
  ...(['p12', 'pfx'] as const).map((ext) =>
    ossl(`openssl-pkcs12-${ext}`, 'PKCS#12', 'RSA 2048', true, `client.${ext}`, [
      ['genrsa', '-out', `{dir}/tmp-${ext}.key`, '2048'],
      ['req', '-x509', '-new', '-key', `{dir}/tmp-${ext}.key`, '-subj', '/CN=gatewarden-test', '-days', '1', '-out', `{dir}/tmp-${ext}.crt`],
      ['pkcs12', '-export', '-inkey', `{dir}/tmp-${ext}.key`, '-in', `{dir}/tmp-${ext}.crt`, '-passout', P, '-out', '{out}'],
    ], true),
  ),
  // gpg
  gpg('gpg-ed25519', 'PGP', 'Ed25519', false, 'signing-key.asc'),
  gpg('gpg-ed25519-enc', 'PGP (protected)', 'Ed25519', true, 'signing-key-protected.asc'),
  gpg('gpg-rsa2048', 'PGP', 'rsa2048', false, 'release-key.asc'),
  // puttygen: PPK v3 (default), v2, and ssh.com export (RSA and DSA only)
  putty('ppk3-rsa', 'PuTTY v3', 'RSA 2048', false, 'deploy.ppk', ['-t', 'rsa', '-b', '2048', '-O', 'private']),
  putty('ppk3-ed25519', 'PuTTY v3', 'Ed25519', false, 'deploy-ed25519.ppk', ['-t', 'ed25519', '-O', 'private']),
  putty('ppk3-rsa-enc', 'PuTTY v3 (encrypted)', 'RSA 2048', true, 'deploy-enc.ppk', ['-t', 'rsa', '-b', '2048', '-O', 'private']),
  putty('ppk2-rsa', 'PuTTY v2', 'RSA 2048', false, 'legacy.ppk', ['-t', 'rsa', '-b', '2048', '-O', 'private', '--ppk-param', 'version=2']),
  putty('ppk2-ecdsa-enc', 'PuTTY v2 (encrypted)', 'ECDSA P-256', true, 'legacy-enc.ppk', ['-t', 'ecdsa', '-b', '256', '-O', 'private', '--ppk-param', 'version=2']),
  putty('sshcom-rsa', 'ssh.com', 'RSA 2048', false, 'id_rsa_sshcom', ['-t', 'rsa', '-b', '2048', '-O', 'private-sshcom']),
  putty('sshcom-rsa-enc', 'ssh.com (encrypted)', 'RSA 2048', true, 'id_rsa_sshcom_enc', ['-t', 'rsa', '-b', '2048', '-O', 'private-sshcom']),
  putty('sshcom-dsa', 'ssh.com', 'DSA 1024', false, 'id_dsa_sshcom', ['-t', 'dsa', '-b', '1024', '-O', 'private-sshcom']),
  // keytool
  {
    id: 'keytool-jks', tool: 'keytool', format: 'JKS', algorithm: 'RSA 2048', encrypted: true, binary: true, file: 'keystore.jks',
    command: 'keytool -genkeypair -keyalg RSA -keysize 2048 -storetype JKS -keystore keystore.jks',
    make: async (_dir, out) => {
      await run('keytool', ['-genkeypair', '-alias', 'gatewarden', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=gatewarden-test', '-validity', '1', '-keystore', out, '-storetype', 'JKS', '-storepass', PASSPHRASE, '-keypass', PASSPHRASE]);
    },
  },
];

const available = new Map<KeyTool, boolean>();
/** Whether `tool` is on PATH (cached). Synchronous, so a test file can decide at collection time what to skip. */
export function hasTool(tool: KeyTool): boolean {
  let ok = available.get(tool);
  if (ok === undefined) {
    ok = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
    available.set(tool, ok);
  }
  return ok;
}

let cached: Promise<RealKeySet> | undefined;

/**
 * Makes every key of KEY_SPECS whose tool is installed, two at a time (once per process; later calls share the
 * same promise). Keys whose tool is missing or fails are listed in `skipped`, each with the reason, and reported
 * on stderr.
 */
export function realKeys(): Promise<RealKeySet> {
  cached ??= makeAll();
  return cached;
}

async function makeAll(): Promise<RealKeySet> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-real-keys-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const made = new Map<string, RealKey>();
  const skipped: RealKeySet['skipped'] = [];
  const queue = [...KEY_SPECS];
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      if (!hasTool(spec.tool)) {
        skipped.push({ id: spec.id, tool: spec.tool, reason: `${spec.tool} is not installed` });
        continue;
      }
      const keyDir = mkdtempSync(path.join(dir, `${spec.id}-`));
      const out = path.join(keyDir, spec.file);
      try {
        await spec.make(keyDir, out);
        const bytes = readFileSync(out);
        for (const f of readdirSync(keyDir)) if (f !== spec.file) rmSync(path.join(keyDir, f), { force: true }); // intermediates
        const { make: _make, ...meta } = spec;
        made.set(spec.id, { ...meta, path: out, bytes, ...(spec.binary ? {} : { text: bytes.toString('latin1') }) });
      } catch (e) {
        const err = e as { stderr?: string; message?: string };
        const why = (err.stderr?.trim().split('\n').pop() || err.message || 'failed').slice(0, 200);
        skipped.push({ id: spec.id, tool: spec.tool, reason: `${spec.tool} could not make it: ${why}` });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  for (const s of skipped) process.stderr.write(`real-keys: skipped ${s.id}: ${s.reason}\n`);
  const keys = KEY_SPECS.flatMap((s) => made.get(s.id) ?? []);
  return { dir, keys, skipped };
}
