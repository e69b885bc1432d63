/**
 * What the repository itself says about the deployment of a config (`.env` files, the compose service that runs
 * the gateway with the config mounted), as the DeployContext the gateway view takes.
 */
import { isRecord } from '../../../src/lib/json.js';
import type { OpenClawTarget, ProjectView } from '../../../src/model/target.js';
import { gatewayViews, type GatewayView as ComposeGatewayView } from '../compose-gateway.js';
import { envRefName, isSecretRef, type DeployContext } from './values.js';

/**
 * What the repository itself says about the deployment of a config: `.env` files (not templates) in the
 * config's folder or at the repository root, and the compose service that runs the gateway with this config
 * mounted (rules/_shared/compose-gateway.ts): a token or password it passes (a literal, or `${X}` provided at
 * deploy time) counts as configured, and its `--bind/--port/--auth` flags override the config, as the CLI does.
 */
export function deployContext(target: OpenClawTarget, project?: ProjectView): DeployContext {
  // Every gateway rule asks for the same target's context: compute it once per target (per scan).
  const known = deployContexts.get(target);
  if (known) return known;
  const dir = target.file.includes('/') ? target.file.slice(0, target.file.lastIndexOf('/')) : '';
  const env: Record<string, string> = {};
  for (const d of project?.targets('dotenv') ?? []) {
    const ddir = d.file.includes('/') ? d.file.slice(0, d.file.lastIndexOf('/')) : '';
    if (d.template || (ddir !== dir && ddir !== '')) continue;
    for (const e of d.entries) if (env[e.key] === undefined || ddir === dir) env[e.key] = e.value;
  }
  const providedEnv = referencedEnv(target.value);
  // Names the script that writes or copies the config puts in the env file it generates, or the Kubernetes workload
  // that mounts its ConfigMap sets (the engine finds them).
  for (const name of target.deployEnv ?? []) providedEnv.add(name);
  const flags: NonNullable<DeployContext['flags']> = {};
  for (const v of composeGateways(project)) {
    {
      if (v.config?.file !== target.file) continue;
      if (v.token.value !== 'none') providedEnv.add('OPENCLAW_GATEWAY_TOKEN');
      if (v.password.value !== 'none') providedEnv.add('OPENCLAW_GATEWAY_PASSWORD');
      if (v.bind.source === 'command' || v.bind.source === 'environment' || v.bind.source === 'env_file') flags.bind = v.bind.value;
      if (v.authMode.source === 'command' && v.authMode.value !== undefined) flags.auth = v.authMode.value;
    }
  }
  const context = { env, providedEnv, ...(target.deployEnvOpen ? { envOpen: true } : {}), ...(Object.keys(flags).length ? { flags } : {}) };
  deployContexts.set(target, context);
  return context;
}

const deployContexts = new WeakMap<OpenClawTarget, DeployContext>();

const composeGatewayCache = new WeakMap<ProjectView, ComposeGatewayView[]>();

/** The gateway views of every compose project of the scan, each with its mounted config: computed once per scan. */
function composeGateways(project?: ProjectView): ComposeGatewayView[] {
  if (!project) return [];
  let views = composeGatewayCache.get(project);
  if (!views) {
    const configs = project.targets('openclaw');
    views = project.targets('compose_project').flatMap((c) => gatewayViews(c, configs));
    composeGatewayCache.set(project, views);
  }
  return views;
}

/**
 * Variables the config references (`${NAME}` anywhere in a string, a whole-string `$NAME`, env SecretRefs).
 * "Provided at deploy time" means they exist in the gateway's environment, so a referenced
 * `OPENCLAW_GATEWAY_TOKEN` is also the env token the audit's auth checks see.
 */
export function referencedEnv(config: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      for (const m of v.matchAll(/(?:^|[^$])\$\{([A-Z_][A-Z0-9_]*)\}/g)) out.add(m[1]!);
      const whole = envRefName(v);
      if (whole) out.add(whole);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
    } else if (isRecord(v)) {
      if (isSecretRef(v) && v.source === 'env') out.add(String(v.id));
      for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  walk(config, 0);
  return out;
}
