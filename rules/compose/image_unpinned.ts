import { defineRule } from '../../src/model/rule.js';
import { imageTag, isUnresolved, str } from '../_shared/compose.js';

/** Tags that move by design. */
const MOVING = /^(latest|stable|edge|main|master|nightly|dev|develop|beta|alpha|canary|next|current|lts|release|rolling)$/i;

export default defineRule({
  id: 'compose.image_unpinned',
  title: 'Image not pinned',
  severity: 'low',
  appliesTo: ['compose_project'],
  description:
    "An image without a tag, with `latest` or another moving tag (`stable`, `edge`, `main`, …) changes under you: a `docker compose pull` can bring a new release with different defaults, or a compromised upstream push, with no change in the repository. When the image comes from a variable (`${OPENCLAW_IMAGE:-openclaw:2026.9.6}`), whoever sets the variable decides what runs; that is reported as info. A digest (`@sha256:…`) is the only real pin. This is supply-chain hygiene that fires on many files, so it is low.",
  remediation: 'Pin a release tag, and best a digest: `image: ghcr.io/openclaw/openclaw:2026.9.6@sha256:<digest>`. Let a bot (Renovate, Dependabot) raise updates as reviewed changes.',
  references: ['https://docs.docker.com/reference/compose-file/services/#image', 'https://docs.docker.com/dockerhub/image-library/trusted-content/#pin-image-digests'],
  tags: ['compose', 'supply-chain', 'CWE-494'],
  precision: 'high',
  messages: {
    unresolved: 'Service "{{service}}" runs an image named only by a variable that the repository does not set ({{image}}).',
    untagged: 'Service "{{service}}" runs {{image}}, which has no tag (latest): what runs can change without a change here.',
    moving_tag: 'Service "{{service}}" runs {{image}}, a moving tag: what runs can change without a change here.',
    overridable: 'Service "{{service}}" runs {{image}} by default, but a variable can replace the image ({{written}}).',
  },
  check(target, ctx) {
    for (const svc of target.services) {
      const image = str(svc, 'image');
      const raw = typeof svc.raw.image === 'string' ? svc.raw.image : undefined;
      if (!image) continue;
      if (isUnresolved(image)) {
        ctx.report({ at: svc.at(['image']), messageId: 'unresolved', data: { service: svc.name, image }, severity: 'info', properties: { service: svc.name } });
        continue;
      }
      const { tag, digest } = imageTag(image);
      if (digest) continue;
      // A local build names its own image (`image: app` with `build:`): nothing is pulled.
      if (svc.value.build !== undefined && raw === image) continue;
      const moving = tag === undefined || MOVING.test(tag);
      if (moving) {
        ctx.report({
          at: svc.at(['image']),
          messageId: tag === undefined ? 'untagged' : 'moving_tag',
          data: { service: svc.name, image },
          properties: { service: svc.name, image },
        });
      } else if (raw !== undefined && [...raw.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?-/g)].some((m) => !Object.hasOwn(target.env, m[1] ?? ''))) {
        ctx.report({
          at: svc.at(['image']),
          messageId: 'overridable',
          data: { service: svc.name, image, written: raw },
          severity: 'info',
          properties: { service: svc.name, image },
        });
      }
    }
  },
});
