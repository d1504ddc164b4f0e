/**
 * debug-log's `-i/--include` and `-x/--exclude` values as the entity patterns
 * the controller matches: `mysql/0` -> `unit-mysql-0`, `1` -> `machine-1`,
 * `mysql` -> `unit-mysql-*` (all its units); tags and `*` patterns pass as they are.
 */
import {
  isValidApplicationName,
  isValidMachineId,
  isValidUnitName,
  machineTag,
  parseTag,
  unitTag,
} from '../../../core/names.js';

/** Tag kinds a user may name directly. */
const ENTITY_KINDS: ReadonlySet<string> = new Set(['application', 'machine', 'unit']);

/** The pattern for one value; `warn` hears about values that name nothing known. */
export function entityPattern(value: string, warn: (message: string) => void = () => undefined): string {
  if (value.includes('*')) return value;
  try {
    if (ENTITY_KINDS.has(parseTag(value).kind)) return value;
  } catch {
    // not a tag: try the short forms
  }
  if (isValidMachineId(value)) return machineTag(value);
  if (isValidUnitName(value)) return unitTag(value);
  if (isValidApplicationName(value)) return `unit-${value}-*`;
  warn(`${JSON.stringify(value)} was not recognised as a valid application, machine or unit name`);
  return value;
}
