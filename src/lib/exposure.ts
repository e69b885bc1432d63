/**
 * The one exposure model of containers, shared by compose services and Kubernetes pods: ports and mounts in their
 * long, typed form (model/target.ts `PortBinding`, `Mount`), and what a host path, a capability or a port gives a
 * container. The compose project builder (engine/assemble/compose) and the Kubernetes reader (engine/parse/
 * kubernetes.ts) normalise into these types; the compose and Kubernetes rules judge them with the functions
 * below, so "the Docker socket in a container" is one idea with two readers. Pure: no IO, no state.
 */
import { isRecord } from './json.js';

/** A severity, as model/severity.ts names them (lib imports nothing outside lib). */
type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** A port a container publishes, in the long form shared by compose services and Kubernetes pods. */
export interface PortBinding {
  /** Index in the source list (compose `ports:`, a container's `ports:`). */
  index: number;
  /** Host address as written after interpolation ('' when none: all interfaces). */
  hostIp: string;
  exposure: 'all' | 'loopback' | 'specific' | 'unknown';
  /** Published host port or range ('' when none is published or Docker picks one). */
  published: string;
  /** Container port or range. */
  target: string;
  protocol: string;
  /** Every port number the binding names, host or container side (ranges expanded, capped). */
  numbers: readonly number[];
  text: string;
}

/** A mount of a container, in the long form shared by compose services and Kubernetes pods. */
export interface Mount {
  /** Index in the source list (compose `volumes:`, a container's `volumeMounts:`). */
  index: number;
  type: 'bind' | 'volume' | 'anonymous' | 'tmpfs' | 'other';
  /** Host path as written after interpolation (binds, `hostPath`), or the volume name. */
  source: string;
  /** `source` normalised for matching: `~`, `$HOME`, `${HOME}` → `~`; `.`/`..` and duplicate `/` folded. */
  hostPath: string;
  target: string;
  readOnly: boolean;
  /** The host path still holds an unresolved variable. */
  unknown: boolean;
}

/** The OpenClaw gateway's default port, and the bridge beside it. */
export const GATEWAY_PORT = 18789;
export const BRIDGE_PORT = 18790;

/** A value still holding a variable nothing defines (left as written: unknown, never safe). */
export function isUnresolvedValue(v: unknown): boolean {
  return typeof v === 'string' && /\$(\{[A-Za-z_]|[A-Za-z_])/.test(v);
}

const truthy = (v: unknown) => v === true || (typeof v === 'string' && /^(true|yes|on|y)$/i.test(v.trim()));

// ---------------------------------------------------------------------------------------------------- ports

const UNRESOLVED_SPAN = /\$\{[^{}]{0,512}\}|\$[A-Za-z_][A-Za-z0-9_]{0,255}/g;

export function isLoopback(ip: string): boolean {
  const h = ip.replace(/^\[|\]$/g, '').toLowerCase();
  return /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1' || h === 'localhost' || /^::ffff:127\./.test(h);
}

export function exposureOf(ip: string): PortBinding['exposure'] {
  if (isUnresolvedValue(ip)) return 'unknown';
  const h = ip.replace(/^\[|\]$/g, '');
  if (h === '' || h === '0.0.0.0' || h === '::' || h === '*') return 'all';
  return isLoopback(h) ? 'loopback' : 'specific';
}

/** Every port number named by `8080` or `8000-8010` (ranges capped at 1,000). */
export function portNumbers(...parts: string[]): number[] {
  const out: number[] = [];
  for (const p of parts) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(p.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let n = a; n <= Math.min(b, a + 1000); n++) out.push(n);
  }
  return out;
}

