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
