/**
 * Deployments as code (issue 20): the HCL reader, user data and cloud-init read as shell and configs, Kubernetes
 * and Helm, the PaaS readers, and hostile inputs (10,000 documents, deep nesting, alias bombs, 5 MB of HCL): each
 * handled within the limits with a clear parse error, and one malformed file never hides another's findings.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import { HclSyntaxError, MAX_HCL_DEPTH, parseHcl } from '../src/engine/parse/hcl.js';
import { decodeContent, MAX_DECODED_BYTES } from '../src/engine/parse/cloud-init.js';
import { BicepSyntaxError, MAX_BICEP_DEPTH, readBicep } from '../src/engine/parse/bicep.js';
import { readToml } from '../src/engine/parse/paas.js';
import { classify, looksLikeCloudInit, looksLikeKubernetes } from '../src/engine/read/classify.js';
import { writeFiles } from './support/rule-tester.js';

async function scanFiles(files: Record<string, string>) {
  const result = await scan({ paths: [writeFiles(files)], rules: RULES });
  expect(result.internalErrors).toBe(0);
  return result;
}
const where = (fs: readonly { ruleId: string; location: { file: string; startLine: number } }[], id: string) => fs.filter((f) => f.ruleId === id).map((f) => `${f.location.file}:${f.location.startLine}`);

describe('HCL reader', () => {
  it('reads blocks, labels, attributes and literal expressions with their ranges', () => {
    const text = 'resource "aws_instance" "a" {\n  count = 2 # c\n  tags = { Name = "x", "k" = [1, true, null] }\n  user_data = <<-EOT\n    #!/bin/sh\n    echo ${var.x}\n  EOT\n  ami = data.aws_ami.u.id\n  sg = var.open ? ["0.0.0.0/0"] : []\n}\n';
    const body = parseHcl(text);
    const r = body.blocks[0];
    expect(r?.type).toBe('resource');
    expect(r?.labels.map((l) => l.value)).toEqual(['aws_instance', 'a']);
    const attrs = Object.fromEntries((r?.body.attributes ?? []).map((a) => [a.name, a.expr]));
    expect(attrs.count).toMatchObject({ kind: 'number', value: 2 });
    expect(attrs.tags?.kind).toBe('object');
    expect(attrs.ami).toMatchObject({ kind: 'ref', text: 'data.aws_ami.u.id' });
    expect(attrs.sg?.kind).toBe('expr');
    const ud = attrs.user_data;
    expect(ud?.kind).toBe('heredoc');
    if (ud?.kind !== 'heredoc') return;
    expect(ud.value).toBe('#!/bin/sh\necho ${var.x}\n');
    // Every character of the body maps to its place in the file (indentation stripped).
    expect(text.slice(ud.map[0], (ud.map[0] ?? 0) + 9)).toBe('#!/bin/sh');
  });

  it('keeps ${…} and decodes $${ as a literal in quoted strings', () => {
    const body = parseHcl('a = "x-${var.name}-y"\nb = "$${HOME}"\n');
    expect(body.attributes[0]?.expr).toMatchObject({ kind: 'string', value: 'x-${var.name}-y', template: true });
    expect(body.attributes[1]?.expr).toMatchObject({ kind: 'string', value: '${HOME}', template: false });
  });

  it('fails with a position on malformed input and on nesting past the limit', () => {
    expect(() => parseHcl('resource "a" "b" {\n  x = \n')).toThrow(HclSyntaxError);
    expect(() => parseHcl(`a = ${'['.repeat(MAX_HCL_DEPTH + 5)}`)).toThrow(/nested deeper/);
  });

  it('reads 5 MB of HCL in linear time', () => {
    const block = 'resource "aws_security_group_rule" "r" {\n  type = "ingress"\n  from_port = 22\n  to_port = 22\n  cidr_blocks = ["10.0.0.0/8"]\n}\n';
    const count = Math.ceil(5_000_000 / block.length);
    const started = performance.now();
    expect(parseHcl(block.repeat(count)).blocks.length).toBe(count);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('classification', () => {
  it('names the new kinds by path and by content', () => {
    expect(classify('infra/main.tf')).toBe('terraform');
    expect(classify('terraform.tfvars.example')).toBe('terraform');
    expect(classify('fly.toml')).toBe('paas');
    expect(classify('render.yaml')).toBe('paas');
    expect(classify('config/deploy.yml')).toBe('paas');
    expect(classify('railway.json')).toBe('paas');
    expect(classify('infra/cloud-init.yaml')).toBe('cloud_init');
    expect(classify('charts/x/values.yaml')).toBe('kubernetes');
    expect(classify('roles/openclaw/tasks/main.yml')).toBe('ansible');
    expect(classify('defaults/main.yml')).toBe('ansible');
    expect(classify('docs/main.yml')).toBe('text');
    expect(classify('templates/user_data.sh.tftpl')).toBe('shell');
    expect(looksLikeCloudInit('boot.yaml', '#cloud-config\nruncmd: []\n')).toBe(true);
    expect(looksLikeKubernetes('k8s/svc.yaml', 'apiVersion: v1\nkind: Service\n')).toBe(true);
  });
});

describe('user data and cloud-init', () => {
  it('reads a Terraform heredoc as shell, with ${var.x} from a literal default in the file', async () => {
    const tf = [
      'variable "installer" {',
      '  default = "https://get.example.com/install.sh"',
      '}',
      'resource "aws_instance" "gw" {',
      '  user_data = <<-EOF',
      '    #!/bin/bash',
      '    curl -fsSL ${var.installer} | bash',
      '    npm install -g openclaw',
      '  EOF',
      '}',
      '',
    ].join('\n');
    const r = await scanFiles({ 'main.tf': tf });
    expect(where(r.findings, 'shell.curl_pipe_shell')).toEqual(['main.tf:7']);
    expect(where(r.findings, 'shell.unpinned_openclaw_install')).toEqual(['main.tf:8']);
  });

  it('reads runcmd and write_files scripts as shell, and a written openclaw.json as a config, on the lines of the file', async () => {
    const ci = [
      '#cloud-config',
      'write_files:',
      '  - path: /home/claw/.openclaw/openclaw.json',
      '    content: |',
      '      { "gateway": { "bind": "lan", "auth": { "mode": "none" } } }',
      '  - path: /usr/local/bin/setup.sh',
      '    permissions: "0755"',
      '    content: |',
      '      #!/bin/bash',
      '      curl -fsSL https://get.docker.com | sh',
      'runcmd:',
      '  - [bash, /usr/local/bin/setup.sh]',
      '  - curl -fsSL https://tailscale.com/install.sh | sh',
      '',
    ].join('\n');
    const r = await scanFiles({ 'cloud-init.yaml': ci });
    expect(where(r.findings, 'shell.curl_pipe_shell').sort()).toEqual(['cloud-init.yaml:10', 'cloud-init.yaml:13']);
    expect(r.findings.some((f) => f.ruleId.startsWith('gateway.') && f.location.file === 'cloud-init.yaml' && f.location.startLine === 5)).toBe(true);
  });
});

describe('cloud-init encoded write_files', () => {
  it('decodes b64 and gz+b64 contents before reading them as the script and config they write; a gzip bomb is a parse error, bounded', async () => {
    const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
    const script = b64('#!/bin/sh\ncurl -fsSL https://get.example.com/install.sh | sh\n');
    const config = b64(gzipSync('{ "gateway": { "bind": "lan", "auth": { "mode": "token" } } }\n'));
    const bomb = b64(gzipSync('\n'.repeat(MAX_DECODED_BYTES * 3)));
    const text = [
      '#cloud-config',
      'write_files:',
      '  - path: /usr/local/bin/setup-agent',
      '    encoding: b64',
      `    content: ${script}`,
      '  - path: /home/agent/.openclaw/openclaw.json',
      '    encoding: gz+b64',
      `    content: ${config}`,
      '  - path: /var/lib/filler.txt',
      '    encoding: gzip+base64',
      `    content: ${bomb}`,
      '  - path: /etc/motd',
      '    encoding: b64',
      '    content: not*base64',
      '',
    ].join('\n');
    const r = await scanFiles({ 'cloud-init.yaml': text });
    expect(where(r.findings, 'shell.curl_pipe_shell')).toEqual(['cloud-init.yaml:5']);
    expect(where(r.findings, 'gateway.bind_no_auth')).toEqual(['cloud-init.yaml:8']);
    const errors = r.findings.filter((f) => f.ruleId === 'scan.parse_error').map((f) => `${f.location.startLine}: ${f.message}`);
    expect(errors).toEqual([expect.stringMatching(/^11: .*filler\.txt: content decompresses to more than 1024 KB/), expect.stringMatching(/^14: .*motd: content is not valid base64/)]);
  });

  it('decodes a !!binary gzip value', () => {
    const bytes = gzipSync('echo hi\n');
    expect(decodeContent(new Uint8Array(bytes), 'gzip')).toEqual({ text: 'echo hi\n' });
    expect(decodeContent('aGk=', 'base64')).toEqual({ text: 'hi' });
    expect(decodeContent('aGk=', 'rot13')).toMatchObject({ unread: expect.stringMatching(/not one cloud-init reads/) });
  });
});

describe('Ansible', () => {
  it("reads shell/command tasks as shell and a copied openclaw.json as a config (the dest's {{ }} unknown)", async () => {
    const tasks = [
      '- name: Install Docker',
      '  ansible.builtin.shell: curl -fsSL https://get.docker.com | sh',
      '- block:',
      '    - name: Install OpenClaw',
      '      command:',
      '        cmd: npm install -g openclaw',
      '    - name: Write the config',
      '      ansible.builtin.copy:',
      '        dest: "{{ openclaw_home }}/.openclaw/openclaw.json"',
      '        content: |',
      '          { "gateway": { "bind": "lan", "auth": { "mode": "none" } } }',
      '',
    ].join('\n');
    const r = await scanFiles({ 'roles/openclaw/tasks/main.yml': tasks });
    expect(where(r.findings, 'shell.curl_pipe_shell')).toEqual(['roles/openclaw/tasks/main.yml:2']);
    expect(where(r.findings, 'shell.unpinned_openclaw_install')).toEqual(['roles/openclaw/tasks/main.yml:6']);
    expect(r.findings.some((f) => f.ruleId.startsWith('gateway.') && f.location.startLine === 11)).toBe(true);
  });
});

describe('Kubernetes, Helm and ConfigMaps', () => {
  it('checks an OpenClaw config in a ConfigMap with the config rules, on the ConfigMap lines', async () => {
    const cm = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: oc', 'data:', '  openclaw.json: |', '    {', '      "gateway": { "bind": "lan", "auth": { "mode": "none" } }', '    }', ''].join('\n');
    const r = await scanFiles({ 'k8s/configmap.yaml': cm });
    const lines = new Set(r.findings.filter((f) => f.ruleId.startsWith('gateway.')).map((f) => f.location.startLine));
    expect(lines.size).toBeGreaterThan(0);
    expect([...lines].every((l) => l === 8)).toBe(true);
  });

  it("checks a chart's values.yaml config block with the config rules, and not the chart's own settings", async () => {
    const values = ['image:', '  repository: ghcr.io/openclaw/openclaw', 'config:', '  gateway:', '    controlUi:', '      allowedOrigins:', '        - "*"', 'openclaw:', '  image: x', '  gateway:', '    controlUi:', '      allowedOrigins: ["*"]', ''].join('\n');
    const r = await scanFiles({ 'chart/values.yaml': values });
    expect(where(r.findings, 'gateway.control_ui.allowed_origins_wildcard')).toEqual(['chart/values.yaml:7']);
  });

  it('reads a Helm template with its expressions unknown, never guessed', async () => {
    const t = [
      '{{- $name := include "oc.fullname" . -}}',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ $name }}',
      'spec:',
      '  template:',
      '    spec:',
      '      hostNetwork: {{ .Values.hostNetwork }}',
      '      containers:',
      '        - name: gw',
      '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      '          securityContext:',
      '            privileged: true',
      '',
    ].join('\n');
    const r = await scanFiles({ 'chart/templates/deployment.yaml': t });
    expect(r.findings.filter((f) => f.ruleId === 'scan.parse_error')).toEqual([]);
    expect(where(r.findings, 'kubernetes.privileged')).toEqual(['chart/templates/deployment.yaml:14']);
    expect(where(r.findings, 'kubernetes.host_namespace')).toEqual([]);
  });
});

describe('PaaS', () => {
  it('reads fly.toml tables, arrays of tables and inline values with ranges', () => {
    const text = 'app = "x"\n[env]\n  BIND = "lan"\n[[services]]\n  internal_port = 18789\n  ports = [{ port = 443, handlers = ["tls"] }]\n[[services]]\n  internal_port = 8080\n';
    const { value, ranges } = readToml(text);
    expect(value).toMatchObject({ app: 'x', env: { BIND: 'lan' }, services: [{ internal_port: 18789 }, { internal_port: 8080 }] });
    const r = ranges.get(JSON.stringify(['services', 1, 'internal_port']));
    expect(r && text.slice(r[0], r[1])).toBe('internal_port = 8080');
  });

  it('reads Bicep params, resources and literal values with ranges; expressions kept as written, never evaluated', () => {
    const text = [
      "@secure()",
      "param token string = ''",
      "param internal bool = false // comment",
      "param size 'S' | 'M' = 'S'",
      "var cidrs = [for c in split(x, ','): { name: c }]",
      "resource app 'Microsoft.App/containerApps@2024-03-01' = if (!internal) {",
      "  name: '${prefix}-app'",
      "  properties: {",
      "    ingress: { external: !internal, targetPort: 18789 }",
      "    registries: useAcr ? [] : [",
      "      { server: 'x' }",
      "    ]",
      "    '${id}': {}",
      "  }",
      "}",
      "output fqdn string = app.properties.ingress.fqdn",
      '',
    ].join('\n');
    const { value, rangeOf } = readBicep(text);
    expect(value.params).toMatchObject({ token: { type: 'string', secure: true, default: '' }, internal: { secure: false, default: false }, size: { type: "'S' | 'M'", default: 'S' } });
    expect(value.vars.cidrs).toMatchObject({ $expr: expect.stringMatching(/^\[for c in/) });
    const app = value.resources.app;
    expect(app?.type).toBe('Microsoft.App/containerApps@2024-03-01');
    expect(app?.body).toMatchObject({ name: '${prefix}-app', properties: { ingress: { external: { $expr: '!internal' }, targetPort: 18789 }, registries: { $expr: expect.stringMatching(/^useAcr \? \[\] : \[/) }, '${id}': {} } });
    const r = rangeOf(['resources', 'app', 'body', 'properties', 'ingress', 'targetPort']);
    expect(r && text.slice(r[0], r[1])).toBe('targetPort: 18789');
  });

  it('fails with a position on malformed Bicep and on nesting past the limit', () => {
    expect(() => readBicep("resource a 'T@1' = {\n  name: 'x'\n")).toThrow(BicepSyntaxError);
    expect(() => readBicep("param a string = 'open\n")).toThrow(/string not closed/);
    const deep = `var x = ${'{ a: '.repeat(MAX_BICEP_DEPTH + 10)}1${' }'.repeat(MAX_BICEP_DEPTH + 10)}\n`;
    expect(() => readBicep(deep)).toThrow(/nested deeper/);
    const deepExpr = `var x = f${'('.repeat(MAX_BICEP_DEPTH + 10)}${')'.repeat(MAX_BICEP_DEPTH + 10)}\n`;
    expect(() => readBicep(deepExpr)).toThrow(/nested deeper/);
  });

  it('a malformed Bicep file is a parse error and the other files are still checked', async () => {
    const r = await scanFiles({ 'infra/broken.bicep': "resource a 'Microsoft.App/containerApps@2024-03-01' = {\n  properties: {\n", 'infra/app.bicep': "resource a 'Microsoft.App/containerApps@2024-03-01' = {\n  properties: {\n    configuration: {\n      ingress: {\n        external: true\n        targetPort: 18789\n      }\n    }\n  }\n}\n" });
    expect(r.findings.filter((f) => f.ruleId === 'scan.parse_error').map((f) => f.location.file)).toEqual(['infra/broken.bicep']);
    expect(where(r.findings, 'paas.gateway_public')).toEqual(['infra/app.bicep:5']);
  });

  it('no longer reads render.yaml as a compose file', async () => {
    const r = await scanFiles({ 'render.yaml': 'services:\n  - type: web\n    name: gw\n    envVars:\n      - key: X\n        value: "1"\n' });
    expect(r.findings.filter((f) => f.ruleId.startsWith('compose.'))).toEqual([]);
  });
});

describe('hostile deployment files', () => {
  const goodSocket = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: alpine:3.20\n      volumeMounts:\n        - name: s\n          mountPath: /var/run/docker.sock\n  volumes:\n    - name: s\n      hostPath:\n        path: /var/run/docker.sock\n';

  it('refuses 10,000 documents with a clear parse error and still checks the other files', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`).join('---\n');
    const r = await scanFiles({ 'many.yaml': many, 'pod.yaml': goodSocket });
    const errors = r.findings.filter((f) => f.ruleId === 'scan.parse_error' && f.location.file === 'many.yaml');
    expect(errors.map((f) => f.message).join()).toMatch(/more than 1000 YAML documents/);
    expect(where(r.findings, 'kubernetes.docker_socket_mount')).toEqual(['pod.yaml:15']);
  });

  it('refuses an alias bomb and deep nesting in a manifest, and 200-deep HCL, each as its own parse error', async () => {
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]', ''].join('\n');
    const deep = `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(300)}${']'.repeat(300)}\n`;
    const hcl = `locals {\n  x = ${'{ a = '.repeat(150)}1${' }'.repeat(150)}\n}\n`;
    const broken = 'resource "hcloud_firewall" "x" {\n  rule {\n';
    const r = await scanFiles({ 'bomb.yaml': bomb, 'deep.yaml': deep, 'deep.tf': hcl, 'broken.tf': broken, 'pod.yaml': goodSocket });
    const failed = r.findings.filter((f) => f.ruleId === 'scan.parse_error').map((f) => `${f.location.file}: ${f.message}`);
    expect(failed.some((m) => m.startsWith('bomb.yaml') && /alias|Excessive/i.test(m))).toBe(true);
    expect(failed.some((m) => m.startsWith('deep.yaml') && /nested deeper/.test(m))).toBe(true);
    expect(failed.some((m) => m.startsWith('deep.tf') && /nested deeper/.test(m))).toBe(true);
    expect(failed.some((m) => m.startsWith('broken.tf') && /not closed/.test(m))).toBe(true);
    expect(where(r.findings, 'kubernetes.docker_socket_mount')).toEqual(['pod.yaml:15']);
  });
});
