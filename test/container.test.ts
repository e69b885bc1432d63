/**
 * The container image's Dockerfile: the invariants users rely on (a base pinned by digest, a non-root user, the
 * `gatewarden` entrypoint in exec form, /src as the working directory that pre-commit and `docker run -v` mount), and
 * only committed, self-contained files copied in (nothing installed from npm). Building needs a Docker daemon,
 * which CI does not have; the release workflow builds it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const instructions = DockerfileParser.parse(text).getInstructions();
const all = (k: string) => instructions.filter((i) => i.getKeyword() === k).map((i) => i.getArgumentsContent() ?? '');
const last = (k: string) => all(k).at(-1);

describe('Dockerfile', () => {
  it('has one stage, from Node 24, pinned by a sha256 digest', () => {
    expect(all('FROM')).toHaveLength(1);
    expect(all('FROM')[0]).toMatch(/^node:24(-[a-z0-9.]+)?@sha256:[0-9a-f]{64}$/);
  });

  it('runs as a named non-root user', () => {
    const user = last('USER');
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    // The USER line comes after every RUN, so nothing the image runs at start is root.
    const lines = instructions.map((i) => i.getKeyword());
    expect(lines.lastIndexOf('USER')).toBeGreaterThan(lines.lastIndexOf('RUN'));
  });

  it('enters `gatewarden` in exec form, in /src', () => {
    expect(JSON.parse(last('ENTRYPOINT') ?? 'null')).toEqual(['gatewarden']);
    expect(last('WORKDIR')).toBe('/src');
  });

  it('copies only committed files that need no install (the CLI and worker bundles, their notices, the licence)', () => {
    const sources = all('COPY').flatMap((c) => c.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1));
    expect(sources.sort()).toEqual(['LICENSE', 'dist/THIRD_PARTY_NOTICES.md', 'dist/cli.js', 'dist/worker.js']);
    expect(text).not.toMatch(/\bnpm (ci|install)\b/);
    expect(all('ADD')).toEqual([]);
  });
});
