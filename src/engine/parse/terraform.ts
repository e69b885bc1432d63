/**
 * Terraform: the HCL of a `*.tf` / `*.tfvars` file (parse/hcl.ts), and the user data it hands to a server
 * (`user_data`, `custom_data`, `metadata_startup_script`, `metadata["startup-script"|"user-data"]`) when written
 * in the file (a heredoc or a string): a `#cloud-config` becomes a `cloud_init` target, anything else is read as
 * shell. `${var.x}` inside it is replaced by the variable's literal default when this file declares one, and left
 * as written (the shell reads an unknown expansion) otherwise. Everything is mapped back to the `.tf` file.
 * `templatefile()` / `file()` targets are files of their own, read by their own kind.
 */
import type { CloudInitTarget, HclBody, HclExpr, ParseErrorTarget, ShellTarget, TerraformTarget } from '../../model/target.js';
import { cloudInitParts, isCloudConfig } from './cloud-init.js';
import type { Embedded } from './embedded.js';
import { reframer, offsetMap } from './embed-yaml.js';
import { parseHcl } from './hcl.js';
import { LineIndex } from './lines.js';
import { parseShell, SourceBuilder } from './shell.js';
import { embeddedConfigs } from './embedded.js';
import { parseYaml, yamlResolver } from './yaml.js';

export type TerraformDerived = { target: ShellTarget; reframe?: undefined } | Embedded | { target: CloudInitTarget | ParseErrorTarget; reframe: Embedded['reframe'] };

const USER_DATA = new Set(['user_data', 'custom_data', 'metadata_startup_script', 'user_data_base64']);
const METADATA_KEYS = new Set(['startup-script', 'user-data']);

export function parseTerraform(file: string, text: string): { target: TerraformTarget; derived: TerraformDerived[] } {
  const body = parseHcl(text);
  const tfvars = /\.tfvars(\.[\w-]+)?$/.test(file);
  const target: TerraformTarget = { kind: 'terraform', file, text, tfvars, body };
  const defaults = literalDefaults(body);
  const derived: TerraformDerived[] = [];
  for (const block of body.blocks) {
    if (block.type !== 'resource' && block.type !== 'data') continue;
    for (const a of block.body.attributes) {
      if (USER_DATA.has(a.name)) derived.push(...userData(file, text, a.expr, defaults));
      if (a.name === 'metadata' && a.expr.kind === 'object') for (const item of a.expr.items) if (METADATA_KEYS.has(item.key)) derived.push(...userData(file, text, item.value, defaults));
    }
  }
  return { target, derived };
}

/** `variable "x" { default = "literal" }` in this file: name → value. */
function literalDefaults(body: HclBody): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of body.blocks) {
    if (b.type !== 'variable' || !b.labels[0]) continue;
    const d = b.body.attributes.find((a) => a.name === 'default')?.expr;
    if (d && ((d.kind === 'string' && !d.template) || d.kind === 'number' || d.kind === 'bool')) out.set(b.labels[0].value, String(d.value));
  }
  return out;
}

/** The text of a user-data expression with each character's offset in the file, when it is written here. */
function written(expr: HclExpr): { text: string; at: (k: number) => number } | undefined {
  if (expr.kind === 'heredoc') return { text: expr.value, at: (k) => expr.map[Math.min(k, expr.map.length - 1)] ?? expr.end };
  // A quoted string: exact without escapes; with them, close enough (the line is right).
  if (expr.kind === 'string') return { text: expr.value, at: (k) => Math.min(expr.start + 1 + k, expr.end - 1) };
  return undefined;
}

function userData(file: string, text: string, expr: HclExpr, defaults: Map<string, string>): TerraformDerived[] {
  const w = written(expr);
  if (!w || !w.text.trim()) return [];
  const whole = { start: expr.start, end: expr.end };
  if (isCloudConfig(w.text)) {
    const map = offsetMap(w.text.length, w.at);
    const r = parseYaml(w.text);
    if (!r.ok) {
      const pos = new LineIndex(text).position(r.line ? (map[new LineIndex(w.text).lineStart(r.line) + (r.column ?? 1) - 1] ?? expr.start) : expr.start);
      return [{ target: { kind: 'parse_error', file, fileKind: 'cloud_init', message: `user data: ${r.message}`, line: pos.line, column: pos.column }, reframe: (x) => x }];
    }
    const line = new LineIndex(text).position(expr.start).line;
    const target: CloudInitTarget = { kind: 'cloud_init', file, text: w.text, value: r.value, embedded: { origin: 'terraform', line } };
    const parts = cloudInitParts(file, text, w.text, r.doc, (i) => map[Math.min(i, map.length - 1)] ?? expr.end);
    return [{ target, reframe: reframer(file, w.text, map, yamlResolver(r.doc), whole) }, { target: parts.shell }, ...parts.embedded];
  }
  // Shell: `${var.x}` with a literal default in this file becomes that value, placed at the reference.
  const b = new SourceBuilder();
  const ref = /\$\{\s*var\.([A-Za-z_][\w-]*)\s*\}/g;
  let from = 0;
  for (const m of w.text.matchAll(ref)) {
    const value = defaults.get(m[1] ?? '');
    if (value === undefined) continue;
    for (let k = from; k < m.index; k++) b.push(w.text[k] ?? '', w.at(k));
    b.push(value, w.at(m.index), false);
    from = m.index + m[0].length;
  }
  for (let k = from; k < w.text.length; k++) b.push(w.text[k] ?? '', w.at(k));
  const source = b.build(text.length);
  const parsed = parseShell(source);
  return [{ target: { kind: 'shell', file, text, origin: 'user_data', pipelines: parsed.pipelines } }, ...embeddedConfigs(file, text, parsed.pipelines, parsed.heredocOffsets)];
}
