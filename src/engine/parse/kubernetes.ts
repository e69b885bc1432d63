/**
 * Kubernetes manifests (multi-document YAML with `apiVersion` and `kind`), Helm templates (the same, expressions
 * neutralised to unknown `${…}` values by read/template.ts) and Helm `values.yaml`. Each workload's pod spec is
 * read into containers with their ports and mounts in the long form shared with compose (lib/exposure.ts).
 * A ConfigMap holding an OpenClaw config (`openclaw.json:` key) yields an `openclaw` target mapped back into
 * this file. Anchors are paths whose first segment is the document's index.
 */
import { isMap, isScalar, parseAllDocuments, type Document, type Scalar } from 'yaml';
import { exposureOf, normaliseHostPath, isUnresolvedValue, portNumbers } from '../../lib/exposure.js';
import { isRecord } from '../../lib/json.js';
import { neutraliseShellReferences } from '../read/template.js';
import type { PathSegment } from '../../model/location.js';
import type { KubeContainer, KubeDocument, KubernetesTarget, KubeWorkload } from '../../model/target.js';
import { embedHeredoc, isConfigPath, type Embedded } from './embedded.js';
import { offsetMap, reframer } from './embed-yaml.js';
import { parseJson5 } from './json5.js';
import { LineIndex } from './lines.js';
import type { PathResolver } from './locator.js';
import { SourceBuilder } from './shell.js';
import { pushScalar } from './shell-sources.js';
import { flowDepth, MAX_ALIAS_COUNT, MAX_YAML_DEPTH, yamlResolver } from './yaml.js';

/** More documents than this in one file is not a manifest anyone wrote by hand: refused with a parse error. */
export const MAX_YAML_DOCUMENTS = 1000;

export class KubernetesParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** The pod spec's path in each workload kind. */
const POD_SPEC: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function parseKubernetes(file: string, text: string, helm: KubernetesTarget['helm']): { target: KubernetesTarget; resolver: PathResolver; embedded: Embedded[] } {
  const flow = flowDepth(text, MAX_YAML_DEPTH);
  if (flow.depth > MAX_YAML_DEPTH) throw new KubernetesParseError(`YAML nested deeper than ${MAX_YAML_DEPTH} levels`, flow.line, flow.column);
  // A quick count before parsing: the parser would build every document first.
  let separators = 0;
  for (let i = text.indexOf('\n---'); i !== -1 && separators <= MAX_YAML_DOCUMENTS; i = text.indexOf('\n---', i + 4)) separators++;
  if (separators >= MAX_YAML_DOCUMENTS) throw new KubernetesParseError(`more than ${MAX_YAML_DOCUMENTS} YAML documents in one file: not checked`);
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: false, logLevel: 'error' });
  const list: Document[] = Array.isArray(docs) ? docs : [];
  const documents: KubeDocument[] = [];
  const embedded: Embedded[] = [];
  let values: unknown;
  for (const [index, doc] of list.entries()) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      throw new KubernetesParseError(/Maximum call stack/.test(err.message) ? 'YAML nested too deeply to check' : (err.message.split('\n')[0] ?? err.message), pos?.line, pos?.col);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw new KubernetesParseError(`YAML rejected: ${String((e as Error).message).split('\n')[0]}`);
    }
    if (helm === 'values' && index === 0) {
      values = value;
      embedded.push(...valuesConfigs(file, text, doc, value));
    }
    if (!isRecord(value) || typeof value.kind !== 'string') continue;
    const kind = value.kind;
    const meta = isRecord(value.metadata) ? value.metadata : {};
    const d: KubeDocument = { index, apiVersion: String(value.apiVersion ?? ''), kind, name: String(meta.name ?? ''), value, ...workloadOf(index, kind, value) };
    documents.push(d);
    if (kind === 'ConfigMap') embedded.push(...configMapConfigs(file, text, doc, d.name));
  }
  const resolver: PathResolver = (path, part) => {
    const doc = list[Number(path[0])];
    return doc ? yamlResolver(doc)(path.slice(1), part) : undefined;
  };
  return { target: { kind: 'kubernetes', file, text, documents, ...(helm ? { helm } : {}), ...(values !== undefined ? { values } : {}) }, resolver, embedded };
}

function get(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}

