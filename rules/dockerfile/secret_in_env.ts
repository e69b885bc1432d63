import { defineRule } from '../../src/model/rule.js';
import { isLiteralSecretValue, isSecretName, looksRandom } from '../_shared/compose-secrets.js';
import { envProperties } from '../_shared/dockerfile.js';

export default defineRule({
  id: 'dockerfile.secret_in_env',
  title: 'Secret in ENV or ARG',
  severity: 'high',
  appliesTo: ['dockerfile'],
  description:
    "`ENV` values are stored in the image's configuration and `ARG` values in its build history: anyone who can pull the image reads them with `docker inspect` / `docker history`. A literal secret (`ENV OPENCLAW_GATEWAY_TOKEN=…`) is committed and shipped: high for generated-looking values, medium for short or dictionary ones. A secret-named `ARG` or `ENV` without a literal value (`ARG NPM_TOKEN`, `ENV API_KEY=$API_KEY`) is medium: the value passed at build time ends up in the image all the same.",
  remediation: 'Use BuildKit secrets, which never reach a layer: `RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci`, built with `docker build --secret id=npm_token,env=NPM_TOKEN`. Pass runtime secrets at run time (`environment:` from an uncommitted `.env`, or Compose `secrets:`).',
  references: ['https://docs.docker.com/build/building/secrets/', 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/'],
  tags: ['dockerfile', 'secrets', 'CWE-798'],
  precision: 'medium',
  messages: {
    literal: '{{keyword}} {{name}} holds a literal secret: it is stored in the image and committed here.',
    passed: '{{keyword}} {{name}} passes a secret through the build: its value ends up in the image ({{visibleIn}}).',
  },
  check(target, ctx) {
    for (const p of envProperties(target.dockerfile)) {
      if (!isSecretName(p.name)) continue;
      const value = p.value?.replace(/^["']|["']$/g, '');
      if (value !== undefined && isLiteralSecretValue(value)) {
        ctx.report({ at: p.valueAt ?? p.at, messageId: 'literal', data: { keyword: p.keyword, name: p.name }, severity: looksRandom(value) ? 'high' : 'medium', secret: value, key: `${p.keyword}:${p.name}` });
      } else {
        ctx.report({ at: p.at, messageId: 'passed', data: { keyword: p.keyword, name: p.name, visibleIn: p.keyword === 'ARG' ? 'docker history' : 'docker inspect' }, severity: 'medium', key: `${p.keyword}:${p.name}` });
      }
    }
  },
});
