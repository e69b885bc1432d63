import path from 'node:path';
import { defineRule } from '../../src/model/rule.js';
import type { ComposeService, DockerfileTarget } from '../../src/model/target.js';
import { isRecord } from '../../src/lib/json.js';
import { isTruthy, str } from '../_shared/compose.js';
import { effectiveUser, isRootUser } from '../_shared/dockerfile.js';

/**
 * Images known to run as a non-root user, or to drop to one in their entrypoint (the official database images
 * start as root only to fix permissions, then `gosu` to their own user).
 */
const NON_ROOT_IMAGES = /^((docker\.io\/)?(library\/)?(postgres|redis|mysql|mariadb|mongo|rabbitmq|couchdb|cassandra|memcached)|ghcr\.io\/openclaw\/openclaw|(docker\.io\/)?openclaw\/openclaw|openclaw|(docker\.io\/)?bitnami\/[\w.-]+|grafana\/grafana(-oss|-enterprise)?|(quay\.io\/)?prom\/[\w.-]+|quay\.io\/prometheus\/[\w.-]+|docker\.elastic\.co\/[\w.-]+\/[\w.-]+|gcr\.io\/distroless\/[\w./-]+:nonroot|cgr\.dev\/chainguard\/[\w.-]+)(:|@|$)/;

/** The Dockerfile a `build:` section uses, when the scan parsed it. */
function builtDockerfile(svc: ComposeService, dockerfiles: readonly DockerfileTarget[]): DockerfileTarget | undefined {
  const build = svc.value.build;
  if (!isRecord(build) || typeof build.context !== 'string' || build.context.includes('://')) return undefined;
  const dir = path.posix.dirname(svc.fileOf(['build']));
  const file = path.posix.normalize(path.posix.join(dir, build.context, typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile'));
  return dockerfiles.find((d) => d.file === file);
}

export default defineRule({
  id: 'compose.runs_as_root',
  title: 'Container runs as root',
  severity: 'medium',
  appliesTo: ['compose_project'],
  description:
    "A process running as root in the container is root on the host as soon as it escapes (a kernel bug, a writable host mount, the Docker socket), and can change anything inside the container meanwhile. `user: root` / `user: \"0\"`, or a built Dockerfile whose final stage ends with `USER root`, is medium. With no `user:` at all the image decides: images known to run unprivileged (the official OpenClaw image, database images that drop to their own user, Bitnami, Prometheus, Grafana) and Dockerfiles in the repository that end with a non-root `USER` are not reported; any other image, or a built Dockerfile without `USER`, is reported as low, because most images default to root but the repository cannot show it.",
  remediation: 'Run as an unprivileged user: `user: "1000:1000"` (or the image\'s own user, e.g. `node`), and give that user ownership of the mounted folders. In your own Dockerfile, end with `USER <non-root>`.',
  references: ['https://docs.docker.com/reference/compose-file/services/#user', 'https://docs.docker.com/engine/security/userns-remap/'],
  tags: ['compose', 'hardening', 'CWE-250'],
  precision: 'medium',
  messages: {
    root_user: 'Service "{{service}}" runs as root (user: {{user}}).',
    dockerfile_root: 'Service "{{service}}" is built from {{dockerfile}}, which ends with USER {{user}}: it runs as root.',
    dockerfile_no_user: 'Service "{{service}}" is built from {{dockerfile}}, which sets no USER: it runs as its base image\'s user, root for most images.',
    no_user: 'Service "{{service}}" sets no user: it runs as {{defaultUser}}, root for most images.',
  },
  check(target, ctx) {
    const dockerfiles = ctx.project.targets('dockerfile');
    for (const svc of target.services) {
      if (isTruthy(svc.value.privileged)) continue;
      const user = str(svc, 'user');
      if (user !== undefined) {
        if (isRootUser(user)) ctx.report({ at: svc.at(['user']), messageId: 'root_user', data: { service: svc.name, user }, properties: { service: svc.name } });
        continue;
      }
      const built = builtDockerfile(svc, dockerfiles);
      if (built) {
        const e = effectiveUser(built.dockerfile);
        const u = e?.user !== undefined ? e : undefined;
        if (u && !isRootUser(u.user)) continue;
        ctx.report({
          at: svc.at(['build']),
          ...(u ? { messageId: 'dockerfile_root', data: { service: svc.name, dockerfile: built.file, user: u.user } } : { messageId: 'dockerfile_no_user', data: { service: svc.name, dockerfile: built.file } }),
          ...(u ? {} : { severity: 'low' as const }),
          properties: { service: svc.name },
        });
        continue;
      }
      const image = str(svc, 'image') ?? '';
      if (NON_ROOT_IMAGES.test(image)) continue;
      ctx.report({
        at: svc.at([], 'key'),
        messageId: 'no_user',
        data: { service: svc.name, defaultUser: image ? `the default user of ${image}` : "the image's default user" },
        severity: 'low',
        properties: { service: svc.name },
      });
    }
  },
});
