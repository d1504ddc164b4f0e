/**
 * YAML reading and writing that looks like Go's gopkg.in/yaml.v2, which is what
 * Juju uses for every client store file. The `yaml` package does the emitting;
 * this module decides what yaml.v2 would decide: key order (struct fields in
 * declaration order, map keys in yaml.v2's "natural" order), flow style where
 * Juju's struct tags ask for it, and the quoting style of every string.
 *
 * Writers build a tree of {@link YamlTree} values: `Map` for mappings (emitted in
 * insertion order; use {@link goMap} for Go maps so keys get sorted), arrays for
 * sequences, {@link flow} to mark a flow-style collection, and scalars.
 */
import YAML from 'yaml';
import type { Node as YamlNode, ParseOptions, DocumentOptions, SchemaOptions, Tags } from 'yaml';

/** A value the emitter understands. */
export type YamlTree = string | number | boolean | null | YamlTree[] | YamlMapping | FlowCollection;

/** An ordered mapping: keys are emitted in insertion order. */
export type YamlMapping = Map<string, YamlTree>;

/** Marks a mapping or sequence to be written in flow style (`[a, b]`, `{k: v}`). */
export class FlowCollection {
  constructor(readonly value: YamlTree[] | YamlMapping) {}
}

/** Wrap a sequence or mapping so it is written in flow style, as `yaml:",flow"` does. */
export function flow(value: YamlTree[] | YamlMapping): FlowCollection {
  return new FlowCollection(value);
}

/**
 * Compare two map keys the way yaml.v2 sorts them: rune by rune, letters after
 * non-letters, and runs of digits compared by numeric value ("m9" < "m10").
 */
export function goKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      // A zero after a non-zero digit run still counts as part of that number.
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

/** Sort comparator built on {@link goKeyLess}. */
export function compareGoKeys(a: string, b: string): number {
  if (goKeyLess(a, b)) return -1;
  if (goKeyLess(b, a)) return 1;
  return 0;
}

