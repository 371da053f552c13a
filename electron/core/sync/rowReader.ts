import { syncRowSchemas, syncTableNames, type SyncTableName } from '../../shared/sync/rows';
import type { ColumnKind } from './ingest';

// The fast path of the pull's row check. Zod's safeParse of a snapshot row costs about as much as
// JSON.parse of its line (it builds a new object, runs checks through generic machinery); here
// each table's zod schema is translated once into plain per-column predicates that test the
// parsed row and write its cache values in the same pass. The translation knows only the few
// zod constructs the wire rows use and gives up on anything else, and a row it does not accept is
// not rejected here: the caller then runs the zod schema itself, which has the last word (and the
// error message). So the fast path may only ever accept what zod accepts; a test checks that on
// mutated rows of every table.

/** Reads a row that certainly passes its table's zod schema into cache values, else undefined. */
export type FastRowReader = (input: Record<string, unknown>) => unknown[] | undefined;

type Predicate = (value: unknown) => boolean;

/** A reader per synced table whose schema translates (all of them today), by table name. */
export function compileRowReaders(kindOf: (table: SyncTableName, column: string) => ColumnKind): Map<SyncTableName, FastRowReader> {
  const readers = new Map<SyncTableName, FastRowReader>();
  for (const table of syncTableNames) {
    const columns = Object.keys(syncRowSchemas[table].shape);
    const reader = compileRowReader(syncRowSchemas[table], columns.map((column) => kindOf(table, column)));
    if (reader !== undefined) readers.set(table, reader);
  }
  return readers;
}

/** The fast reader of a zod strict object schema (cache kinds per column), or undefined if it does not translate. */
export function compileRowReader(schema: unknown, kinds: readonly ColumnKind[]): FastRowReader | undefined {
  const def = (schema as { _zod: { def: ZodDef } })._zod.def;
  // Only a strict object: any other key makes zod reject, so the key count must match exactly.
  if (def.type !== 'object' || def.catchall?._zod.def.type !== 'never' || def.shape === undefined) return undefined;
  const columns = Object.keys(def.shape);
  const predicates: Predicate[] = [];
  for (const column of columns) {
    const predicate = translate(def.shape[column]?._zod.def);
    if (predicate === undefined) return undefined;
    predicates.push(predicate);
  }
  if (kinds.length !== columns.length) return undefined;
  const count = columns.length;
  return (input) => {
    if (Object.keys(input).length !== count) return undefined;
    const values = new Array<unknown>(count);
    for (let i = 0; i < count; i++) {
      const column = columns[i] as string;
      if (!Object.hasOwn(input, column)) return undefined;
      const value = input[column];
      if (!(predicates[i] as Predicate)(value)) return undefined;
      const kind = kinds[i];
      values[i] = value === null || kind === 'plain' ? value : kind === 'boolean' ? (value ? 1 : 0) : JSON.stringify(value);
    }
    return values;
  };
}

// One zod type as a predicate, or undefined for anything not known to mean exactly this.
function translate(def: ZodDef | undefined): Predicate | undefined {
  if (def === undefined || (def.checks !== undefined && def.checks.length > 0 && def.type !== 'string' && def.type !== 'number')) return undefined;
  switch (def.type) {
    case 'nullable': {
      const inner = translate(def.innerType?._zod.def);
      return inner === undefined ? undefined : (value) => value === null || inner(value);
    }
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'enum': {
      if (def.entries === undefined) return undefined;
      const allowed = new Set<unknown>(Object.values(def.entries));
      return (value) => allowed.has(value);
    }
    case 'string':
      return stringPredicate(def);
    case 'number':
      return numberPredicate(def);
    case 'record':
      // A record of string keys to anything: a plain object (what JSON.parse makes of `{…}`).
      if (def.keyType?._zod.def.type !== 'string' || (def.keyType._zod.def.checks?.length ?? 0) > 0 || def.valueType?._zod.def.type !== 'unknown') return undefined;
      return (value) => typeof value === 'object' && value !== null && isPlain(value);
    default:
      return undefined;
  }
}

function stringPredicate(def: ZodDef): Predicate | undefined {
  const tests: Predicate[] = [];
  // z.iso.datetime() and z.iso.date() are their pattern and nothing else (other formats, such as
  // url or jwt, check more than a pattern, so they are left to zod).
  if (def.format !== undefined) {
    if ((def.format !== 'datetime' && def.format !== 'date') || !(def.pattern instanceof RegExp)) return undefined;
    tests.push(regexTest(def.pattern));
  }
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length' && typeof c.minimum === 'number') {
      const minimum = c.minimum;
      tests.push((value) => (value as string).length >= minimum);
    } else if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp) {
      tests.push(regexTest(c.pattern));
    } else return undefined;
  }
  return withType('string', tests);
}

function numberPredicate(def: ZodDef): Predicate | undefined {
  const tests: Predicate[] = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'number_format' && c.format === 'safeint') tests.push((value) => Number.isSafeInteger(value));
    else if ((c.check === 'greater_than' || c.check === 'less_than') && typeof c.value === 'number') {
      const bound = c.value;
      const above = c.check === 'greater_than';
      tests.push(c.inclusive === true ? (value) => (above ? (value as number) >= bound : (value as number) <= bound) : (value) => (above ? (value as number) > bound : (value as number) < bound));
    } else return undefined;
  }
  return withType('number', tests);
}

// `typeof value === type` and every test, unrolled for the usual one or two tests.
function withType(type: 'string' | 'number', tests: Predicate[]): Predicate {
  const [first, second] = tests;
  const isType: Predicate = type === 'string' ? (value) => typeof value === 'string' : (value) => typeof value === 'number' && Number.isFinite(value);
  if (first === undefined) return isType;
  if (second === undefined) return (value) => isType(value) && first(value);
  if (tests.length === 2) return (value) => isType(value) && first(value) && second(value);
  return (value) => isType(value) && tests.every((test) => test(value));
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// A global or sticky pattern keeps state between tests; a copy without those flags does not.
function regexTest(pattern: RegExp): Predicate {
  const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return (value) => regex.test(value as string);
}

// The parts of zod 4's internal definitions read here.
interface ZodDef {
  type: string;
  format?: string;
  pattern?: unknown;
  checks?: { _zod: { def: CheckDef } }[];
  innerType?: { _zod: { def: ZodDef } };
  entries?: Record<string, unknown>;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  catchall?: { _zod: { def: ZodDef } };
  keyType?: { _zod: { def: ZodDef } };
  valueType?: { _zod: { def: ZodDef } };
}

interface CheckDef {
  check: string;
  format?: string;
  pattern?: unknown;
  minimum?: number;
  value?: number;
  inclusive?: boolean;
}
