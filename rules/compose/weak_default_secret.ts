import { defineRule } from '../../src/model/rule.js';
import type { PathSegment } from '../../src/model/location.js';
import { isRecord } from '../../src/lib/json.js';
import { isSecretName, isWeakSecret } from '../_shared/compose-secrets.js';

/** `${NAME:-default}` / `${NAME-default}` with a literal default (not another reference). */
const DEFAULTED = /\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}$]+)\}/g;

function* strings(v: unknown, path: PathSegment[], depth = 0): Generator<[PathSegment[], string]> {
  if (depth > 8) return;
  if (typeof v === 'string') yield [path, v];
  else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* strings(v[i], [...path, i], depth + 1);
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) yield* strings(x, [...path, k], depth + 1);
}

export default defineRule({
  id: 'compose.weak_default_secret',
  title: 'Secret falls back to a default written in the compose file',
  severity: 'high',
  appliesTo: ['compose_project'],
  description:
    "`${POSTGRES_PASSWORD:-changeme}` runs with `changeme` whenever the variable is not set: a forgotten `.env` silently deploys a known password. A guessable default (`changeme`, `admin`, `password`, …) is high; any other literal default of a secret is medium: it is a committed credential that runs by default. The default is reported only when the repository's `.env` beside the compose file does not set the variable (then the default is what runs).",
  remediation: 'Make the variable required instead: `${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}`, so Compose refuses to start without it.',
  references: ['https://docs.docker.com/reference/compose-file/interpolation/', 'https://cwe.mitre.org/data/definitions/1393.html'],
  tags: ['compose', 'secrets', 'CWE-1393'],
  precision: 'high',
  messages: {
    guessable: 'Service "{{service}}" falls back to a guessable default for {{variable}} when it is not set.',
    committed: 'Service "{{service}}" falls back to a default for {{variable}} when it is not set (a committed credential).',
  },
  check(target, ctx) {
    for (const svc of target.services) {
      for (const [path, text] of strings(svc.raw, [])) {
        const key = String(path[path.length - 1] ?? '');
        for (const m of text.matchAll(DEFAULTED)) {
          const name = m[1] ?? '';
          const def = (m[2] ?? '').trim();
          if (def === '' || Object.hasOwn(target.env, name)) continue;
          if (!isSecretName(name) && !(typeof path[path.length - 1] === 'string' && isSecretName(key))) continue;
          const weak = isWeakSecret(def);
          ctx.report({
            at: svc.at(path),
            messageId: weak ? 'guessable' : 'committed',
            data: { service: svc.name, variable: name },
            severity: weak ? 'high' : 'medium',
            // A guessable default (`changeme`, `postgres`) is public knowledge, not a leaked value, and the same
            // word often names the image; only a non-guessable literal is a committed credential to redact.
            ...(weak ? {} : { secret: def }),
            key: `${svc.name}:${name}`,
            properties: { service: svc.name, variable: name },
          });
        }
      }
    }
  },
});
