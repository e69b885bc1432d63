// Flattens the JSON schema that `openclaw config schema` prints (zod's toJSONSchema, io "input", draft-07,
// with the bundled channel and plugin schemas merged in) into one entry per config path pattern.
//
// Path patterns: dot-separated keys from the config root ("" is the root), `*` for any key of a record/map
// (`channels.*`, `agents.entries.*`), `[]` for the items of an array (`bindings[]`). Branches of a union
// (anyOf/oneOf) and of allOf are merged into the same path, so an entry describes every value the path
// accepts: a key is accepted when any branch accepts it, a range is the loosest of the branches.
//
// Entry fields (omitted when not applicable):
//   type        sorted list of JSON types the path accepts ("any" when the schema does not constrain it)
//   keys        objects only: "strict" (unknown key = invalid config), "strip" (unknown key silently
//               dropped), "passthrough" (unknown keys kept, unchecked), "record" (unknown keys allowed and
//               checked against the `<path>.*` entry)
//   required    object keys that must be present
//   keyPattern  regex every record key must match (propertyNames.pattern)
//   enum        sorted allowed values (a `const` is a one-value enum); absent when any branch of the same
//               type accepts other values
//   min/max     inclusive numeric bounds; gt/lt exclusive bounds (Number.MAX_SAFE_INTEGER bounds omitted)
//   minLength/maxLength/pattern/format   strings; minItems/maxItems arrays
//   default     the schema's default, when it is a scalar or a small array
//   conditional true when the node carries if/then/not constraints this format does not model
const SAFE = Number.MAX_SAFE_INTEGER;
const SCALAR_KEYS = ['min', 'max', 'gt', 'lt', 'minLength', 'maxLength', 'minItems', 'maxItems'];
const STRICTNESS = ['strict', 'strip', 'record', 'passthrough']; // weakest last: a merge keeps the weakest

/** @returns {Record<string, object>} path pattern -> entry, sorted by path */
export function flattenSchema(root) {
  /** @type {Map<string, object[]>} */
  const found = new Map();
  const add = (path, desc) => {
    if (!found.has(path)) found.set(path, []);
    found.get(path).push(desc);
  };

  function resolve(node, scopes) {
    let guard = 0;
    while (node && typeof node === 'object' && typeof node.$ref === 'string' && guard++ < 20) {
      const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(node.$ref);
      if (!m) return { node: {}, scopes };
      const name = decodeURIComponent(m[2]);
      const scope = [...scopes].reverse().find((s) => s && Object.hasOwn(s, name));
      if (!scope) return { node: {}, scopes };
      node = scope[name];
    }
    return { node, scopes };
  }

  function walk(raw, path, scopes, seen) {
    if (raw === true || raw === undefined) return add(path, { type: ['any'] });
    if (raw === false) return;
    if (raw.$defs || raw.definitions) scopes = [...scopes, { ...raw.definitions, ...raw.$defs }];
    const { node, scopes: sc } = resolve(raw, scopes);
    if (seen.has(node)) return add(path, { type: ['any'], recursive: true });
    const nextSeen = new Set(seen).add(node);
    const branches = [...(node.anyOf ?? []), ...(node.oneOf ?? [])];
    const own = describe(node);
    if (branches.length) {
      // A node with both own keywords and branches: the branches refine it; walk each with the own type.
      for (const b of branches) walk(b, path, sc, nextSeen);
      if (own.type.length && !(own.type.length === 1 && own.type[0] === 'any')) add(path, own);
    } else {
      add(path, own);
    }
    if (node.allOf) for (const b of node.allOf) walk(b, path, sc, nextSeen);
    if (node.properties) for (const [k, v] of Object.entries(node.properties)) walk(v, join(path, k), sc, nextSeen);
    if (node.additionalProperties && typeof node.additionalProperties === 'object' && Object.keys(node.additionalProperties).length)
      walk(node.additionalProperties, join(path, '*'), sc, nextSeen);
    if (node.patternProperties) for (const v of Object.values(node.patternProperties)) walk(v, join(path, '*'), sc, nextSeen);
    if (node.items) {
      const items = Array.isArray(node.items) ? node.items : [node.items];
      for (const it of items) walk(it, `${path}[]`, sc, nextSeen);
    }
  }

  walk(root, '', [], new Set());
  const out = {};
  for (const path of [...found.keys()].sort()) out[path] = merge(found.get(path));
  return out;
}

const join = (path, key) => (path === '' ? key : `${path}.${key}`);

function typesOf(node) {
  if (node.type) return Array.isArray(node.type) ? [...node.type] : [node.type];
  if (node.const !== undefined) return [jsonType(node.const)];
  if (node.enum) return [...new Set(node.enum.map(jsonType))];
  if (node.properties || node.additionalProperties !== undefined) return ['object'];
  if (node.items) return ['array'];
  return node.anyOf || node.oneOf || node.allOf ? [] : ['any'];
}
const jsonType = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

