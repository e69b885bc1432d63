/**
 * Helpers for Kubernetes rules: every container of every workload in a manifest with its pod, the effective
 * security settings (container over pod), and which containers run the OpenClaw gateway. A value a Helm template
 * fills in is a `${…}` reference (read/template.ts): unknown, never reported as set or unset.
 */
import { isRecord } from '../../src/lib/json.js';
import type { Anchor, PathSegment } from '../../src/model/location.js';
import type { KubeContainer, KubeDocument, KubernetesTarget, KubeWorkload } from '../../src/model/target.js';
import { gatewayCommand } from './openclaw-cli.js';

export interface ContainerIn {
  doc: KubeDocument;
  workload: KubeWorkload;
  container: KubeContainer;
}

export function containers(target: KubernetesTarget): ContainerIn[] {
  return target.documents.flatMap((doc) => (doc.workload ? doc.workload.containers.map((container) => ({ doc, workload: doc.workload as KubeWorkload, container })) : []));
}

export const atPath = (path: readonly PathSegment[]): Anchor => ({ kind: 'path', path });

/** A value a template fills in (`${…}` after neutralising) or left to the chart's values. */
export function isUnknown(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

/** `securityContext[key]` of the container, else of the pod (for the keys pods also take), with its path. */
export function security(c: ContainerIn, key: string): { value: unknown; path: readonly PathSegment[] } | undefined {
  const own = c.container.value.securityContext;
  if (isRecord(own) && key in own) return { value: own[key], path: [...c.container.path, 'securityContext', key] };
  const pod = c.workload.pod.securityContext;
  if (isRecord(pod) && key in pod) return { value: pod[key], path: [...c.workload.podPath, 'securityContext', key] };
  return undefined;
}

/** The container's command line: `command` then `args` (a `sh -c "…"` string is split on spaces). */
export function commandLine(c: KubeContainer): string[] {
  const words = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
  return [...words(c.value.command), ...words(c.value.args)].flatMap((w) => w.split(/\s+/).filter(Boolean));
}

/** A container that runs the OpenClaw gateway: its command line, or an OpenClaw image with no other command. */
export function isGatewayContainer(c: KubeContainer): boolean {
  const cmd = commandLine(c);
  if (gatewayCommand(cmd)) return true;
  if (cmd.length && !cmd.includes('gateway')) return false;
  const image = typeof c.value.image === 'string' ? c.value.image : '';
  return /(^|\/)openclaw(-docker|-gateway)?(:|@|$)/.test(image.replace(/\$\{[^{}]{0,512}\}/g, ''));
}

/** The container's environment as `name → value` (literal values only; `valueFrom` gives `{ from }`). */
export function env(c: KubeContainer): Map<string, { value: string | undefined; index: number }> {
  const out = new Map<string, { value: string | undefined; index: number }>();
  (Array.isArray(c.value.env) ? c.value.env : []).forEach((e, index) => {
    if (isRecord(e) && typeof e.name === 'string') out.set(e.name, { value: e.value === undefined || e.value === null ? undefined : String(e.value), index });
  });
  return out;
}
