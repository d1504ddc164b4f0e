/**
 * A flag parser with juju/gnuflag semantics: long (`--name v`, `--name=v`) and
 * one-letter (`-n 3`, `-n3`, clustered booleans `-qv`) forms, booleans that take
 * no value (false only via `--flag=false`), flags interspersed with positional
 * arguments, `--` to end flag parsing, repeatable flags, and gnuflag's error
 * wording ("option provided but not defined: --foo").
 */

/** Thrown for bad command lines; the CLI prints it as `ERROR <message>` and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How one flag turns text into a value. */
export interface FlagValue {
  /** Apply one occurrence; throw Error with the reason for a bad value. */
  set(text: string): void;
  /** Text shown as the default in help (`(= "")`, `(= false)`). */
  readonly defaultText: string;
  readonly isBool: boolean;
  /** Whether the help shows the default quoted (string-typed flags). */
  readonly quoted: boolean;
}

export interface FlagDef {
  readonly names: readonly string[];
  readonly usage: string;
  readonly value: FlagValue;
}

/** A parsed flag's current value and whether the user gave it. */
export interface FlagRef<T> {
  value: T;
  readonly given: boolean;
}

class Ref<T> implements FlagRef<T> {
  given = false;
  constructor(public value: T) {}
}

const dash = (name: string): string => (name.length === 1 ? `-${name}` : `--${name}`);

export class FlagSet {
  private readonly byName = new Map<string, FlagDef>();
  private readonly defs: FlagDef[] = [];

  /** Register a flag under one or more names (e.g. ['m', 'model']). */
  define(names: string | readonly string[], usage: string, value: FlagValue): void {
    const list = typeof names === 'string' ? [names] : names;
    const def: FlagDef = { names: list, usage, value };
    for (const n of list) {
      if (this.byName.has(n)) throw new Error(`flag redefined: ${n}`);
      this.byName.set(n, def);
    }
    this.defs.push(def);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  string(names: string | readonly string[], def: string, usage: string): FlagRef<string> {
    const ref = new Ref(def);
    this.define(names, usage, {
      set: (t) => {
        ref.value = t;
        ref.given = true;
      },
      defaultText: JSON.stringify(def),
      isBool: false,
      quoted: true,
    });
    return ref;
  }

  bool(names: string | readonly string[], def: boolean, usage: string): FlagRef<boolean> {
    const ref = new Ref(def);
    this.define(names, usage, {
      set: (t) => {
        ref.value = parseBool(t);
        ref.given = true;
      },
      defaultText: String(def),
      isBool: true,
      quoted: false,
    });
    return ref;
  }

  int(names: string | readonly string[], def: number, usage: string): FlagRef<number> {
    const ref = new Ref(def);
    this.define(names, usage, {
      set: (t) => {
        if (!/^[+-]?\d+$/.test(t))
          throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(t)}: invalid syntax`);
        ref.value = Number.parseInt(t, 10);
        ref.given = true;
      },
      defaultText: String(def),
      isBool: false,
      quoted: false,
    });
    return ref;
  }

  /** A flag that may be given many times; every occurrence is kept in order. */
  stringList(names: string | readonly string[], usage: string): FlagRef<string[]> {
    const ref = new Ref<string[]>([]);
    this.define(names, usage, {
      set: (t) => {
        ref.value.push(t);
        ref.given = true;
      },
      defaultText: '',
      isBool: false,
      quoted: false,
    });
    return ref;
  }

  /** A flag whose text is checked/converted by `parse` (which throws Error on bad input). */
  custom<T>(
    names: string | readonly string[],
    def: T,
    usage: string,
    parse: (text: string) => T,
    defaultText = '',
  ): FlagRef<T> {
    const ref = new Ref(def);
    this.define(names, usage, {
      set: (t) => {
        ref.value = parse(t);
        ref.given = true;
      },
      defaultText,
      isBool: false,
      quoted: false,
    });
    return ref;
  }

  /** All definitions, for help output. */
  definitions(): readonly FlagDef[] {
    return this.defs;
  }

  /**
   * Parse `args`, applying flags and returning the positional arguments.
   * With `interspersed` false, parsing stops at the first positional (ssh/scp).
   */
  parse(args: readonly string[], interspersed = true): string[] {
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '--') {
        positional.push(...args.slice(i + 1));
        break;
      }
      if (!arg.startsWith('-') || arg === '-') {
        if (!interspersed) {
          positional.push(...args.slice(i));
          break;
        }
        positional.push(arg);
        continue;
      }
      i = arg.startsWith('--') ? this.parseLong(args, i) : this.parseShort(args, i);
    }
    return positional;
  }

  private parseLong(args: readonly string[], i: number): number {
    const body = (args[i] as string).slice(2);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const def = this.lookup(name, `--${name}`);
    if (eq >= 0) {
      this.apply(def, name, body.slice(eq + 1));
      return i;
    }
    if (def.value.isBool) {
      this.apply(def, name, 'true');
      return i;
    }
    if (i + 1 >= args.length) throw new UsageError(`option needs an argument: ${dash(name)}`);
    this.apply(def, name, args[i + 1] as string);
    return i + 1;
  }

  private parseShort(args: readonly string[], i: number): number {
    const body = (args[i] as string).slice(1);
    for (let k = 0; k < body.length; k++) {
      const name = body[k] as string;
      const def = this.lookup(name, `-${name}`);
      const rest = body.slice(k + 1);
      if (def.value.isBool) {
        if (rest.startsWith('=')) {
          this.apply(def, name, rest.slice(1));
          return i;
        }
        this.apply(def, name, 'true');
        continue;
      }
      if (rest.length > 0) {
        this.apply(def, name, rest.startsWith('=') ? rest.slice(1) : rest);
        return i;
      }
      if (i + 1 >= args.length) throw new UsageError(`option needs an argument: -${name}`);
      this.apply(def, name, args[i + 1] as string);
      return i + 1;
    }
    return i;
  }

  private lookup(name: string, shown: string): FlagDef {
    const def = this.byName.get(name);
    if (!def) throw new UsageError(`option provided but not defined: ${shown}`);
    return def;
  }

  private apply(def: FlagDef, name: string, text: string): void {
    try {
      def.value.set(text);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new UsageError(`invalid value ${JSON.stringify(text)} for option ${dash(name)}: ${reason}`);
    }
  }
}

/** Go strconv.ParseBool. */
export function parseBool(text: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
}

/** gnuflag's help listing: alias groups sorted by name, `-m, --model (= "")` then the usage indented. */
export function formatFlagDefaults(defs: readonly FlagDef[]): string {
  const groups = defs.map((d) => ({ def: d, names: [...d.names].sort(byLengthThenName) }));
  groups.sort((a, b) => (minName(a.def.names) < minName(b.def.names) ? -1 : 1));
  const out: string[] = [];
  for (const { def, names } of groups) {
    const shown = names.map(dash).join(', ');
    const dflt = def.value.quoted ? ` (= ${def.value.defaultText})` : `  (= ${def.value.defaultText})`;
    out.push(shown + dflt);
    for (const line of def.usage.split('\n')) out.push(`    ${line}`);
  }
  return out.join('\n');
}

const byLengthThenName = (a: string, b: string): number =>
  a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
const minName = (names: readonly string[]): string => [...names].sort()[0] ?? '';
