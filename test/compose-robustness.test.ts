/**
 * Never a crash: arbitrary service shapes (wrong types, nulls, nested junk, variables everywhere) go through the
 * project builder and every compose rule without an exception, and every anchor points into a project file.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import type { Anchor } from '../src/model/location.js';
import { parsed, projects } from './compose-helpers.js';
import { contextWithoutTokens } from '../src/engine/check/runner.js';

const scalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 12 }), fc.constantFrom('${X}', '${X:-/etc}', '$$', '${', '0.0.0.0:1:2', '[::1]:80:80', '/var/run/docker.sock:/s', '~/.ssh:/k', 'host', 'ALL', '--token', 'gateway'));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'target', 'source', 'host_ip', 'published', 'type', 'read_only'), tie('v'), { maxKeys: 3 })),
})).v;
const KEYS = ['image', 'ports', 'volumes', 'environment', 'command', 'entrypoint', 'cap_add', 'cap_drop', 'security_opt', 'user', 'privileged', 'pid', 'network_mode', 'devices', 'build', 'extends', 'env_file', 'deploy', 'use_api_socket'] as const;
const service = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 });

describe('compose robustness', () => {
  it('builds projects and runs every compose rule on arbitrary services', () => {
    const rules = RULES.filter((r) => (r.appliesTo as string[]).includes('compose_project'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c'), service, { minKeys: 1, maxKeys: 3 }), service, (base, override) => {
        const files = { 'compose.yaml': stringify({ services: base }), 'compose.override.yaml': stringify({ services: { a: override } }) };
        for (const p of projects(files)) {
          for (const rule of rules) {
            const anchors: Anchor[] = [];
            rule.check(p, contextWithoutTokens((r) => anchors.push(r.at), p.kind));
            for (const a of anchors) expect(p.files).toContain(a.file);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('dockerfile robustness', () => {
  it('runs every Dockerfile rule on arbitrary instruction soup without an exception', () => {
    const rules = RULES.filter((r) => (r.appliesTo as string[]).includes('dockerfile'));
    const line = fc.oneof(
      fc.constantFrom('FROM', 'FROM node', 'FROM ${X}', 'FROM a AS b', 'FROM b', 'USER', 'USER root', 'USER 0:0', 'ARG', 'ARG A=', 'ENV', 'ENV TOKEN', 'ENV A B C', 'ADD', 'ADD http://x', 'CMD', 'CMD [', 'CMD ["gateway","--bind"]', 'ENTRYPOINT gateway --bind=lan', 'RUN curl x | sh', 'RUN \\', '# c', ''),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        const [target] = parsed({ Dockerfile: text }).dockerfile;
        for (const rule of rules) rule.check(target!, contextWithoutTokens(() => undefined, 'dockerfile'));
      }),
      { numRuns: 60 },
    );
  });
});
