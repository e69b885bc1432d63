import type { Severity } from '../../src/model/severity.js';
import { defineRule } from '../../src/model/rule.js';
import { isUnder, mounts } from '../_shared/compose.js';

/** Credentials live here: read access alone is the leak. Matched with everything below them. */
const CREDENTIALS = ['~/.ssh', '~/.aws', '~/.docker', '~/.gnupg', '~/.kube', '~/.config/gcloud', '~/.azure', '~/.netrc', '~/.git-credentials', '~/.npmrc', '~/.pypirc', '/root', '/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/etc/sudoers.d', '/etc/ssh', '/etc/docker', '/etc/kubernetes'];
/** Every container's files and volumes (databases, secrets). Matched with everything below them. */
const CONTAINER_DATA = ['/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet'];
/** Whole system folders, matched exactly: an application's own folder below them (`/etc/pihole`) is not reported. */
const SYSTEM = ['/etc', '/usr', '/var', '/home', '~', '/opt', '/srv', '/lib', '/lib64', '/bin', '/sbin'];
/** Places where a write runs code on the host or changes who can log in: matched with everything below them. */
const HOST_CODE = ['/boot', '/dev', '/bin', '/sbin', '/lib/modules', '/usr/lib/modules', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/lib', '/lib/systemd', '/etc/systemd', '/etc/cron.d', '/etc/crontab', '/etc/cron.daily', '/etc/cron.hourly', '/etc/init.d', '/etc/rc.local', '/etc/profile', '/etc/profile.d', '/etc/ld.so.preload', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/passwd', '/etc/group', '/etc/pam.d', '/etc/sysctl.conf', '/etc/sysctl.d', '/etc/environment', '/etc/apt', '/etc/yum.repos.d'];
/** Kernel interfaces: monitoring agents read them (low); writing them changes the running kernel (high). */
const KERNEL = ['/proc', '/sys'];
/** Files every container may read (time zone, CA certificates, OS release), and shared memory. */
const HARMLESS_RO = ['/etc/localtime', '/etc/timezone', '/usr/share/zoneinfo', '/etc/ssl/certs', '/etc/ca-certificates', '/etc/pki/ca-trust', '/etc/os-release', '/usr/lib/os-release', '/etc/machine-id', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/sys/fs/cgroup', '/dev/shm'];
/** Reported by compose.docker_socket_mount instead. */
const SOCKET_DIRS = ['/var/run', '/run'];

function homeAliases(p: string): string {
  // /home/<user>/.ssh is the same credential folder as ~/.ssh.
  return p.replace(/^\/home\/[^/]+\/\./, '~/.');
}

function grade(hostPath: string, readOnly: boolean): { severity: Severity; why: string } | undefined {
  const p = homeAliases(hostPath);
  const rw = readOnly ? 'read-only' : 'writable';
  if (p === '/') return readOnly ? { severity: 'high', why: "the host's whole file system, with every secret on it" } : { severity: 'critical', why: "the host's whole file system, writable: the container owns the host" };
  if (SOCKET_DIRS.some((d) => isUnder(p, d))) return undefined;
  if (HARMLESS_RO.some((d) => isUnder(p, d)) && (readOnly || p === '/dev/shm')) return undefined;
  const cred = CREDENTIALS.find((d) => isUnder(p, d));
  if (cred) return { severity: 'high', why: `credentials are kept in ${cred}` };
  const data = CONTAINER_DATA.find((d) => isUnder(p, d));
  if (data) return { severity: readOnly ? 'medium' : 'high', why: `${data} holds every container's files and volumes (${rw})` };
  const kernel = KERNEL.find((d) => isUnder(p, d));
  if (kernel) return readOnly ? { severity: 'low', why: `${kernel} read-only shows host processes and kernel state` } : { severity: 'high', why: `${kernel} writable changes the host's kernel settings` };
  const code = HOST_CODE.find((d) => isUnder(p, d));
  if (code && !readOnly) return { severity: 'high', why: `writing to ${code} runs code on the host or changes its logins` };
  const sys = SYSTEM.find((d) => p === d);
  if (sys) return { severity: readOnly ? 'medium' : 'high', why: `the whole ${sys === '~' ? 'home folder' : sys} of the host (${rw})` };
  return undefined;
}

export default defineRule({
  id: 'compose.sensitive_host_mount',
  title: 'Sensitive host path mounted',
  severity: 'high',
  appliesTo: ['compose_project'],
  description:
    "A bind mount of a host system or credential folder gives the container what the folder holds. Graded by impact: the host root `/` writable is critical; credential folders (`~/.ssh`, `~/.aws`, `~/.docker`, `~/.kube`, `/root`, `/etc/shadow`, …, also as `/home/<user>/…` or `$HOME/…`) are high even read-only; a whole system folder (`/etc`, `/usr`, `/var`, the home folder) is high writable, medium read-only; places the host executes or trusts (`/boot`, `/dev`, `/lib/modules`, `/etc/systemd`, `/etc/passwd`, …) are high writable; `/var/lib/docker` is high writable, medium read-only; `/proc` and `/sys` read-only are low (monitoring agents). Paths match on folder boundaries (`/etcd` is not `/etc`); an application's own folder (`/etc/pihole`) and read-only harmless files (`/etc/localtime`) are not reported. A path holding an unset variable cannot be judged and is skipped; a default (`${DATA:-/etc}`) is judged.",
  remediation: 'Mount only the folder the service needs, read-only where possible (`./config:/app/config:ro`), and keep credentials out of containers: pass them as Compose `secrets:`.',
  references: ['https://docs.docker.com/reference/compose-file/services/#volumes', 'https://docs.docker.com/engine/storage/bind-mounts/'],
  tags: ['compose', 'container-escape', 'CWE-668'],
  precision: 'high',
  check(target, ctx) {
    for (const svc of target.services) {
      for (const m of mounts(svc, target)) {
        if (m.type !== 'bind' || m.unknown) continue;
        const g = grade(m.hostPath, m.readOnly);
        if (!g) continue;
        ctx.report({
          at: svc.at(['volumes', m.index]),
          message: `Service "${svc.name}" mounts ${m.source === m.hostPath ? m.source : `${m.source} (${m.hostPath})`}: ${g.why}.`,
          severity: g.severity,
          properties: { service: svc.name, hostPath: m.hostPath, readOnly: m.readOnly },
        });
      }
    }
  },
});
