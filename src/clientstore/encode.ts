/** Small helpers shared by the file writers. */
import type { YamlMapping, YamlTree } from './yaml-v2.js';

/** Set a string field unless it is missing or empty (Go's `omitempty`). */
export function setIfPresent(map: YamlMapping, key: string, value: string | undefined): void {
  if (value !== undefined && value !== '') map.set(key, value);
}

/** Set a list field unless it is missing or empty (Go's `omitempty`). */
export function setListIfPresent(map: YamlMapping, key: string, value: readonly string[] | undefined): void {
  if (value !== undefined && value.length > 0) map.set(key, [...value] as YamlTree[]);
}
