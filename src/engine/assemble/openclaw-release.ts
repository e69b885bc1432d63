/**
 * The OpenClaw release each config is deployed with (`OpenClawTarget.release`): read here because it joins files.
 * In order: an OpenClaw image the repository runs (compose `image:`, Dockerfile `FROM`), an `openclaw`
 * dependency in a `package.json`, the config's `meta.lastTouchedVersion`. An image counts for a config when its
 * file is in the config's directory or above it (a compose file at the root runs the configs below it; one in a
 * sibling folder is another deployment), the nearest first; or, when the repository has one OpenClaw image only,
 * wherever it is (`deploy/docker-compose.yml` mounting `../openclaw.json`). Unknown = no release set (rules read
 * the latest line). docs/openclaw-schema.md, "Target version".
 */
import { openclawImageRelease, packageJsonRelease, releaseOf } from '../../lib/openclaw-release.js';
import type { OpenClawRelease, OpenClawTarget } from '../../model/target.js';
import type { SharedTargets } from './shared-targets.js';

interface Candidate extends OpenClawRelease {
  dir: string;
}

const dirOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
/** How deep the directory shared by two files is (-1: none but the root). */
function shared(a: string, b: string): number {
  const x = a === '' ? [] : a.split('/');
  const y = b === '' ? [] : b.split('/');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/** `a` is `b` or one of its parents. */
const above = (a: string, b: string) => a === b || a === '' || b.startsWith(`${a}/`);

export function assignReleases(project: SharedTargets, readRepoFile: (rel: string) => string | undefined): void {
  const images: Candidate[] = [];
  const add = (file: string, image: unknown) => {
    if (typeof image !== 'string') return;
    const v = openclawImageRelease(image);
    if (v) images.push({ version: v, source: 'image', file, text: image.trim(), dir: dirOf(file) });
  };
  for (const c of project.targets('compose')) {
    const services = (c.value as { services?: unknown } | null)?.services;
    if (services && typeof services === 'object') for (const svc of Object.values(services)) add(c.file, (svc as { image?: unknown } | null)?.image);
  }
  for (const d of project.targets('dockerfile')) {
    for (const line of d.text.split('\n')) {
      const words = line.trim().split(/\s+/);
      if (words[0]?.toUpperCase() !== 'FROM') continue;
      add(d.file, words.slice(1).find((w) => !w.startsWith('--')));
    }
  }
  const packages = new Map<string, Candidate | undefined>();
  const packageFor = (dir: string): Candidate | undefined => {
    // The nearest package.json up from the config's directory.
    for (let d = dir; ; d = d.includes('/') ? dirOf(d) : '') {
      if (!packages.has(d)) {
        const file = d === '' ? 'package.json' : `${d}/package.json`;
        const text = project.contexts.get(file)?.text ?? readRepoFile(file);
        const v = text !== undefined ? packageJsonRelease(text) : undefined;
        packages.set(d, v ? { version: v, source: 'package', file, text: `"openclaw": "${v}"`, dir: d } : undefined);
      }
      const found = packages.get(d);
      if (found || d === '') return found;
    }
  };
  const configs = project.targets('openclaw') as OpenClawTarget[];
  for (const t of configs) {
    const dir = dirOf(t.file);
    let best: Candidate | undefined;
    for (const c of images) if (above(c.dir, dir) && (!best || shared(c.dir, dir) > shared(best.dir, dir))) best = c;
    if (!best && new Set(images.map((i) => `${i.file}\n${i.version}`)).size === 1) best = images[0];
    const meta = (t.value as { meta?: { lastTouchedVersion?: unknown } } | null)?.meta?.lastTouchedVersion;
    const metaVersion = typeof meta === 'string' ? releaseOf(meta) : undefined;
    const chosen: OpenClawRelease | undefined = best ?? packageFor(dir) ?? (metaVersion ? { version: metaVersion, source: 'meta', file: t.file, text: `meta.lastTouchedVersion "${metaVersion}"` } : undefined);
    if (chosen) t.release = { version: chosen.version, source: chosen.source, file: chosen.file, text: chosen.text };
  }
}
