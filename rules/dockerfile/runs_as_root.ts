import { defineRule } from '../../src/model/rule.js';
import { effectiveUser, isRootUser } from '../_shared/dockerfile.js';

/** Base images that already run unprivileged, so a Dockerfile without USER is fine. */
const NON_ROOT_BASE = /^(ghcr\.io\/openclaw\/openclaw|(docker\.io\/)?openclaw\/openclaw|gcr\.io\/distroless\/[\w./-]+:(nonroot|debug-nonroot)[\w.-]*|cgr\.dev\/chainguard\/[\w.-]+)(:|@|$)/;

export default defineRule({
  id: 'dockerfile.runs_as_root',
  title: 'Image runs as root',
  severity: 'medium',
  appliesTo: ['dockerfile'],
  description:
    "The final stage's last `USER` decides who the container runs as. `USER root` / `USER 0` at the end is medium: every process of the container is root, and root after an escape is root on the host. No `USER` at all is low: the base image decides, and most (including `node`) run as root, but it cannot be seen from here. Earlier build stages are not reported (they do not run), a final stage built `FROM` an earlier stage inherits that stage's user, and base images known to run unprivileged (the official OpenClaw image, distroless `nonroot`, Chainguard) are not reported.",
  remediation: 'End the final stage with an unprivileged user: `USER node` in Node images, or create one (`RUN useradd -r -u 10001 app` then `USER 10001`).',
  references: ['https://docs.docker.com/reference/dockerfile/#user', 'https://docs.docker.com/build/building/best-practices/#user'],
  tags: ['dockerfile', 'hardening', 'CWE-250'],
  precision: 'high',
  messages: {
    root_user: '{{file}} ends with USER {{user}}: the container runs as root.',
    no_user: '{{file}} sets no USER in its final stage: it runs as the base image\'s user ({{baseImage}}), root for most images.',
  },
  check(target, ctx) {
    const u = effectiveUser(target.dockerfile);
    if (!u) return;
    if (u.user !== undefined) {
      if (isRootUser(u.user)) ctx.report({ at: u.at, messageId: 'root_user', data: { file: target.file, user: u.user } });
      return;
    }
    if (NON_ROOT_BASE.test(u.baseImage) || u.baseImage === 'scratch') return;
    ctx.report({ at: u.at, messageId: 'no_user', data: { file: target.file, baseImage: u.baseImage }, severity: 'low' });
  },
});
