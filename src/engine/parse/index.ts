/** Parse once: one parser per file kind, each returning the target rules see and a locator for findings. */
import { DockerfileParser } from 'dockerfile-ast';
import type { PathSegment } from '../../model/location.js';
import type { FileKind, ParseErrorTarget, TargetMap, StructuredKind } from '../../model/target.js';
import { isDotenvTemplate } from '../classify.js';
import { parseDotenv } from './dotenv.js';
import { json5Resolver, parseJson5 } from './json5.js';
import { Locator } from './locator.js';
import { parseYaml, yamlResolver } from './yaml.js';

export type Parsed =
  | { ok: true; target: TargetMap[StructuredKind]; locator: Locator }
  | { ok: false; error: ParseErrorTarget; locator: Locator };

export function parseFile(file: string, kind: Exclude<FileKind, 'text'>, text: string): Parsed {
  try {
    return parseKind(file, kind, text);
  } catch (e) {
    // A parser that throws on hostile input (a stack overflow, a bug) costs that file, never the scan.
    const message = e instanceof RangeError ? 'nested too deeply to check' : `parser failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`;
    return failed(file, kind, text, message);
  }
}

function failed(file: string, kind: Exclude<FileKind, 'text'>, text: string, message: string, line?: number, column?: number): Parsed {
  return {
    ok: false,
    error: { kind: 'parse_error', file, fileKind: kind, message: quoteFree(message), ...(line ? { line, column: column ?? 1 } : {}) },
    locator: new Locator(file, text),
  };
}

/**
 * Parser messages sometimes quote the input (yaml names an unresolved alias or tag verbatim), and the input may
 * be a secret. Long unbroken runs are cut out: real parser vocabulary is short words.
 */
export function quoteFree(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.replace(/\S{16,}/g, '…').slice(0, 300);
}

function parseKind(file: string, kind: Exclude<FileKind, 'text'>, text: string): Parsed {
  const fail = (message: string, line?: number, column?: number): Parsed => failed(file, kind, text, message, line, column);
  switch (kind) {
    case 'compose': {
      const r = parseYaml(text);
      if (!r.ok) return fail(r.message, r.line, r.column);
      return { ok: true, target: { kind: 'compose', file, text, value: r.value, doc: r.doc }, locator: new Locator(file, text, yamlResolver(r.doc)) };
    }
    case 'openclaw': {
      const r = parseJson5(text);
      if (!r.ok) return fail(r.message, r.line, r.column);
      // `$include` is resolved once every file is read (engine/scan.ts → resolveOpenClaw); until then the
      // target is the file alone.
      const target = { kind: 'openclaw' as const, file, text, value: r.value, authored: r.value, includes: [], origin: (p: readonly PathSegment[]) => ({ file, path: p }) };
      return { ok: true, target, locator: new Locator(file, text, json5Resolver(r.ast)) };
    }
    case 'dotenv':
      return { ok: true, target: { kind: 'dotenv', file, text, template: isDotenvTemplate(file), entries: parseDotenv(text) }, locator: new Locator(file, text) };
    case 'dockerfile':
      return { ok: true, target: { kind: 'dockerfile', file, text, dockerfile: DockerfileParser.parse(text) }, locator: new Locator(file, text) };
  }
}
