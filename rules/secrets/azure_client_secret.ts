import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { DIGITS, ALNUM } from '../_shared/token-samples.js';

/**
 * Microsoft Entra ID (Azure AD) client secrets, the app password of a Microsoft Teams / Bot Framework bot
 * (OpenClaw's `channels.msteams.appPassword`): since 2021 they are 3 characters, a digit, `Q~`, then 31 to 34 of
 * `[A-Za-z0-9_~.-]` (https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials shows the form;
 * the `Q~` marker is the keyword). The `~` keeps them out of every generic value class.
 */
export default defineRule({
  id: 'secrets.azure_client_secret',
  title: 'Microsoft Entra client secret',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Microsoft Entra ID client secret (`…8Q~…`, the app password of a Teams bot) signs in as the app registration: with a Teams bot, it can read and send the messages your OpenClaw agent receives; with API permissions, whatever the app is granted.',
  remediation:
    'Delete the secret in the Azure portal (App registrations → your app → Certificates & secrets), add a new one, and load it from the environment (`MSTEAMS_APP_PASSWORD` from an untracked `.env`) or Key Vault.',
  references: ['https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials', 'https://cwe.mitre.org/data/definitions/798.html'],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'Microsoft Entra client secret',
    action: 'delete it in the app registration (Certificates & secrets) and load the new one from the environment',
    keywords: ['Q~'],
    lookbehind: 4,
    minEntropy: 3.5,
    pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/g,
    samples: {
      true: [(r) => `${r.alnum(3)}${r.of(DIGITS, 1)}Q~${r.of(`${ALNUM}_~.-`, 34)}`],
      false: [(r) => `${r.alnum(3)}${r.of(DIGITS, 1)}Q~${r.alnum(12)}`, `abc8Q~${'x'.repeat(34)}`],
    },
  },
  check: reportTokens,
});
