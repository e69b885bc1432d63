import { defineRule } from '../../src/model/rule.js';
import { imageTag } from '../_shared/compose.js';
import { stages } from '../_shared/dockerfile.js';

export default defineRule({
  id: 'dockerfile.image_unpinned',
  title: 'Base image not pinned',
  severity: 'low',
  appliesTo: ['dockerfile'],
  description:
    '`FROM image` without a tag, or with `:latest`, builds on whatever the registry serves that day: a rebuild can pull a new major version or a compromised push with no change in the repository. `ARG` defaults declared before `FROM` are substituted (`FROM node:${NODE_VERSION}` is judged on the default); every `FROM` is checked, not just the first; `scratch` and earlier stage names are skipped. A digest (`@sha256:…`) is the real pin. Supply-chain hygiene that fires often: low.',
  remediation: 'Pin a version tag, best with its digest: `FROM node:22.11.0-bookworm-slim@sha256:<digest>`, and let Renovate or Dependabot propose updates.',
  references: ['https://docs.docker.com/reference/dockerfile/#from', 'https://docs.docker.com/build/building/best-practices/#from'],
  tags: ['dockerfile', 'supply-chain', 'CWE-494'],
  precision: 'high',
  messages: {
    untagged: 'FROM {{image}}{{written}} has no tag, so it means latest: the base image changes without a change here.',
    latest: 'FROM {{image}}{{written}} uses the latest tag: the base image changes without a change here.',
  },
  check(target, ctx) {
    const all = stages(target.dockerfile);
    for (const s of all) {
      if (s.image.toLowerCase() === 'scratch' || /\$/.test(s.image)) continue;
      if (all.some((o) => o.alias !== undefined && o.index < s.index && o.alias.toLowerCase() === s.image.toLowerCase())) continue;
      const { tag, digest } = imageTag(s.image);
      if (digest || (tag !== undefined && tag.toLowerCase() !== 'latest')) continue;
      ctx.report({ at: s.at, messageId: tag === undefined ? 'untagged' : 'latest', data: { image: s.image, written: s.image !== s.written ? ` (from ${s.written})` : '' } });
    }
  },
});