function isIterable<V>(value: Iterable<[string, V]> | Record<string, V>): value is Iterable<[string, V]> {
  return typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function isDigit(c: string): boolean {
  return /\p{Nd}/u.test(c);
}

/**
 * A Go map as a mapping with yaml.v2's key order. Values are converted with
 * `convert`; entries whose converted value is `undefined` are dropped.
 */
export function goMap<V>(
  entries: Iterable<[string, V]> | Record<string, V>,
  convert: (value: V) => YamlTree | undefined,
): YamlMapping {
  const list: [string, V][] = isIterable(entries) ? Array.from(entries) : Object.entries(entries);
  list.sort(([a], [b]) => compareGoKeys(a, b));
  const out: YamlMapping = new Map();
  for (const [k, v] of list) {
    const converted = convert(v);
    if (converted !== undefined) out.set(k, converted);
  }
  return out;
}

/**
 * Any parsed YAML value (free-form config) as a tree, sorting nested mapping keys
 * as a Go `map[string]interface{}` would be sorted when written back.
 */
export function anyValue(value: unknown): YamlTree {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(anyValue);
  if (value instanceof Map)
    return goMap(
      Array.from(value.entries(), ([k, v]) => [String(k), v] as [string, unknown]),
      anyValue,
    );
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return goMap(value as Record<string, unknown>, anyValue);
  // symbols and functions have no YAML form
  return null;
}

// Both directions use YAML 1.1 (as yaml.v2 does) minus the types yaml.v2 reads
// back as plain strings when the target is interface{}: timestamps, and
// sexagesimal numbers.
const customTags = (tags: Tags): Tags =>
  tags.filter((tag) => {
    const id = typeof tag === 'string' ? tag : tag.tag;
    const format = typeof tag === 'string' ? undefined : tag.format;
    return !id.endsWith(':timestamp') && format !== 'TIME';
  });

const schemaOptions: ParseOptions & DocumentOptions & SchemaOptions = { version: '1.1', customTags };

/**
 * Parse YAML text; mappings come back as `Map`s so document order survives
 * (plain objects would move integer-like keys first). Throws the `yaml`
 * package's error on malformed input.
 */
export function parseYaml(text: string): unknown {
  return YAML.parse(text, { ...schemaOptions, mapAsMap: true }) as unknown;
}

/** Serialise a tree as yaml.v2 would (2-space indent, indentless sequences). */
export function stringifyYamlV2(root: YamlTree): string {
  const doc = new YAML.Document(null, schemaOptions);
  doc.contents = toNode(doc, root, false, false);
  return doc.toString({
    indent: 2,
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    flowCollectionPadding: false,
    // JSON-style escapes ("a \nb", "\t") are what yaml.v2 writes for the common cases.
    doubleQuotedAsJSON: true,
  });
}

function toNode(doc: YAML.Document, value: YamlTree, inFlow: boolean, isKey: boolean): YamlNode {
  if (value instanceof FlowCollection) {
    const node = toNode(doc, value.value, true, false) as YAML.YAMLMap | YAML.YAMLSeq;
    node.flow = true;
    return node;
  }
  if (value instanceof Map) {
    const map = new YAML.YAMLMap<YamlNode, YamlNode>(doc.schema);
    for (const [k, v] of value)
      map.items.push(new YAML.Pair(toNode(doc, k, inFlow, true), toNode(doc, v, inFlow, false)));
    return map;
  }
  if (Array.isArray(value)) {
    const seq = new YAML.YAMLSeq<YamlNode>(doc.schema);
    for (const item of value) seq.items.push(toNode(doc, item, inFlow, false));
    return seq;
  }
  if (typeof value === 'string') {
    const scalar = new YAML.Scalar(value);
    scalar.type = goStringStyle(value, inFlow, isKey);
    return scalar;
  }
  // Numbers (.inf/.nan included), booleans and null print as yaml.v2 prints them.
  return new YAML.Scalar(value);
}

type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL';

/**
 * The style yaml.v2 (and the libyaml emitter it ports) gives a string: literal
 * block for multi-line text, double quotes for text that would read back as
 * another type, plain when the text has no indicator characters, else single
 * quotes, else double quotes.
 */
export function goStringStyle(s: string, inFlow: boolean, isKey = false): ScalarStyle {
  const a = analyseScalar(s);
  if (s.includes('\n')) {
    return a.blockAllowed && !inFlow && !isKey ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
  }
  if (resolvesToNonString(s)) return 'QUOTE_DOUBLE';
  const plainAllowed = inFlow ? a.flowPlainAllowed : a.blockPlainAllowed;
  if (plainAllowed && !(s.length === 0 && (inFlow || isKey))) return 'PLAIN';
  return a.singleQuotedAllowed ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
}

interface ScalarAnalysis {
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBlank = (c: string | undefined): boolean =>
  c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function analyseScalar(s: string): ScalarAnalysis {
  if (s.length === 0) {
    return {
      flowPlainAllowed: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  const chars = Array.from(s);
  let flowIndicators = false;
  let blockIndicators = false;
  if (s.startsWith('---') || s.startsWith('...')) {
    flowIndicators = true;
    blockIndicators = true;
  }
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const followedByWhitespace = isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(c)) {
      flowIndicators = true;
    } else if (c === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    const isBreak = c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
    if (isBreak) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c);
  }
  const r: ScalarAnalysis = {
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    r.flowPlainAllowed = false;
    r.blockPlainAllowed = false;
  }
  if (trailingSpace) r.blockAllowed = false;
  if (breakSpace) {
    r.flowPlainAllowed = false;
    r.blockPlainAllowed = false;
    r.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    r.flowPlainAllowed = false;
    r.blockPlainAllowed = false;
    r.singleQuotedAllowed = false;
    r.blockAllowed = false;
  }
  if (lineBreaks) {
    r.flowPlainAllowed = false;
    r.blockPlainAllowed = false;
  }
  if (flowIndicators) r.flowPlainAllowed = false;
  if (blockIndicators) r.blockPlainAllowed = false;
  return r;
}

// prettier-ignore
const nonStringWords = new Set([
  '~', 'null', 'Null', 'NULL',
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE',
  'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '.nan', '.NaN', '.NAN', '<<',
]);

const goIntPattern = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const goFloatPattern = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const base60Pattern = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const timestampPattern =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?)?)?$/;

/** Whether yaml.v2 would read this text, written plain, as something other than a string. */
export function resolvesToNonString(s: string): boolean {
  if (s === '' || nonStringWords.has(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  const plain = s.replaceAll('_', '');
  return (
    goIntPattern.test(plain) ||
    goFloatPattern.test(plain) ||
    base60Pattern.test(s) ||
    timestampPattern.test(s)
  );
}