function workloadOf(index: number, kind: string, value: Record<string, unknown>): { workload?: KubeWorkload } {
  const specPath = POD_SPEC[kind];
  const pod = specPath && get(value, specPath);
  if (!specPath || !isRecord(pod)) return {};
  const podPath: PathSegment[] = [index, ...specPath];
  const volumes = new Map<string, { value: Record<string, unknown>; index: number }>();
  (Array.isArray(pod.volumes) ? pod.volumes : []).forEach((v, i) => {
    if (isRecord(v) && typeof v.name === 'string') volumes.set(v.name, { value: v, index: i });
  });
  const containers: KubeContainer[] = [];
  for (const [key, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    const list = Array.isArray(pod[key]) ? pod[key] : [];
    list.forEach((c, ci) => {
      if (!isRecord(c)) return;
      const path = [...podPath, key, ci];
      containers.push({ name: String(c.name ?? ''), init, path, value: c, mounts: mountsOf(c, path, volumes, podPath), ports: portsOf(c, path) });
    });
  }
  return { workload: { podPath, pod, containers } };
}

function mountsOf(c: Record<string, unknown>, path: readonly PathSegment[], volumes: Map<string, { value: Record<string, unknown>; index: number }>, podPath: readonly PathSegment[]): KubeContainer['mounts'] {
  const out: KubeContainer['mounts'][number][] = [];
  (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((m, index) => {
    if (!isRecord(m)) return;
    const vol = volumes.get(String(m.name ?? ''));
    const hostPath = vol && isRecord(vol.value.hostPath) && typeof vol.value.hostPath.path === 'string' ? vol.value.hostPath.path : undefined;
    const readOnly = m.readOnly === true;
    const target = String(m.mountPath ?? '');
    if (hostPath !== undefined) {
      const normal = normaliseHostPath(hostPath);
      // Reported where the host path is written: the pod's volume.
      out.push({ index, type: 'bind', source: hostPath, hostPath: normal, target, readOnly, unknown: isUnresolvedValue(normal), path: [...podPath, 'volumes', vol?.index ?? 0, 'hostPath', 'path'] });
    } else out.push({ index, type: vol ? 'volume' : 'other', source: String(m.name ?? ''), hostPath: String(m.name ?? ''), target, readOnly, unknown: false, path: [...path, 'volumeMounts', index] });
  });
  return out;
}

function portsOf(c: Record<string, unknown>, path: readonly PathSegment[]): KubeContainer['ports'] {
  const out: KubeContainer['ports'][number][] = [];
  (Array.isArray(c.ports) ? c.ports : []).forEach((p, index) => {
    if (!isRecord(p)) return;
    const target = p.containerPort === undefined ? '' : String(p.containerPort);
    const published = p.hostPort === undefined || p.hostPort === null ? '' : String(p.hostPort);
    const hostIp = p.hostIP === undefined ? '' : String(p.hostIP);
    out.push({ index, hostIp, exposure: exposureOf(hostIp), published, target, protocol: String(p.protocol ?? 'TCP').toLowerCase(), numbers: portNumbers(published, target), text: `${published ? `${published}:` : ''}${target}`, path: [...path, 'ports', index] });
  });
  return out;
}

/** `data: { openclaw.json: | … }` in a ConfigMap: the config as a target of its own, mapped back into this file. */
function configMapConfigs(file: string, text: string, doc: Document, name: string): Embedded[] {
  const data = doc.get('data', true);
  if (!isMap(data)) return [];
  const out: Embedded[] = [];
  for (const pair of data.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!isConfigPath(key) || !isScalar(pair.value)) continue;
    const b = new SourceBuilder();
    pushScalar(b, text, pair.value as Scalar);
    const src = b.build(text.length);
    // A value that is one template expression (`{{ $cfg | toJson }}`, neutralised to `${…}`) is unknown: not a config.
    if (/^\s*\$\{[^}]*\}\s*$/.test(src.text)) continue;
    // In an envsubst manifest a bare `"port": ${PORT}` is filled in before the config is read: quoted, same length, so
    // the config parses with that value unknown (read/template.ts); a config that parses as written is left alone.
    const body = ENVSUBST.test(file) && !parseJson5(src.text).ok ? neutraliseShellReferences(src.text) : src.text;
    const range = { start: (pair.key as Scalar).range?.[0] ?? 0, end: (pair.value as Scalar).range?.[1] ?? 0 };
    const e = embedHeredoc(file, text, { body, start: src.at(0) }, offsetMap(src.text.length, src.at), key, range, 'ConfigMap key');
    if (e.target.kind === 'openclaw') e.target.manifest = { configMap: name };
    out.push(e);
  }
  return out;
}

/** An envsubst template of a manifest (`deployment.yaml.envsubst`, read/classify.ts). */
const ENVSUBST = /\.envsubst$/i;

/** Where charts conventionally keep the OpenClaw config they render into openclaw.json. */
const CONFIG_KEYS: readonly (readonly string[])[] = [['config'], ['config', 'data'], ['openclaw'], ['openclaw', 'config'], ['openclawConfig']];
/**
 * The sections every OpenClaw config is about: a block holding one of them is a config. Charts also keep their
 * own settings under such keys (`tools`, `plugins` for what to install), so those alone do not make one.
 */
const OPENCLAW_SECTIONS = ['gateway', 'agents', 'channels'];

/** A chart's `values.yaml` block that is an OpenClaw config (`config:`), checked by the config rules on these lines. */
function valuesConfigs(file: string, text: string, doc: Document, value: unknown): Embedded[] {
  const out: Embedded[] = [];
  const resolve = yamlResolver(doc);
  for (const prefix of CONFIG_KEYS) {
    const sub = get(value, prefix);
    // Chart settings (`openclaw: { image, resources, … }`) are not the config, even when they hold a `gateway:` block.
    if (!isRecord(sub) || !OPENCLAW_SECTIONS.some((k) => isRecord(sub[k])) || ['image', 'resources', 'replicas', 'replicaCount'].some((k) => k in sub)) continue;
    const range = resolve(prefix, 'key') ?? [0, 0];
    const line = new LineIndex(text).position(range[0]).line;
    out.push({
      target: { kind: 'openclaw', file, text, value: sub, authored: sub, includes: [], origin: (p) => ({ file, path: p }), embedded: { origin: 'heredoc', line }, manifest: { chart: file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '' } },
      reframe: reframer(file, text, (i) => i, (p, part) => resolve([...prefix, ...p], part), { start: range[0], end: range[1] }),
    });
    break;
  }
  return out;
}
