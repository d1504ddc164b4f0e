/**
 * Minimal stand-in for the `reflect-metadata` polyfill. @peculiar/x509 uses tsyringe,
 * which refuses to load unless `Reflect.getMetadata` exists; the four functions below
 * are all tsyringe and tslib's decorator helpers call. Import this module before
 * `@peculiar/x509`. It does nothing when a real polyfill is already installed.
 */

type MetadataKey = unknown;
type PropertyKeyOrNone = string | symbol | undefined;

interface ReflectWithMetadata {
  getMetadata?: unknown;
  getOwnMetadata?: unknown;
  defineMetadata?: unknown;
  metadata?: unknown;
}

const store = new WeakMap<object, Map<PropertyKeyOrNone, Map<MetadataKey, unknown>>>();

function ownMap(
  target: object,
  property: PropertyKeyOrNone,
  create: boolean,
): Map<MetadataKey, unknown> | undefined {
  let byProperty = store.get(target);
  if (byProperty === undefined) {
    if (!create) return undefined;
    byProperty = new Map();
    store.set(target, byProperty);
  }
  let values = byProperty.get(property);
  if (values === undefined && create) {
    values = new Map();
    byProperty.set(property, values);
  }
  return values;
}

function defineMetadata(key: MetadataKey, value: unknown, target: object, property?: string | symbol): void {
  ownMap(target, property, true)?.set(key, value);
}

function getOwnMetadata(key: MetadataKey, target: object, property?: string | symbol): unknown {
  return ownMap(target, property, false)?.get(key);
}

function getMetadata(key: MetadataKey, target: object, property?: string | symbol): unknown {
  // Metadata is inherited along the prototype chain, as with the real polyfill.
  for (
    let current: object | null = target;
    current !== null;
    current = Object.getPrototypeOf(current) as object | null
  ) {
    const values = ownMap(current, property, false);
    if (values?.has(key)) return values.get(key);
  }
  return undefined;
}

function metadata(key: MetadataKey, value: unknown) {
  return (target: object, property?: string | symbol): void => defineMetadata(key, value, target, property);
}

const reflect = Reflect as unknown as ReflectWithMetadata;
if (typeof reflect.getMetadata !== 'function') {
  Object.assign(reflect, { getMetadata, getOwnMetadata, defineMetadata, metadata });
}
