import { defineRule } from '../../src/model/rule.js';
import type { HclExpr } from '../../src/model/target.js';
import { isLiteralSecret, secretReport } from '../_shared/deploy-secrets.js';

export default defineRule({
  id: 'terraform.literal_secret',
  title: 'Secret written as a literal in Terraform',
  severity: 'high',
  appliesTo: ['terraform'],
  description:
    "A token, password or API key written as the `default` of a `variable`, as a value in a `*.tfvars` file, or as an attribute of a `provider` block is committed with the repository and copied into every plan and state file. Only values are reported, never references (`var.x`, `data.aws_secretsmanager_secret_version…`, `${…}`); placeholders (`YOUR_TOKEN`, `<token>`, `change-me`) are left out. Values that look generated are high, typed ones medium.",
  remediation:
    'Rotate the credential. Declare the variable without a default and `sensitive = true`, and pass the value at apply time (`TF_VAR_name` from the CI secret store, an uncommitted `*.auto.tfvars`), or read it from a secret manager data source.',
  references: ['https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output', 'https://cwe.mitre.org/data/definitions/798.html'],
  tags: ['terraform', 'secrets', 'CWE-798'],
  precision: 'medium',
  check(target, ctx) {
    const report = (name: string, e: HclExpr, where: string) => {
      if (e.kind === 'object') {
        for (const item of e.items) report(item.key, item.value, `${where}.${item.key}`);
        return;
      }
      if ((e.kind !== 'string' || e.template) && e.kind !== 'heredoc') return;
      if (!isLiteralSecret(name, e.value)) return;
      ctx.report({
        at: { kind: 'range', start: e.start, end: e.end },
        message: `${where} is a literal secret; it is committed with the repository and copied into every plan and state file.`,
        ...secretReport(`${target.file}:${where}`, e.value),
        properties: { name },
      });
    };
    if (target.tfvars) for (const a of target.body.attributes) report(a.name, a.expr, a.name);
    for (const b of target.body.blocks) {
      const label = b.labels[0]?.value ?? '';
      if (b.type === 'variable') {
        const d = b.body.attributes.find((a) => a.name === 'default');
        if (d) report(label, d.expr, `var.${label} (default)`);
      } else if (b.type === 'provider') for (const a of b.body.attributes) report(a.name, a.expr, `provider "${label}" ${a.name}`);
    }
  },
});
