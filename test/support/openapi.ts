/**
 * Checks JSON values against the schemas of GitHub's official REST description, as extracted into
 * test/fixtures/github-openapi.json by scripts/extract-github-openapi.mjs. A small validator for the OpenAPI 3.0
 * subset those schemas use: type, nullable, enum, properties, required, items, oneOf/anyOf/allOf.
 * `strict` also rejects properties the schema does not list (for request bodies: a misspelt field is a bug).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Schema {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
}

interface Operation {
  operationId: string;
  requestBody?: Schema;
  responses: Record<string, Schema>;
}

const spec = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'github-openapi.json'), 'utf8')) as { operations: Record<string, Operation> };

export function operation(key: string): Operation {
  const op = spec.operations[key];
  if (!op) throw new Error(`no schema for ${key} in test/fixtures/github-openapi.json`);
  return op;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(schema: Schema, value: unknown, strict = false, at = '$'): string[] {
  if (value === null) return schema.nullable || schema.type === 'null' || (!schema.type && !schema.oneOf && !schema.anyOf && !schema.allOf) ? [] : [`${at}: null is not allowed`];
  const errors: string[] = [];
  if (schema.allOf) for (const s of schema.allOf) errors.push(...validate(s, value, false, at));
  for (const alternatives of [schema.oneOf, schema.anyOf]) {
    if (alternatives && !alternatives.some((s) => validate(s, value, strict, at).length === 0)) errors.push(`${at}: matches none of ${alternatives.length} alternatives`);
  }
  if (schema.type) {
    const t = typeOf(value);
    const ok = t === schema.type || (schema.type === 'number' && t === 'integer');
    if (!ok) return [...errors, `${at}: expected ${schema.type}, got ${t}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${at}: missing required property ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      const s = schema.properties?.[k];
      if (s) errors.push(...validate(s, v, strict, `${at}.${k}`));
      else if (strict && schema.properties && schema.additionalProperties === undefined) errors.push(`${at}: unknown property ${k}`);
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...validate(schema.items as Schema, v, strict, `${at}[${i}]`)));
  return errors;
}
