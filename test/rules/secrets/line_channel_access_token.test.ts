/**
 * A LINE channel access token (no prefix of its own) is found by its name's line, and reported once: at the OpenClaw
 * config path too, it is the provider rule's finding, not `secrets.openclaw_gateway_token`'s (one token, one finding).
 */
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

// Built at run time, so no token-shaped literal sits in this file.
const token = () => Buffer.concat([Buffer.from('gatewardenTESTvalue'), randomBytes(109)]).toString('base64');

describe('secrets.line_channel_access_token', () => {
  it('at channels.line.channelAccessToken: reported by the LINE rule only', async () => {
    const files = { 'openclaw.json': `{\n  "channels": {\n    "line": {\n      "channelAccessToken": "${token()}"\n    }\n  }\n}\n` };
    await catches('secrets.line_channel_access_token', files, ['openclaw.json:4']);
    await catches('secrets.openclaw_gateway_token', files, []);
    await catches('secrets.generic', files, []);
  });

  it('in env.vars and a Terraform variable block; not on a later line of another name', async () => {
    const files = {
      'openclaw.json5': `{\n  env: { vars: { LINE_CHANNEL_ACCESS_TOKEN: "${token()}" } },\n}\n`,
      'variables.tf': `variable "line_channel_access_token" {\n  type      = string\n  sensitive = true\n  default   = "${token()}"\n}\n`,
      'other.env': `LINE_CHANNEL_ACCESS_TOKEN=\${LINE_CHANNEL_ACCESS_TOKEN}\nSIGNATURE=${token()}\n`,
    };
    await catches('secrets.line_channel_access_token', files, ['openclaw.json5:2', 'variables.tf:4']);
    await catches('secrets.openclaw_gateway_token', files, []);
  });
});
