import { defineRule } from '../../src/model/rule.js';
import { isPlaceholder } from '../../src/lib/placeholders.js';
import { isLiteralSecretValue } from '../_shared/compose-secrets.js';
import { isLiteralSecret, secretReport } from '../_shared/deploy-secrets.js';
import { plainEnv } from '../_shared/paas.js';

const WHERE = { fly: 'fly.toml [env]', render: 'render.yaml envVars', railway: 'railway config', kamal: 'Kamal env.clear', azure: 'this Bicep file' } as const;

export default defineRule({
  id: 'paas.plaintext_secret',
  title: "Secret written in a platform config's plain environment",
  severity: 'high',
  appliesTo: ['paas'],
  description:
    "The plain environment of a platform config (`[env]` in fly.toml, `envVars[].value` in render.yaml, `env.clear` in Kamal's deploy.yml, `deploy.env` in railway.json, in Azure Bicep a `@secure()` parameter's default, a Container App's `secrets[].value` or a container's `env[].value`) is committed with the repository and shown in the platform's dashboard and logs; platforms keep secrets elsewhere for that reason (`fly secrets set`, Render's `sync: false` or `generateValue`, Kamal's `env.secret` from `.kamal/secrets`, Railway variables, a Bicep `@secure()` parameter without a default, given at deployment or read from Key Vault with `getSecret()`). A value under a secret's name (`OPENCLAW_GATEWAY_TOKEN`, `*_API_KEY`, `*_PASSWORD`, Bicep's `gatewayToken`), or declared a secret by the file (`@secure()`, `secrets:`), that is written out, not a placeholder or an expression, is reported.",
  remediation: 'Rotate the credential and move it to the platform\'s secret store: `fly secrets set NAME=…`, `sync: false` in render.yaml (the value set in the dashboard), `env.secret: [NAME]` in Kamal with the value in `.kamal/secrets`, a Railway variable.',
  references: ['https://fly.io/docs/apps/secrets/', 'https://render.com/docs/blueprint-spec#environment-variables', 'https://kamal-deploy.org/docs/configuration/environment-variables/'],
  tags: ['paas', 'secrets', 'CWE-798'],
  precision: 'medium',
  check(target, ctx) {
    for (const v of plainEnv(target)) {
      if (!(v.declaredSecret ? isLiteralSecretValue(v.value) && !isPlaceholder(v.value) : isLiteralSecret(v.name, v.value))) continue;
      ctx.report({ at: { kind: 'path', path: v.path }, message: `${v.name} is written in ${WHERE[target.platform]}: a secret committed with the repository and shown in the platform's dashboard.`, ...secretReport(`${target.file}:${v.name}`, v.value) });
    }
  },
});