/** One compose `ports:` entry in short (`[IP:][HOST:]CONTAINER[/proto]`, IPv6 bracketed or not) or long form. */
export function parsePort(entry: unknown, index: number): PortBinding | undefined {
  if (isRecord(entry)) {
    const hostIp = entry.host_ip === undefined || entry.host_ip === null ? '' : String(entry.host_ip);
    const published = entry.published === undefined || entry.published === null ? '' : String(entry.published);
    const target = String(entry.target ?? '');
    return { index, hostIp, exposure: exposureOf(hostIp), published, target, protocol: String(entry.protocol ?? 'tcp'), numbers: portNumbers(published, target), text: `${hostIp ? `${hostIp}:` : ''}${published}:${target}` };
  }
  if (typeof entry !== 'string' && typeof entry !== 'number') return undefined;
  const text = String(entry).trim();
  // Unresolved variables may contain ':' (`${A:?err}`); mask them so the split sees one opaque token each.
  const spans: string[] = [];
  const masked = text.replace(UNRESOLVED_SPAN, (m) => `\uE000${spans.push(m) - 1}\uE001`);
  const unmask = (s: string) => s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => spans[Number(i)] ?? '');
  const slash = masked.lastIndexOf('/');
  const protocol = slash === -1 ? 'tcp' : masked.slice(slash + 1);
  const body = slash === -1 ? masked : masked.slice(0, slash);
  let hostIp = '';
  let rest: string[];
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    hostIp = body.slice(0, close + 1);
    rest = body.slice(close + 2).split(':');
  } else {
    const parts = body.split(':');
    if (parts.length <= 2) rest = parts;
    else {
      rest = parts.slice(-2);
      hostIp = parts.slice(0, -2).join(':');
    }
  }
  const target = unmask(rest[rest.length - 1] ?? '');
  const published = rest.length > 1 ? unmask(rest[0] ?? '') : '';
  hostIp = unmask(hostIp);
  return { index, hostIp, exposure: exposureOf(hostIp), published, target, protocol: unmask(protocol), numbers: portNumbers(published, target), text };
}

// --------------------------------------------------------------------------------------------------- mounts

/** A host path normalised for matching: home spellings → `~`, no trailing or duplicate `/`, `.` segments folded. */
export function normaliseHostPath(p: string): string {
  let s = p.trim().replace(/^(\$\{HOME\}|\$HOME)(?=\/|$)/, '~');
  const abs = s.startsWith('/');
  const out: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '~') out.pop();
    else out.push(seg);
  }
  s = (abs ? '/' : '') + out.join('/');
  return s === '' ? (abs ? '/' : '.') : s;
}

/** `/a/b` is `/a` or inside it (path-boundary match, never a bare prefix: `/etcd` is not under `/etc`). */
export function isUnder(p: string, dir: string): boolean {
  return p === dir || (dir === '/' ? p.startsWith('/') : p.startsWith(`${dir}/`));
}

/** One compose `volumes:` entry, short (`SRC:DST[:MODE]`) or long form. */
export function parseMount(entry: unknown, index: number): Mount | undefined {
  if (isRecord(entry)) {
    const type = String(entry.type ?? 'volume');
    const source = entry.source === undefined || entry.source === null ? '' : String(entry.source);
    const kind: Mount['type'] = type === 'bind' ? 'bind' : type === 'volume' ? (source ? 'volume' : 'anonymous') : type === 'tmpfs' ? 'tmpfs' : 'other';
    const hostPath = kind === 'bind' ? normaliseHostPath(source) : source;
    return { index, type: kind, source, hostPath, target: String(entry.target ?? ''), readOnly: truthy(entry.read_only), unknown: isUnresolvedValue(hostPath) };
  }
  if (typeof entry !== 'string') return undefined;
  const masked: string[] = [];
  const text = entry.replace(UNRESOLVED_SPAN, (m) => `\uE000${masked.push(m) - 1}\uE001`);
  const unmask = (s: string) => s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => masked[Number(i)] ?? '');
  const parts = text.split(':').map(unmask);
  if (parts.length === 1) return { index, type: 'anonymous', source: '', hostPath: '', target: parts[0] ?? '', readOnly: false, unknown: false };
  const source = parts[0] ?? '';
  const mode = parts[2] ?? '';
  const bind = /^[./~]/.test(source) || (isUnresolvedValue(source) && !/^[A-Za-z0-9][\w.-]*$/.test(source));
  const hostPath = bind ? normaliseHostPath(source) : source;
  return { index, type: bind ? 'bind' : 'volume', source, hostPath, target: parts[1] ?? '', readOnly: mode.split(',').includes('ro'), unknown: bind && isUnresolvedValue(hostPath) };
}

/**
 * A compose service's mounts. With the project's top-level `volumes:`, a named volume declared with
 * `driver_opts: { o: bind, device: /path }` (the local driver's hidden bind mount) is the bind it is.
 */
