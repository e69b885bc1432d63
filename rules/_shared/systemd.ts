/** Helpers for systemd unit rules: the gateway's unit, its effective settings (unit + drop-ins). */
import type { ProjectView, Span, SystemdTarget, UnitDirective } from '../../src/model/target.js';
import { gatewayCommand } from './openclaw-cli.js';

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const dir = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

export function isDropIn(t: SystemdTarget): boolean {
  return /\.service\.d$/.test(dir(t.writtenTo ?? t.file));
}

/**
 * A user unit: runs as the user who enables it, `User=` does not apply. Known by its folder
 * (`~/.config/systemd/user/`, `systemd/user/`) or, wherever it is kept, by what only a user unit says: installed
 * into `default.target` (system services go into `multi-user.target`) or home paths written `%h`, with no `User=`
 * (a system unit with `User=` may use `%h` for that user's home).
 */
export function isUserUnit(t: SystemdTarget): boolean {
  if (/(^|\/)systemd\/user(\/|$)/.test(dir(t.writtenTo ?? t.file))) return true;
  if (t.directives.some((d) => d.section === 'Service' && (d.key === 'User' || d.key === 'DynamicUser'))) return false;
  return t.directives.some((d) => (d.section === 'Install' && d.key === 'WantedBy' && /(^|\s)default\.target(\s|$)/.test(d.value)) || (d.section === 'Service' && /%h(\/|$|\s)/.test(d.value)));
}

/**
 * The words a command line runs, with a shell's `-c` script split into words (`/bin/bash -c 'exec node
 * …/openclaw/dist/index.js gateway --bind lan'`): enough to see which program it starts and with which flags.
 * Each word of the script keeps the script's range.
 */
export function commandWords(words: readonly Span[]): readonly Span[] {
  const first = words[0]?.value ?? '';
  if (!/(^|\/)(ba|da|z|k)?sh$/.test(first)) return words;
  const c = words.findIndex((w, k) => k > 0 && /^-[a-z]+$/.test(w.value) && w.value.includes('c'));
  const script = c === -1 ? undefined : words[c + 1];
  if (!script) return words;
  return script.value.split(/[\s;&|]+/).filter((v) => v && v !== 'exec').map((value) => ({ ...script, value: value.replace(/^["']|["']$/g, '') }));
}

/** The unit's directives followed by those of its drop-ins (`<name>.service.d/*.conf`), in the order systemd applies them. */
export function effectiveDirectives(t: SystemdTarget, project: ProjectView): UnitDirective[] {
  const dropIns = project
    .targets('systemd')
    .filter((d) => d !== t && dir(d.file).endsWith(`${base(t.file)}.d`) && dir(dir(d.file)) === dir(t.file))
    .sort((a, b) => (base(a.file) < base(b.file) ? -1 : 1));
  return [...t.directives, ...dropIns.flatMap((d) => d.directives)];
}

/** The last `[Service]` assignment of a key (later assignments override earlier ones), or undefined. */
export function serviceSetting(directives: readonly UnitDirective[], key: string): UnitDirective | undefined {
  let found: UnitDirective | undefined;
  for (const d of directives) if (d.section === 'Service' && d.key === key) found = d.value === '' ? undefined : d;
  return found;
}

/** The `ExecStart=` (or `ExecStartPre=` …) lines that start the OpenClaw gateway, with the index of the gateway flags. */
export function gatewayExecs(directives: readonly UnitDirective[]): { directive: UnitDirective; words: readonly Span[] }[] {
  return directives
    .filter((d) => d.section === 'Service' && d.key === 'ExecStart')
    .map((d) => ({ directive: d, words: commandWords(d.words.map((w, k) => (k === 0 ? { ...w, value: w.value.replace(/^[-@:+!]+/, '') } : w))) }))
    // `ExecStart=/usr/bin/docker run … openclaw gateway`: the gateway runs in a container, the unit only runs the client.
    .filter((e) => !/(^|\/)(docker|podman|nerdctl|docker-compose)$/.test(e.words[0]?.value ?? '') && gatewayCommand(e.words.map((w) => w.value)));
}

/** The unit runs the OpenClaw gateway (a full unit, not a drop-in). */
export function isGatewayUnit(t: SystemdTarget, project: ProjectView): boolean {
  return !isDropIn(t) && gatewayExecs(effectiveDirectives(t, project)).length > 0;
}

export function serviceSection(t: SystemdTarget): Span | undefined {
  return t.sections.find((s) => s.value === 'Service');
}

export const isYes = (v: string | undefined) => v !== undefined && /^(1|yes|true|on)$/i.test(v.trim());
