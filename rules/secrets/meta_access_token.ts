import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/**
 * Meta Graph API access tokens (the WhatsApp Cloud API token of OpenClaw's WhatsApp channel, Facebook/Instagram
 * page tokens): `EAA` + an app-id-dependent marker + a long base62 body, 100 to 400 characters
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/get-started; the access token debugger shows the form).
 * Too long for the generic rule's value class; `EAA` at a word start is the keyword.
 */
export default defineRule({
  id: 'secrets.meta_access_token',
  title: 'Meta (WhatsApp / Facebook) access token',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Meta Graph API access token (`EAA…`): for the WhatsApp Cloud API it sends and reads messages as your business number; page and system-user tokens act on the pages and assets they were granted.',
  remediation:
    'Revoke the token (Meta Business settings → System users, or the app dashboard), create a new one with the fewest permissions, and load it from the environment or a secret store.',
  references: ['https://developers.facebook.com/docs/whatsapp/cloud-api/get-started', 'https://developers.facebook.com/docs/facebook-login/guides/access-tokens/'],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'Meta (WhatsApp / Facebook) access token',
    action: 'invalidate it in Meta Business settings (System users → revoke) and load the new one from the environment',
    keywords: ['EAA'],
    minEntropy: 4.0,
    pattern: /(?<![A-Za-z0-9+/_-])(?<secret>EAA[A-Za-z0-9]{97,400})(?![A-Za-z0-9+/=_-])/g,
    samples: {
      true: [(r) => `EAA${r.alnum(180)}`],
      false: [(r) => `EAA${r.alnum(60)}`, `EAA${'ab'.repeat(60)}`],
    },
  },
  check: reportTokens,
});