export function composeMounts(volumes: unknown, declaredVolumes: unknown): Mount[] {
  const list = Array.isArray(volumes) ? volumes : [];
  const declared = isRecord(declaredVolumes) ? declaredVolumes : {};
  return list.flatMap((v, i) => {
    const m = parseMount(v, i);
    if (!m || m.type !== 'volume') return m ?? [];
    const decl = declared[m.source];
    const opts = isRecord(decl) ? decl.driver_opts : undefined;
    if (!isRecord(opts) || typeof opts.device !== 'string' || !String(opts.o ?? '').split(',').includes('bind')) return m;
    const hostPath = normaliseHostPath(opts.device);
    return { ...m, type: 'bind' as const, hostPath, unknown: isUnresolvedValue(hostPath) };
  });
}

// ------------------------------------------------------------------------------------------ what a mount gives

/** Container-engine API sockets: whoever can talk to one can start a privileged container on the host. */
const SOCKET = /(^|\/)(docker|podman|containerd|cri-dockerd|crio)\.sock$/;
/** Folders that hold the Docker socket on Linux: mounting them mounts the socket. */
const SOCKET_DIRS = ['/var/run', '/run', '/var/run/docker', '/run/docker', '/run/containerd', '/run/podman'];

/** Whether a host path is a container-engine socket (`socket`) or a folder holding one (`folder`). */
export function engineSocket(hostPath: string): 'socket' | 'folder' | undefined {
  if (SOCKET.test(hostPath)) return 'socket';
  return SOCKET_DIRS.includes(hostPath) ? 'folder' : undefined;
}

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

function homeAliases(p: string): string {
  // /home/<user>/.ssh is the same credential folder as ~/.ssh.
  return p.replace(/^\/home\/[^/]+\/\./, '~/.');
}

/**
 * What a bind mount of a host system or credential folder gives the container, graded by impact (undefined when
 * nothing worth reporting; the engine's socket and its folders are `engineSocket`'s, not graded here).
 */
export function sensitiveHostPath(hostPath: string, readOnly: boolean): { severity: Severity; why: string } | undefined {
  const p = homeAliases(hostPath);
  const rw = readOnly ? 'read-only' : 'writable';
  if (p === '/') return readOnly ? { severity: 'high', why: "the host's whole file system, with every secret on it" } : { severity: 'critical', why: "the host's whole file system, writable: the container owns the host" };
  if (['/var/run', '/run'].some((d) => isUnder(p, d))) return undefined;
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

// ----------------------------------------------------------------------------------------------- capabilities

/**
 * Capabilities outside Docker's default set, graded by what they give: ALL / SYS_ADMIN / SYS_MODULE are a
 * container escape in one step; the next tier reads any file, any process or raw devices; the last weakens
 * the host in narrower ways. Default-set capabilities (CHOWN, NET_BIND_SERVICE, …) are not graded.
 */
const CAPABILITY_GRADES: Readonly<Record<string, Severity>> = {
  ALL: 'critical',
  SYS_ADMIN: 'critical',
  SYS_MODULE: 'critical',
  SYS_PTRACE: 'high',
  DAC_READ_SEARCH: 'high',
  SYS_RAWIO: 'high',
  BPF: 'high',
  MAC_ADMIN: 'high',
  MAC_OVERRIDE: 'high',
  NET_ADMIN: 'medium',
  SYS_BOOT: 'medium',
  SYS_TIME: 'medium',
  SYSLOG: 'medium',
  LINUX_IMMUTABLE: 'medium',
  PERFMON: 'medium',
  AUDIT_CONTROL: 'medium',
  SYS_RESOURCE: 'medium',
  IPC_LOCK: 'low',
  SYS_NICE: 'low',
  WAKE_ALARM: 'low',
  BLOCK_SUSPEND: 'low',
  LEASE: 'low',
  NET_BROADCAST: 'low',
  SYS_PACCT: 'low',
  SYS_TTY_CONFIG: 'low',
  CHECKPOINT_RESTORE: 'medium',
};

/** A capability as written (`SYS_ADMIN`, `CAP_SYS_ADMIN`, `sys_admin`) → its name and grade (undefined: default set). */
export function capabilityGrade(written: string): { cap: string; severity: Severity } | undefined {
  const cap = written.trim().toUpperCase().replace(/^CAP_/, '');
  const severity = CAPABILITY_GRADES[cap];
  return severity ? { cap, severity } : undefined;
}
