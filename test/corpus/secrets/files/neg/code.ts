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
