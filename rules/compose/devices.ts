import type { Severity } from '../../src/model/severity.js';
import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';
import { normaliseHostPath } from '../_shared/compose.js';

/** Raw memory, disks and the kernel log: reading or writing them is reading or writing the host. */
const HIGH = /^\/dev(\/(mem|kmem|port|kmsg|(sd|hd|vd|xvd)[a-z]+\d*|nvme\d+(n\d+)?(p\d+)?|mmcblk\d+(p\d+)?|dm-\d+|mapper(\/.*)?|loop\d*|disk(\/.*)?|md\d+|cpu(\/.*)?|bus\/usb(\/.*)?))?$/;
/** GPUs, TUN, FUSE, sound, cameras: the usual reasons to map a device; narrow. */
const LOW = /^\/dev\/(dri(\/.*)?|net\/tun|fuse|snd(\/.*)?|video\d+|nvidia\d*|nvidiactl|nvidia-uvm(-tools)?|nvidia-modeset|ttyUSB\d+|ttyACM\d+|hidraw\d+|input(\/.*)?|kvm|sgx.*)$/;

function grade(host: string): Severity {
  if (HIGH.test(host)) return 'high';
  if (LOW.test(host)) return 'low';
  return 'medium';
}

export default defineRule({
  id: 'compose.devices',
  title: 'Host device mapped into the container',
  severity: 'medium',
  appliesTo: ['compose_project'],
  description:
    'A `devices:` entry gives the container direct access to host hardware. Disks (`/dev/sda`, `/dev/nvme0n1`), raw memory (`/dev/mem`), the kernel log (`/dev/kmsg`) or all of `/dev` are high: they read or overwrite the host. GPUs, `/dev/net/tun`, `/dev/fuse`, sound and cameras are the usual narrow needs and are low. Anything else is medium.',
  remediation: 'Map only the device the service needs, read-only where possible (`/dev/dri:/dev/dri:r`), and never disks or memory.',
  references: ['https://docs.docker.com/reference/compose-file/services/#devices'],
  tags: ['compose', 'container-escape', 'CWE-250'],
  precision: 'high',
  check(target, ctx) {
    const list = (svc: (typeof target.services)[number]) => (Array.isArray(svc.value.devices) ? svc.value.devices : []);
    for (const svc of target.services) {
      list(svc).forEach((d, index) => {
        const host = typeof d === 'string' ? d.split(':')[0] ?? '' : isRecord(d) ? String(d.source ?? '') : '';
        // CDI names (`nvidia.com/gpu=all`) are vendor-managed device sets, not host paths.
        if (!host.startsWith('/')) return;
        const path = normaliseHostPath(host);
        ctx.report({
          at: svc.at(['devices', index]),
          message: `Service "${svc.name}" maps the host device ${path}.`,
          severity: grade(path),
          properties: { service: svc.name, device: path },
        });
      });
    }
  },
});
