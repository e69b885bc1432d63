/**
 * The environment a Kubernetes workload gives the OpenClaw config it mounts (docs/infra.md#kubernetes-and-helm-one-exposure-model-with-compose):
 * the counterpart of compose's gateway wiring, for configs held in manifests.
 *
 * - A config in a ConfigMap's `openclaw.json` key is the config of every workload whose pod has a volume of that
 *   ConfigMap (`configMap.name`, or a `projected` source), in any manifest of the repository.
 * - A config in a chart's `values.yaml` is the config of the chart's workloads (`<chart>/templates/…`) whose pod has
 *   a ConfigMap volume: the chart renders its values into its own ConfigMap, named by a template expression.
 *
 * The environment is that of the pod's main containers that mount the volume, or of every main container when none
 * does (an init container copies the config onto a shared volume, the gateway reads it there). A name counts when
 * `env` sets it to a non-empty value, a `valueFrom` (a Secret's key: the value is not in the repository), or a
 * `${…}` filled in at deploy time; `envFrom` a Secret or ConfigMap of the repository adds its keys, and one the
 * repository does not hold (or names with a template expression) makes the environment open: any name may be set.
 * Names are kept, never values.
 */
import { isRecord } from '../../lib/json.js';
import type { KubeDocument, KubernetesTarget, OpenClawTarget } from '../../model/target.js';

interface Env {
  names: Set<string>;
  open: boolean;
}

const unresolved = (s: string) => s.includes('${') || s.includes('$(');

/** Gives each ConfigMap- or chart-held config the environment of the workloads that mount it. */
export function wireKubernetesEnv(manifests: readonly KubernetesTarget[], configs: readonly OpenClawTarget[]): void {
  const held = configs.filter((c) => c.manifest);
  if (!held.length) return;
  // Secrets and ConfigMaps of the repository by name: the keys an `envFrom` of them adds.
  const sources = new Map<string, string[]>();
  for (const m of manifests) {
    for (const d of m.documents) {
      if ((d.kind !== 'Secret' && d.kind !== 'ConfigMap') || !d.name || unresolved(d.name)) continue;
      const keys = [d.value.data, d.value.stringData].flatMap((x) => (isRecord(x) ? Object.keys(x) : []));
      sources.set(`${d.kind}/${d.name}`, [...(sources.get(`${d.kind}/${d.name}`) ?? []), ...keys]);
    }
  }
  for (const config of held) {
    const where = config.manifest!;
    const env: Env = { names: new Set(config.deployEnv ?? []), open: config.deployEnvOpen === true };
    let wired = false;
    for (const m of manifests) {
      if ('chart' in where && !m.file.startsWith(`${where.chart ? `${where.chart}/` : ''}templates/`)) continue;
      for (const d of m.documents) {
        const volumes = configVolumes(d, 'configMap' in where ? where.configMap : undefined);
        if (!volumes.size) continue;
        wired = true;
        addWorkloadEnv(d, volumes, sources, env);
      }
    }
    if (!wired) continue;
    if (env.names.size) config.deployEnv = [...env.names].sort();
    if (env.open) config.deployEnvOpen = true;
  }
}

/** The names of the pod's volumes that hold the ConfigMap `name` (any ConfigMap when undefined). */
function configVolumes(d: KubeDocument, name: string | undefined): Set<string> {
  const out = new Set<string>();
  const pod = d.workload?.pod;
  if (!pod || !Array.isArray(pod.volumes)) return out;
  const matches = (cm: unknown) => isRecord(cm) && (name === undefined ? true : cm.name === name);
  for (const v of pod.volumes) {
    if (!isRecord(v) || typeof v.name !== 'string') continue;
    const projected = isRecord(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : [];
    if (matches(v.configMap) || projected.some((s) => isRecord(s) && matches(s.configMap))) out.add(v.name);
  }
  return out;
}

function addWorkloadEnv(d: KubeDocument, volumes: ReadonlySet<string>, sources: ReadonlyMap<string, string[]>, env: Env): void {
  const main = (d.workload?.containers ?? []).filter((c) => !c.init);
  const mounting = main.filter((c) => Array.isArray(c.value.volumeMounts) && c.value.volumeMounts.some((m) => isRecord(m) && typeof m.name === 'string' && volumes.has(m.name)));
  for (const c of mounting.length ? mounting : main) {
    for (const e of Array.isArray(c.value.env) ? c.value.env : []) {
      if (!isRecord(e) || typeof e.name !== 'string' || unresolved(e.name)) continue;
      const value = e.value;
      const set = e.valueFrom !== undefined || (typeof value === 'string' ? value !== '' : value !== undefined && value !== null);
      if (set) env.names.add(e.name);
    }
    for (const f of Array.isArray(c.value.envFrom) ? c.value.envFrom : []) {
      if (!isRecord(f)) continue;
      const prefix = typeof f.prefix === 'string' ? f.prefix : '';
      for (const [kind, ref] of [
        ['Secret', f.secretRef],
        ['ConfigMap', f.configMapRef],
      ] as const) {
        if (!isRecord(ref)) continue;
        const keys = typeof ref.name === 'string' && !unresolved(ref.name) ? sources.get(`${kind}/${ref.name}`) : undefined;
        if (keys) for (const k of keys) env.names.add(prefix + k);
        else env.open = true;
      }
    }
  }
}
