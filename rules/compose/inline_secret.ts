import { defineRule } from '../../src/model/rule.js';
import type { ComposeService } from '../../src/model/target.js';
import type { PathSegment } from '../../src/model/location.js';
import { argv } from '../_shared/compose.js';
import { isRecord } from '../../src/lib/json.js';
import { isLiteralSecretValue, isSecretName, isWeakSecret, looksRandom } from '../_shared/compose-secrets.js';

/** `--token x`, `--password=x`, `--api-key x`, `--auth-token x`, … on a command line. */
const SECRET_FLAG = /^--?[\w-]*(token|password|passwd|secret|api-?key|apikey|private-key|access-key)$/i;

interface Literal {
  path: PathSegment[];
  name: string;
  value: string;
  where: string;
}

function literals(svc: ComposeService): Literal[] {
  const out: Literal[] = [];
  const maps: [PathSegment[], unknown, string][] = [
    [['environment'], svc.raw.environment, 'environment'],
    [['build', 'args'], isRecord(svc.raw.build) ? svc.raw.build.args : undefined, 'build argument'],
  ];
  for (const [base, map, where] of maps) {
    if (!isRecord(map)) continue;
    for (const [name, v] of Object.entries(map)) {
      if ((typeof v === 'string' || typeof v === 'number') && isSecretName(name) && isLiteralSecretValue(String(v))) out.push({ path: [...base, name], name, value: String(v), where });
    }
  }
  for (const key of ['command', 'entrypoint']) {
    const raw = svc.raw[key];
    const args = argv(raw);
    args.forEach((a, i) => {
      const eq = a.indexOf('=');
      const [flagName, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
      if (!SECRET_FLAG.test(flagName)) return;
      const value = inline ?? args[i + 1];
      if (value === undefined || value.startsWith('-') || !isLiteralSecretValue(value)) return;
      // The list form has one node per argument; the string form is one scalar.
      const idx = inline !== undefined ? i : i + 1;
      out.push({ path: Array.isArray(raw) ? [key, idx] : [key], name: flagName, value, where: `${key} flag` });
    });
  }
  return out;
}

export default defineRule({
  id: 'compose.inline_secret',
  title: 'Secret written in the compose file',
  severity: 'high',
  appliesTo: ['compose_project'],
  description:
    "A password, token or API key written as a literal in `environment:`, `build.args` or a `command:` flag (`--token …`) is committed with the file, visible to everyone with read access to the repository and its history, printed by `docker compose config` and `docker inspect`, and (for build args) baked into the image history. Values that look generated (16+ characters, mixed classes) are high; short or dictionary values are medium: still a committed credential, and one that is easy to guess. References (`${TOKEN}`, `/run/secrets/…`) are not reported; defaults inside references are `compose.weak_default_secret`'s.",
  remediation:
    'Rotate the credential, then reference it instead: `OPENCLAW_GATEWAY_TOKEN: ${OPENCLAW_GATEWAY_TOKEN}` with the value in an uncommitted `.env`, or a Compose `secrets:` entry read from a file. For build-time secrets use `docker build --secret`, never `args`.',
  references: ['https://docs.docker.com/compose/how-tos/use-secrets/', 'https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/', 'https://cwe.mitre.org/data/definitions/798.html'],
  tags: ['compose', 'secrets', 'CWE-798'],
  precision: 'medium',
  check(target, ctx) {
    for (const svc of target.services) {
      for (const l of literals(svc)) {
        ctx.report({
          at: svc.at(l.path),
          // A password equal to the service name ("gitea") would be redacted out of the message; leave the name out.
          message: `${svc.name.includes(l.value) ? 'A service' : `Service "${svc.name}"`} has a literal secret in ${l.where} ${l.name}; it is committed with the file.`,
          severity: looksRandom(l.value) ? 'high' : 'medium',
          // A guessable value (`123456`, `changeme`) is public knowledge: it is fingerprinted by its place, and
          // not treated as a value to redact (it also occurs in unrelated text: ids, image names).
          ...(isWeakSecret(l.value) ? { key: `${svc.name}:${l.name}` } : { secret: l.value }),
          properties: { service: svc.name, name: l.name },
        });
      }
    }
  },
});
