import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE } from '../_shared/token-samples.js';

/** `AIza` + 35 characters (gitleaks `gcp-api-key`, entropy 4) and the Gemini `AQ.Ab8RN6` + 44 format (betterleaks). */
export default defineRule({
  id: 'secrets.google_api_key',
  title: 'Google API key',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Google API key (`AIza…`, or the newer Gemini `AQ.Ab8RN6…` format) is a bearer credential: an unrestricted key lets anyone call Gemini and other enabled Google APIs on your project and bill it.',
  remediation:
    'Delete the key (or regenerate it) in Google Cloud Console → APIs & Services → Credentials / Google AI Studio, restrict the new key to the APIs it needs, and pass it as `${GEMINI_API_KEY}` (or `${GOOGLE_API_KEY}`) from an untracked `.env`.',
  references: ['https://cloud.google.com/docs/authentication/api-keys', 'https://aistudio.google.com/app/apikey'],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'Google API key',
    action: 'delete or restrict it in Google Cloud Console → APIs & Services → Credentials',
    keywords: ['AIza', 'AQ.Ab8RN6'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35}|AQ\.Ab8RN6[A-Za-z0-9_-]{44})(?![A-Za-z0-9_-])/g,
    minEntropy: 4.0,
    samples: {
      true: [(r) => `AIza${r.of(URLSAFE, 35)}`, (r) => `AQ.Ab8RN6${r.of(URLSAFE, 44)}`],
      false: [(r) => `AIza${r.alnum(20)}`, `AIza${'a'.repeat(35)}`],
    },
  },
  check: reportTokens,
});
