export const apiKey = process.env.ANTHROPIC_API_KEY ?? '';
export const token = getToken();
export const headers = { Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` };
export const maxTokens = 4096;
export const keyboardShortcut = { key: 'ctrl+shift+down' };
export const publicKey = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1234abcd';
export const requestId = 'a1b2c3d4-e5f6-4789-abcd-ef0123456789';
export const csrfToken = 'a8f5f167f44f4964e6c998dee827110c';
export const apiVersion = '2024-06-01-preview';
export const keyFile = 'certs/server-2024.key';
if (token === 'abcdef1234567890xyz') console.log('never');
// real-world look-alikes (from scanning @octokit and typescript):
const octokit = new Octokit({ auth: `personal-access-token123` });
const cfg = { auth: "mypersonalaccesstoken123" };
const key = "base64-encoded-public-key";
const readonlyToken = type2.declaration.readonlyToken ? factory.createToken(type2.declaration.readonlyToken.kind) : void 0;
const { contextToken: contextToken2, previousToken: previousToken2 } = getRelevantTokens(position, sourceFile);
var propertyAccessCode = Diagnostics.Property_0_does_not_exist_on_type_1.code;
 * const apiToken = "abc123xyz456";
// from OpenClaw deployment repositories (values replaced):
process.env.OPENCLAW_GATEWAY_TOKEN = prevToken;
const env = { "OPENCLAW_GATEWAY_PASSWORD": "launchd-pass", OPENCLAW_GATEWAY_TOKEN: "from-env", other: "token-123" };
process.env.OPENCLAW_GATEWAY_TOKEN = "token-123";
secret = 'another-secret-value-must-never-leak-XYZ789'
const quoted_secret_key = "N7xQ2mP9vK4r" + "T8wZ";
const credential = "FAKE_A7f9K2m4Q8v6N3x5R1p0T9z8";
const media = { "asset_key": "marcus-vale__momentum-engine__main__img-01__v01", "job_key": "pd-3f9a2c71e4b8d605" };
_FLAT_SECTION_ID_TOKEN = 'section-cFgrh5yXg8'
const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0';
const FAKE_CLIENT_SECRET = 'GOCSPX-' + 'x';
const FAKE_CLIENT_SECRET_2 = "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";
const META_KEY = "memory_index_meta_v1";
const vars = [{ key: 'FEISHU_APP_SECRET_1', value: 'yyyyy' }];
// from openclaw/docs:
const uuid_credential = "550e8400-e29b-41d4-a716-" + "446655440000";
