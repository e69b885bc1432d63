/**
 * Helpers for Terraform rules: literal values of HCL expressions (a reference to a variable resolved from its
 * literal default or a `*.tfvars` value in the same module folder, anything else unknown), and the ingress rules
 * of the common cloud firewalls in one shape.
 */
import path from 'node:path';
import type { HclBlock, HclBody, HclExpr, ProjectView, TerraformTarget } from '../../src/model/target.js';

/** A literal value with where it is written (file and range), so a finding lands on what the user wrote. */
export interface Sourced {
  value: string;
  file: string;
  start: number;
  end: number;
  /** Set when the value comes from a variable: `var.allowed_ssh_cidrs default` or `… in terraform.tfvars`. */
  via?: string;
}

const dir = (file: string) => path.posix.dirname(file);

/** The module's variables: the literal default (`variables.tf`) and the values of its `*.tfvars` files. */
export class Module {
  private readonly defaults = new Map<string, { expr: HclExpr; file: string }>();
  private readonly values = new Map<string, { expr: HclExpr; file: string }[]>();

  constructor(project: ProjectView, folder: string) {
    for (const t of project.targets('terraform')) {
      if (dir(t.file) !== folder) continue;
      if (t.tfvars) for (const a of t.body.attributes) this.values.set(a.name, [...(this.values.get(a.name) ?? []), { expr: a.expr, file: t.file }]);
      for (const b of t.body.blocks) {
        const name = b.labels[0]?.value;
        const d = b.type === 'variable' && name ? b.body.attributes.find((a) => a.name === 'default') : undefined;
        if (d && name) this.defaults.set(name, { expr: d.expr, file: t.file });
      }
    }
  }

  /**
   * The literal strings an expression stands for (a tuple's items flattened), each with its place. A variable gives
   * its default and every tfvars value (each is a way the module may be applied). Unknown parts are left out.
   */
  strings(expr: HclExpr, file: string, depth = 0): Sourced[] {
    switch (expr.kind) {
      case 'string':
        return expr.template ? [] : [{ value: expr.value, file, start: expr.start, end: expr.end }];
      case 'number':
        return [{ value: String(expr.value), file, start: expr.start, end: expr.end }];
      case 'tuple':
        return expr.items.flatMap((i) => this.strings(i, file, depth));
      case 'ref': {
        const m = /^var\.([A-Za-z_][\w-]*)$/.exec(expr.text);
        if (!m || depth > 3) return [];
        const name = m[1] as string;
        const d = this.defaults.get(name);
        const fromDefault = d ? this.strings(d.expr, d.file, depth + 1).map((s) => ({ ...s, via: s.via ?? `var.${name} (default)` })) : [];
        const fromValues = (this.values.get(name) ?? []).flatMap((v) => this.strings(v.expr, v.file, depth + 1).map((s) => ({ ...s, via: s.via ?? `var.${name} (${path.posix.basename(v.file)})` })));
        return [...fromDefault, ...fromValues];
      }
      default:
        return [];
    }
  }
}

export function moduleOf(project: ProjectView, target: TerraformTarget): Module {
  return new Module(project, dir(target.file));
}

export function attr(body: HclBody, name: string): HclExpr | undefined {
  return body.attributes.find((a) => a.name === name)?.expr;
}

/** The literal string of an attribute (no variables), lower-cased. */
export function literal(body: HclBody, name: string): string | undefined {
  const e = attr(body, name);
  return e && (e.kind === 'string' ? (e.template ? undefined : e.value) : e.kind === 'number' || e.kind === 'bool' ? String(e.value) : undefined)?.toLowerCase();
}

/** Blocks of a type, including the `content` of `dynamic "<type>"` blocks. */
export function blocks(body: HclBody, type: string): HclBlock[] {
  const out: HclBlock[] = [];
  for (const b of body.blocks) {
    if (b.type === type) out.push(b);
    else if (b.type === 'dynamic' && b.labels[0]?.value === type) out.push(...b.body.blocks.filter((c) => c.type === 'content'));
  }
  return out;
}

/** One inbound allow rule: the ports it opens (`all` or ranges) and the expressions naming its sources. */
export interface Ingress {
  resource: string;
  ports: 'all' | readonly [number, number][] | 'unknown';
  sources: readonly HclExpr[];
  /** The rule's block or resource, for a finding when the source cannot be placed. */
  start: number;
  end: number;
}

function portRange(v: string | undefined): 'all' | readonly [number, number][] | 'unknown' {
  if (v === undefined) return 'unknown';
  const s = v.trim().toLowerCase();
  if (s === '*' || s === 'any' || s === '' || s === 'all') return 'all';
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(s);
  if (!m) return 'unknown';
  return [[Number(m[1]), Number(m[2] ?? m[1])]];
}

