/**
 * Values in an OpenClaw config: `${VAR}` references (OpenClaw substitutes upper-case names only, `$${` escapes),
 * SecretRef objects, and the credential a value states once the deployment's environment is known.
 */
import { isRecord, type Obj } from '../../../src/lib/json.js';

/** `${NAME}` (upper-case names only, as OpenClaw substitutes) or the 9.6 `$NAME` shorthand; `$${` escapes. */
export function envRefName(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(?:\$\{([A-Z_][A-Z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*))\s*$/.exec(v);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** A string that contains a `${VAR}` reference somewhere (a partial substitution). */
export function hasEnvRef(v: unknown): boolean {
  return typeof v === 'string' && /(^|[^$])\$\{[A-Z_][A-Z0-9_]*\}/.test(v);
}

export function isSecretRef(v: unknown): v is Obj {
  return isRecord(v) && typeof v.source === 'string' && typeof v.id === 'string';
}

/**
 * A credential as the config states it: absent, a literal written in the file, or a reference that is
 * provided at deploy time (`${VAR}`, SecretRef). `value` is the value when it is known: the literal, or the
 * variable's value when the repository's deployment provides it (DeployContext.env).
 */
export type Credential =
  | { kind: 'absent' }
  | { kind: 'literal'; value: string }
  | { kind: 'ref'; ref: string; value?: string };

export function credential(v: unknown, deploy: DeployContext = {}): Credential {
  if (v === undefined || v === null) return { kind: 'absent' };
  if (isSecretRef(v)) {
    const ref = `${v.source}:${String(v.provider ?? 'default')}:${v.id}`;
    const value = v.source === 'env' ? deploy.env?.[String(v.id)] : undefined;
    return value === undefined ? { kind: 'ref', ref } : { kind: 'ref', ref, value };
  }
  if (typeof v !== 'string') return { kind: 'absent' };
  const name = envRefName(v);
  if (name) {
    const value = deploy.env?.[name];
    return value === undefined ? { kind: 'ref', ref: `env:default:${name}` } : { kind: 'ref', ref: `env:default:${name}`, value };
  }
  if (hasEnvRef(v)) return { kind: 'ref', ref: `template:${v}` };
  return { kind: 'literal', value: v };
}

/** Non-empty after trimming, or a reference (a provided reference is assumed non-empty). */
export function credentialPresent(c: Credential): boolean {
  if (c.kind === 'absent') return false;
  if (c.kind === 'literal') return c.value.trim() !== '';
  return c.value === undefined || c.value.trim() !== '';
}

/** The known text of a credential (a literal, or a reference whose value the deployment holds). */
export function credentialText(c: Credential): string | undefined {
  return c.kind === 'literal' ? c.value : c.kind === 'ref' ? c.value : undefined;
}

/**
 * What the deployment adds to the config file at run time: the environment it provides and the `openclaw gateway`
 * CLI flags, which override the config (the audit itself reads only the file). `deployContext()` (deploy.ts)
 * builds it from the repository's `.env` files and the compose service that runs the gateway; with an empty
 * context a `${VAR}` in the config counts as provided and no flag is known.
 */
export interface DeployContext {
  /** Environment known to the deployment; a value of '' means set but empty. */
  env?: Readonly<Record<string, string>>;
  /** Names set by the deployment whose value the repository does not hold (`${X}` in compose, secrets). */
  providedEnv?: ReadonlySet<string>;
  /**
   * The deployment also loads variables the repository does not name (a Kubernetes `envFrom` of a Secret not in
   * it): a credential from the environment may be there, so it is unknown rather than absent.
   */
  envOpen?: boolean;
  /** `openclaw gateway` CLI flags, which override the config. */
  flags?: { bind?: string; port?: number; auth?: string; token?: string; password?: string };
}
