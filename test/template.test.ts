/** Templates (`*.j2`, `*.tpl`, …) read as the file they render: classified by the rendered name, parsed neutralised. */
import { parse as parseJson5 } from '@humanwhocodes/momoa';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/engine/read/classify.js';
import { isTemplatePath, neutralise, renderedName } from '../src/engine/read/template.js';

const json5 = (text: string) => parseJson5(text, { mode: 'json5' });

describe('template names', () => {
  it('are classified as the file they render', () => {
    expect(classify('roles/openclaw/templates/openclaw.json.j2')).toBe('openclaw');
    expect(classify('terraform/openclaw.json.tpl')).toBe('openclaw');
    expect(classify('templates/docker-compose.yml.j2')).toBe('compose');
    expect(classify('templates/systemd/openclaw.service.j2')).toBe('systemd');
    expect(classify('templates/nginx.conf.jinja2')).toBe('nginx');
    expect(classify('deploy/setup.sh.tmpl')).toBe('shell');
    expect(classify('roles/proxy/templates/Caddyfile.j2')).toBe('caddy');
    expect(classify('Caddyfile')).toBe('caddy');
  });

  it('leave dotenv templates and bare suffixes alone', () => {
    expect(classify('.env.template')).toBe('dotenv');
    expect(renderedName('.env.tpl')).toBeUndefined();
    expect(renderedName('notes.template')).toBeUndefined();
    expect(isTemplatePath('a/b/README.md')).toBe(false);
  });
});

describe('neutralise', () => {
  const sample = [
    '{# a comment #}',
    '{',
    '  "gateway": {',
    '    "bind": "{{ openclaw_gateway_bind }}",',
    '    "port": {{ openclaw_gateway_port }}{% if use_password %},',
    '    "auth": { "mode": "password", "password": "{{ vault_password }}" }',
    '    {% else %},',
    '    "auth": { "mode": "token" }',
    '    {% endif %}',
    '  },',
    '  "models": {',
    '{% for m in models %}',
    '    "{{ m }}": {}{{ "," if not loop.last else "" }}',
    '{% endfor %}',
    '  },',
    '  // it isn\'t {{ quoted }} here',
    '  "plugins": ["a"%{ if slack },"b"%{ endif }]',
    '}',
  ].join('\n');

  it('keeps every offset and line break', () => {
    const out = neutralise(sample, 'json');
    expect(out).toHaveLength(sample.length);
    expect([...out].map((c, i) => (c === '\n') === (sample[i] === '\n'))).not.toContain(false);
  });

  it('turns a JSON template into one valid document: values unknown, the first branch of each condition', () => {
    const out = neutralise(sample, 'json');
    expect(() => json5(out)).not.toThrow();
    expect(out).toContain('"bind": "${OPENCLAW_GATEWAY_BIND___}"');
    expect(out).toContain('"port": "${OPENCLAW_GATEWAY_PORT_}"');
    expect(out).toContain('"password": "${VAULT_PASSWORD___}"');
    expect(out).not.toContain('"mode": "token"');
    expect(out).not.toMatch(/\{\{|\{%|%\{|\{#/);
  });

  it('keeps YAML valid: plain scalars may start with a reference; a whole flow item is quoted', () => {
    const yaml = ['services:', '  gw:', '    image: "{{ image }}"', '    volumes:', '      - {{ data_dir }}:/data', '    command: [gateway, {{ bind_flag }}]', '    ports:', '{% if local %}', '      - "127.0.0.1:18789:18789"', '{% else %}', '      - "18789:18789"', '{% endif %}'].join('\n');
    const out = neutralise(yaml, 'yaml');
    expect(out).toHaveLength(yaml.length);
    const doc = parseDocument(out);
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual({ services: { gw: { image: '${IMAGE___}', volumes: ['${DATA_DIR___}:/data'], command: ['gateway', '${BIND_FLAG_}'], ports: ['127.0.0.1:18789:18789'] } } });
  });

  it('blanks Helm statements and includes, keeps values as references', () => {
    const helm = ['{{- if .Values.enabled }}', 'spec:', '  replicas: {{ .Values.replicas }}', '  template:', '    {{- include "app.labels" . | nindent 4 }}', '{{- end }}'].join('\n');
    const out = neutralise(helm, 'yaml');
    expect(parseDocument(out).toJS()).toEqual({ spec: { replicas: '${VALUES_REPLICAS____}', template: null } });
  });

  it('returns a text without template syntax unchanged', () => {
    const plain = '{"gateway": {"bind": "${GATEWAY_BIND}"}}';
    expect(neutralise(plain, 'json')).toBe(plain);
  });
});