function fromTo(body: HclBody): Ingress['ports'] {
  const protocol = literal(body, 'protocol') ?? literal(body, 'ip_protocol');
  const from = literal(body, 'from_port');
  const to = literal(body, 'to_port');
  if (protocol === '-1' || protocol === 'all') return 'all';
  if (from === undefined || to === undefined) return from === undefined && to === undefined && protocol !== undefined ? 'unknown' : 'unknown';
  if (from === '0' && (to === '0' || to === '65535')) return 'all';
  return [[Number(from), Number(to)]];
}

function ranges(list: readonly string[]): Ingress['ports'] {
  if (!list.length) return 'unknown';
  const out: [number, number][] = [];
  for (const v of list) {
    const r = portRange(v);
    if (r === 'all') return 'all';
    if (r !== 'unknown') out.push(...r);
  }
  return out.length ? out : 'unknown';
}

const stringsOf = (e: HclExpr | undefined): string[] => (e?.kind === 'tuple' ? e.items.flatMap((i) => (i.kind === 'string' && !i.template ? [i.value] : i.kind === 'number' ? [String(i.value)] : [])) : e?.kind === 'string' && !e.template ? [e.value] : []);

/** The inbound allow rules of a resource, for the firewalls this scanner knows. */
export function ingressRules(type: string, body: HclBody, start: number, end: number): Ingress[] {
  const out: Ingress[] = [];
  const push = (b: HclBody, ports: Ingress['ports'], sources: (HclExpr | undefined)[], s: number, e: number) => out.push({ resource: type, ports, sources: sources.filter((x): x is HclExpr => x !== undefined), start: s, end: e });
  switch (type) {
    case 'aws_security_group':
      for (const b of blocks(body, 'ingress')) push(b.body, fromTo(b.body), [attr(b.body, 'cidr_blocks'), attr(b.body, 'ipv6_cidr_blocks')], b.start, b.end);
      break;
    case 'aws_security_group_rule':
      if (literal(body, 'type') === 'ingress') push(body, fromTo(body), [attr(body, 'cidr_blocks'), attr(body, 'ipv6_cidr_blocks')], start, end);
      break;
    case 'aws_vpc_security_group_ingress_rule':
      push(body, fromTo(body), [attr(body, 'cidr_ipv4'), attr(body, 'cidr_ipv6')], start, end);
      break;
    case 'hcloud_firewall':
      for (const b of blocks(body, 'rule')) if ((literal(b.body, 'direction') ?? 'in') === 'in') push(b.body, literal(b.body, 'protocol') === 'icmp' ? [] : portRange(literal(b.body, 'port')), [attr(b.body, 'source_ips')], b.start, b.end);
      break;
    case 'digitalocean_firewall':
      for (const b of blocks(body, 'inbound_rule')) push(b.body, literal(b.body, 'protocol') === 'icmp' ? [] : portRange(literal(b.body, 'port_range') ?? 'all'), [attr(b.body, 'source_addresses')], b.start, b.end);
      break;
    case 'google_compute_firewall':
      if ((literal(body, 'direction') ?? 'ingress') === 'ingress')
        for (const b of blocks(body, 'allow')) {
          const ports = stringsOf(attr(b.body, 'ports'));
          push(b.body, attr(b.body, 'ports') ? ranges(ports) : 'all', [attr(body, 'source_ranges')], start, end);
        }
      break;
    case 'azurerm_network_security_rule':
    case 'azurerm_network_security_group': {
      const rules = type === 'azurerm_network_security_rule' ? [{ body, start, end }] : blocks(body, 'security_rule');
      for (const r of rules) {
        if ((literal(r.body, 'direction') ?? '') !== 'inbound' || (literal(r.body, 'access') ?? '') !== 'allow') continue;
        const single = literal(r.body, 'destination_port_range');
        push(r.body, single !== undefined ? portRange(single) : ranges(stringsOf(attr(r.body, 'destination_port_ranges'))), [attr(r.body, 'source_address_prefix'), attr(r.body, 'source_address_prefixes')], r.start, r.end);
      }
      break;
    }
    case 'oci_core_security_list':
      for (const b of blocks(body, 'ingress_security_rules')) {
        const tcp = blocks(b.body, 'tcp_options')[0] ?? blocks(b.body, 'udp_options')[0];
        const min = tcp && literal(tcp.body, 'min');
        const max = tcp && literal(tcp.body, 'max');
        push(b.body, !tcp ? 'all' : min && max ? [[Number(min), Number(max)]] : 'unknown', [attr(b.body, 'source')], b.start, b.end);
      }
      break;
  }
  return out;
}

/** A source that is the whole internet: `0.0.0.0/0`, `::/0`, Azure's `*`, `Internet`, `Any`. */
export function isWorld(source: string): boolean {
  const s = source.trim().toLowerCase();
  return s === '0.0.0.0/0' || s === '::/0' || s === '*' || s === 'internet' || s === 'any' || s === '0.0.0.0';
}

export function opens(ports: Ingress['ports'], port: number): boolean {
  return ports === 'all' || (ports !== 'unknown' && ports.some(([a, b]) => a <= port && port <= b));
}
