import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';
import { atPath } from '../_shared/kubernetes.js';

const KEYS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;
const ID = { hostNetwork: 'host_network', hostPID: 'host_pid', hostIPC: 'host_ipc' } as const;

export default defineRule({
  id: 'kubernetes.host_namespace',
  title: "Pod shares the node's network, process or IPC namespace",
  severity: 'high',
  appliesTo: ['kubernetes'],
  description:
    "`hostNetwork: true` puts the pod on the node's network: the gateway's port listens on the node's addresses (bypassing Services and NetworkPolicies) and the pod reaches every service bound to the node's loopback. `hostPID: true` lets it see and signal every process on the node; `hostIPC: true` shares the node's shared memory. The same as compose's `network_mode: host` / `pid: host` / `ipc: host`. Read in manifests, Helm templates and a chart's `values.yaml` (top-level `hostNetwork`).",
  remediation: 'Remove the setting. Publish the gateway through a `ClusterIP` Service reached by an authenticated Ingress, a port-forward or a tailnet sidecar.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  tags: ['kubernetes', 'container-escape', 'CWE-250'],
  precision: 'very-high',
  messages: {
    host_network: '{{kind}} "{{name}}" runs on the node\'s network (hostNetwork: true): its ports listen on the node\'s addresses.',
    host_pid: '{{kind}} "{{name}}" shares the node\'s process namespace (hostPID: true).',
    host_ipc: '{{kind}} "{{name}}" shares the node\'s IPC namespace (hostIPC: true).',
  },
  check(target, ctx) {
    for (const doc of target.documents) {
      const w = doc.workload;
      if (!w) continue;
      for (const key of KEYS) if (w.pod[key] === true) ctx.report({ at: atPath([...w.podPath, key]), messageId: ID[key], data: { kind: doc.kind, name: doc.name } });
    }
    if (target.helm === 'values' && isRecord(target.values))
      for (const key of KEYS) if (target.values[key] === true) ctx.report({ at: atPath([0, key]), messageId: ID[key], data: { kind: 'Chart values', name: key } });
  },
});
