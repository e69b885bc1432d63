// Extracts, from GitHub's official REST description (the npm package @octokit/openapi, file
// generated/api.github.com.json), the request and response schemas of the endpoints Gatewarden calls, with every
// $ref resolved, into test/fixtures/github-openapi.json. The tests validate the fake GitHub server's answers and
// Gatewarden's requests against it. The package is 400 MB unpacked, so it is not a dependency; to refresh:
//   npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
//   node scripts/extract-github-openapi.mjs package/generated/api.github.com.json
import { readFileSync, writeFileSync } from 'node:fs';

const OPERATIONS = [
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/comments'],
  ['post', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['patch', '/repos/{owner}/{repo}/pulls/comments/{comment_id}'],
];

const [, , source, version = '23.0.2'] = process.argv;
if (!source) {
  console.error('usage: node scripts/extract-github-openapi.mjs path/to/api.github.com.json');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(source, 'utf8'));

function resolve(ref) {
  return ref.replace(/^#\//, '').split('/').reduce((o, k) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
}

function deref(node, seen = new Set()) {
  if (Array.isArray(node)) return node.map((n) => deref(n, seen));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return {}; // a cycle: accept anything below this point
    return deref(resolve(node.$ref), new Set([...seen, node.$ref]));
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) if (!['examples', 'example', 'description', 'x-github'].includes(k)) out[k] = deref(v, seen);
  return out;
}

const operations = {};
for (const [method, path] of OPERATIONS) {
  const op = spec.paths[path]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the description`);
  const responses = {};
  for (const [status, res] of Object.entries(op.responses)) {
    const r = deref(res);
    const schema = r.content?.['application/json']?.schema;
    if (schema) responses[status] = schema;
  }
  const body = deref(op.requestBody)?.content?.['application/json']?.schema;
  operations[`${method.toUpperCase()} ${path}`] = { operationId: op.operationId, ...(body ? { requestBody: body } : {}), responses };
}
writeFileSync('test/fixtures/github-openapi.json', `${JSON.stringify({ source: `@octokit/openapi ${version}, generated/api.github.com.json (openapi ${spec.openapi}, ${spec.info.version})`, operations }, null, 1)}\n`);