function describe(node) {
  const d = { type: typesOf(node) };
  if (d.type.includes('object')) {
    const a = node.additionalProperties;
    const hasPattern = node.patternProperties && Object.keys(node.patternProperties).length;
    d.keys =
      a === false ? (hasPattern ? 'record' : 'strict') : a === undefined ? (hasPattern ? 'record' : 'strip') : a === true || Object.keys(a).length === 0 ? 'passthrough' : 'record';
    if (Array.isArray(node.required) && node.required.length) d.required = [...node.required].sort();
    if (node.propertyNames?.pattern) d.keyPattern = node.propertyNames.pattern;
  }
  const values = node.const !== undefined ? [node.const] : node.enum;
  if (values) d.enum = values;
  if (typeof node.minimum === 'number' && node.minimum > -SAFE) d.min = node.minimum;
  if (typeof node.maximum === 'number' && node.maximum < SAFE) d.max = node.maximum;
  if (typeof node.exclusiveMinimum === 'number' && node.exclusiveMinimum > -SAFE) d.gt = node.exclusiveMinimum;
  if (typeof node.exclusiveMaximum === 'number' && node.exclusiveMaximum < SAFE) d.lt = node.exclusiveMaximum;
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems']) if (typeof node[k] === 'number' && node[k] < SAFE) d[k] = node[k];
  if (typeof node.pattern === 'string') d.pattern = node.pattern;
  if (typeof node.format === 'string') d.format = node.format;
  if (node.default !== undefined && (typeof node.default !== 'object' || node.default === null || (Array.isArray(node.default) && JSON.stringify(node.default).length <= 120)))
    d.default = node.default;
  if (node.if || node.not) d.conditional = true;
  return d;
}

/** Merges the descriptions a path got from several branches: whatever any branch accepts is accepted. */
function merge(list) {
  if (list.length === 1) return finish(list[0]);
  const type = [...new Set(list.flatMap((d) => d.type))];
  const out = { type: type.includes('any') ? ['any'] : type };
  const objects = list.filter((d) => d.keys);
  if (objects.length) {
    out.keys = objects.map((d) => d.keys).reduce((a, b) => (STRICTNESS.indexOf(a) >= STRICTNESS.indexOf(b) ? a : b));
    const req = objects.map((d) => d.required ?? []);
    const common = req[0].filter((k) => req.every((r) => r.includes(k)));
    if (common.length) out.required = common;
    if (objects.every((d) => d.keyPattern && d.keyPattern === objects[0].keyPattern)) out.keyPattern = objects[0].keyPattern;
  }
  // An enum survives only when every branch that accepts a scalar of that kind restricts it.
  const scalar = list.filter((d) => d.type.some((t) => ['string', 'number', 'integer', 'boolean', 'null', 'any'].includes(t)));
  if (scalar.length && scalar.every((d) => d.enum)) out.enum = [...new Map(scalar.flatMap((d) => d.enum).map((v) => [JSON.stringify(v), v])).values()];
  for (const k of SCALAR_KEYS) {
    const holders = list.filter((d) => relevant(k, d));
    if (!holders.length || !holders.every((d) => d[k] !== undefined)) continue;
    const vals = holders.map((d) => d[k]);
    out[k] = k.startsWith('min') || k === 'gt' ? Math.min(...vals) : Math.max(...vals);
  }
  for (const k of ['pattern', 'format']) {
    const holders = list.filter((d) => d.type.includes('string'));
    if (holders.length && holders.every((d) => d[k] === holders[0][k]) && holders[0][k] !== undefined) out[k] = holders[0][k];
  }
  const def = list.find((d) => d.default !== undefined);
  if (def) out.default = def.default;
  if (list.some((d) => d.conditional)) out.conditional = true;
  if (list.some((d) => d.recursive)) out.recursive = true;
  return finish(out);
}

function relevant(k, d) {
  if (k === 'minLength' || k === 'maxLength') return d.type.includes('string');
  if (k === 'minItems' || k === 'maxItems') return d.type.includes('array');
  return d.type.includes('number') || d.type.includes('integer');
}

const ORDER = ['type', 'keys', 'required', 'keyPattern', 'enum', 'min', 'gt', 'max', 'lt', 'minLength', 'maxLength', 'pattern', 'format', 'minItems', 'maxItems', 'default', 'conditional', 'recursive'];
function finish(d) {
  const out = {};
  d.type = [...new Set(d.type)].sort();
  if (d.type.includes('integer') && d.type.includes('number')) d.type = d.type.filter((t) => t !== 'integer');
  if (d.enum) d.enum = [...d.enum].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  for (const k of ORDER) if (d[k] !== undefined) out[k] = d[k];
  return out;
}
