import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isReference } from '../_shared/values.js';

export default defineRule({
  id: 'dotenv.committed',
  title: 'A .env file is committed',
  severity: 'high',
  appliesTo: ['dotenv'],
  description:
    'A `.env` file holds the deployment\'s real values: provider API keys, bot tokens, the gateway token. Committed, it is readable by everyone with access to the repository and to every clone and fork, and it stays in git history after the file is deleted.',
  remediation:
    'Rotate every secret the file held first (deleting the file does not un-leak them). Then `git rm --cached <file>`, add `.env` and `.env.*` (with `!.env.example`) to `.gitignore`, and commit a `.env.example` with placeholder values instead. Rewrite history with `git filter-repo --invert-paths --path <file>` if the repository was ever shared.',
  references: ['https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file', 'https://github.com/newren/git-filter-repo'],
  tags: ['secrets', 'dotenv', 'CWE-538'],
  precision: 'high',
  history: true,
  check(target, ctx) {
    if (target.template) return;
    const literal = target.entries.filter((e) => e.value.trim() !== '' && !isReference(e.value));
    if (literal.length === 0 && target.entries.length > 0) return; // only references (op://, ${VAR}): not a leak
    const holdsValues = literal.length > 0;
    ctx.report({
      at: at.file(),
      severity: holdsValues ? 'high' : 'low',
      message: holdsValues
        ? `${target.file} is in the repository with ${literal.length} literal value${literal.length === 1 ? '' : 's'}; anyone who can read the repository or its history can read them.`
        : `${target.file} is in the repository (empty for now); the next value written to it will be committed too.`,
      key: 'file',
      properties: { literalValues: literal.length },
    });
  },
});
