/**
 * Helpers for PaaS rules: the environment each platform's config writes in plain text, with the path of each
 * value (fly.toml `[env]`, render.yaml `envVars[].value`, Kamal `env.clear`, railway.json `deploy.env`), and the
 * public HTTP services each platform publishes.
 */
import { isRecord } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';
import type { PaasTarget } from '../../src/model/target.js';

export interface PlainVar {
  name: string;
  value: string;
  path: readonly PathSegment[];
  /** Declared a secret by the file itself (a Bicep `@secure()` parameter, a Container Apps `secrets:` entry): judged by its value, whatever its name. */
  declaredSecret?: true;
}

const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

function fromMap(map: unknown, base: readonly PathSegment[]): PlainVar[] {
  if (!isRecord(map)) return [];
  return Object.entries(map).flatMap(([name, v]) => {
    const value = scalar(v);
    return value === undefined ? [] : [{ name, value, path: [...base, name] }];
  });
}

/** Variables the config writes as plain values (not platform secrets, not generated). */
export function plainEnv(target: PaasTarget): PlainVar[] {
  const v = target.value;
  if (!isRecord(v)) return [];
  switch (target.platform) {
    case 'fly':
      return fromMap(v.env, ['env']);
    case 'kamal':
      return isRecord(v.env) ? [...fromMap(v.env.clear, ['env', 'clear']), ...(isRecord(v.env.clear) || isRecord(v.env.secret) || Array.isArray(v.env.secret) ? [] : fromMap(v.env, ['env']))] : [];
    case 'railway':
      return isRecord(v.deploy) ? fromMap(v.deploy.env ?? v.deploy.variables, ['deploy', v.deploy.env ? 'env' : 'variables']) : [];
    case 'azure':
      return bicepPlainEnv(v);
    case 'render': {
      const out: PlainVar[] = [];
      for (const [k, group] of [
        ['services', v.services],
        ['envVarGroups', v.envVarGroups],
      ] as const) {
        if (!Array.isArray(group)) continue;
        group.forEach((svc, i) => {
          if (!isRecord(svc) || !Array.isArray(svc.envVars)) return;
          svc.envVars.forEach((e, j) => {
            const value = isRecord(e) ? scalar(e.value) : undefined;
            if (isRecord(e) && typeof e.key === 'string' && value !== undefined) out.push({ name: e.key, value, path: [k, i, 'envVars', j, 'value'] });
          });
        });
      }
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------------- Bicep

/** A value the Bicep reader kept unevaluated (engine/parse/bicep.ts). */
function exprOf(v: unknown): string | undefined {
  return isRecord(v) && typeof v.$expr === 'string' ? v.$expr : undefined;
}

/**
 * A Bicep value as the deployment gets it when no parameter is given: a literal; a parameter (or `var`) whose value
 * is a literal; `!` of one. Anything else (a call, a ternary, a `for`) is unknown (undefined): never guessed.
 * `via`: the parameter (or variable) the value came from and its literal, for messages.
 */
export function bicepValue(doc: unknown, v: unknown): { value: unknown; via?: { name: string; value: unknown } } | undefined {
  const e = exprOf(v);
  if (e === undefined) return { value: v };
  const m = /^(!?)\s*([A-Za-z_]\w*)$/.exec(e);
  if (!m || !isRecord(doc)) return undefined;
  const name = m[2] as string;
  const param = isRecord(doc.params) ? doc.params[name] : undefined;
  const vars = isRecord(doc.vars) ? doc.vars : {};
  const raw = isRecord(param) ? param.default : name in vars ? vars[name] : undefined;
  if (raw === undefined || exprOf(raw) !== undefined || isRecord(raw) || Array.isArray(raw)) return undefined;
  if (m[1]) return typeof raw === 'boolean' ? { value: !raw, via: { name, value: raw } } : undefined;
  return { value: raw, via: { name, value: raw } };
}

export interface ContainerApp {
  symbol: string;
  body: Record<string, unknown>;
  /** Path of the resource's body in the target (`['resources', symbol, 'body']`). */
  path: readonly PathSegment[];
}

/** The Azure Container Apps a Bicep file declares (not `existing` ones it only refers to). */
export function containerApps(target: PaasTarget): ContainerApp[] {
  const v = target.value;
  if (target.platform !== 'azure' || !isRecord(v) || !isRecord(v.resources)) return [];
  const out: ContainerApp[] = [];
  for (const [symbol, r] of Object.entries(v.resources)) {
    if (!isRecord(r) || r.existing === true || typeof r.type !== 'string' || !/^Microsoft\.App\/containerApps@/i.test(r.type) || !isRecord(r.body)) continue;
    out.push({ symbol, body: r.body, path: ['resources', symbol, 'body'] });
  }
  return out;
}

function get(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}

/** Literal values of a Bicep file: `@secure()` parameter defaults, parameters named as secrets, Container Apps' `secrets` and containers' `env`. */
function bicepPlainEnv(doc: Record<string, unknown>): PlainVar[] {
  const out: PlainVar[] = [];
  if (isRecord(doc.params)) {
    for (const [name, p] of Object.entries(doc.params)) {
      if (!isRecord(p) || typeof p.default !== 'string') continue;
      // `clawdbotGatewayToken` is read by name as `clawdbot_Gateway_Token`.
      out.push({ name: name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'), value: p.default, path: ['params', name, 'default'], ...(p.secure === true ? { declaredSecret: true as const } : {}) });
    }
  }
  for (const app of containerApps({ kind: 'paas', file: '', text: '', platform: 'azure', value: doc })) {
    const secrets = get(app.body, ['properties', 'configuration', 'secrets']);
    if (Array.isArray(secrets)) {
      secrets.forEach((s, j) => {
        if (isRecord(s) && typeof s.name === 'string' && typeof s.value === 'string') out.push({ name: s.name, value: s.value, path: [...app.path, 'properties', 'configuration', 'secrets', j, 'value'], declaredSecret: true });
      });
    }
    const containers = get(app.body, ['properties', 'template', 'containers']);
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, k) => {
      const env = isRecord(c) ? c.env : undefined;
      if (!Array.isArray(env)) return;
      env.forEach((e, m) => {
        if (isRecord(e) && typeof e.name === 'string' && typeof e.value === 'string') out.push({ name: e.name, value: e.value, path: [...app.path, 'properties', 'template', 'containers', k, 'env', m, 'value'] });
      });
    });
  }
  return out;
}
