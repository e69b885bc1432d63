import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';
import { isLiteralSecret, secretReport } from '../_shared/deploy-secrets.js';

export default defineRule({
  id: 'ansible.plaintext_secret',
  title: 'Secret written in plain text in Ansible variables',
  severity: 'high',
  appliesTo: ['ansible'],
  description:
    "A token, password or API key written as a plain value in a role's `defaults/` or `vars/`, in `group_vars/`/`host_vars/`, or in a play's `vars:` is committed with the repository; Ansible Vault exists so that it is not. Values encrypted with `!vault`, Jinja expressions (`{{ lookup('env', …) }}`, `{{ vault_token }}`) and placeholders are not reported.",
  remediation: "Rotate the credential and encrypt it: `ansible-vault encrypt_string` (a `!vault` value), or read it at run time (`{{ lookup('env', 'OPENCLAW_GATEWAY_TOKEN') }}`, a secret manager lookup).",
  references: ['https://docs.ansible.com/ansible/latest/vault_guide/index.html', 'https://cwe.mitre.org/data/definitions/798.html'],
  tags: ['ansible', 'secrets', 'CWE-798'],
  precision: 'medium',
  check(target, ctx) {
    const walk = (v: unknown, path: PathSegment[], depth: number) => {
      if (!isRecord(v) || depth > 10) return;
      for (const [k, x] of Object.entries(v)) {
        if (isRecord(x)) walk(x, [...path, k], depth + 1);
        else if ((typeof x === 'string' || typeof x === 'number') && isLiteralSecret(k, String(x))) {
          ctx.report({ at: { kind: 'path', path: [...path, k] }, message: `Ansible variable ${k} holds a secret in plain text: it is committed with the repository.`, ...secretReport(`${target.file}:${[...path, k].join('.')}`, String(x)) });
        }
      }
    };
    if (target.role === 'vars') walk(target.value, [], 0);
    else if (Array.isArray(target.value)) target.value.forEach((play, i) => isRecord(play) && walk(play.vars, [i, 'vars'], 0));
  },
});
