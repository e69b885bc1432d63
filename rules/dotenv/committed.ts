import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isSecretLikeName, OPENCLAW_SECRET_ENV } from '../_shared/secret-names.js';
import { isLiteralSecretCandidate } from '../../src/lib/placeholders.js';
import { isReference } from '../../src/lib/variables.js';

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
  // A provider token under any name makes the file one with secrets (`ctx.tokens.holds`).
  usesTokens: true,
  messages: {
    secrets: '{{file}} is in the repository with secret values ({{literals}} in all); anyone who can read the repository or its history can read them. Rotate them and remove the file from git and its history.',
    settings: '{{file}} is in the repository (no secret in it yet: settings or placeholders); the next secret written to it will be committed too.',
    empty: '{{file}} is in the repository (empty for now); the next value written to it will be committed too.',
  },
  check(target, ctx) {
    if (target.template) return;
    // dotenvx's public key sits next to the values it encrypted (`encrypted:…`, a reference): the pair is made to be committed.
    const literal = target.entries.filter((e) => e.value.trim() !== '' && !isReference(e.value) && !e.key.startsWith('DOTENV_PUBLIC_KEY'));
    if (literal.length === 0 && target.entries.length > 0) return; // only references (op://, ${VAR}, encrypted values) or empty values: not a leak
    // High when it holds a secret: a real-looking value under a secret-like name, or a provider token under any name.
    // Settings (`OPENCLAW_GATEWAY_BIND=lan`), placeholders and empty values make it a low: the file is still in git.
    let holdsValues = false;
    for (const e of literal) {
      const secretName = isSecretLikeName(e.key) || OPENCLAW_SECRET_ENV.has(e.key);
      if ((secretName && isLiteralSecretCandidate(e.value)) || ctx.tokens.holds(e.value)) {
        holdsValues = true;
        break;
      }
    }
    ctx.report({
      at: at.file(),
      severity: holdsValues ? 'high' : 'low',
      messageId: holdsValues ? 'secrets' : literal.length > 0 ? 'settings' : 'empty',
      data: { file: target.file, literals: `${literal.length} literal value${literal.length === 1 ? '' : 's'}` },
      key: 'file',
      properties: { literalValues: literal.length },
    });
  },
});
