/**
 * The charm library: parsing and checking charm files (`metadata.yaml`,
 * `config.yaml`, `actions.yaml`, `charmcraft.yaml`, `manifest.yaml`), loading
 * charms from directories and `.charm` archives, packing and safely unpacking
 * archives, charm URLs and origins, bases, and bundles (parse, check, changes).
 * Pure apart from archive and directory I/O; imports only `core`. Used by the
 * client (`juju deploy`), the controller (stores and serves charms) and the unit
 * agent (expands and runs charms).
 */
export type { ActionSpec, CharmActions, JsonSchema } from './actions.js';
export { parseActions, validateActionParams } from './actions.js';
export type {
  ArchiveEntryInfo,
  ArchiveEntryType,
  ArchiveScan,
  UnpackOptions,
  UnpackResult,
} from './archive.js';
export {
  archiveSha256,
  packCharmDir,
  readCharmArchiveFile,
  scanCharmArchive,
  unpackCharmArchive,
} from './archive.js';
export type { Base, BaseCompatibility, BaseCompatibilityOptions, CharmBase } from './base.js';
export {
  BASE_OS_NAMES,
  baseCompatibility,
  baseFromSeries,
  baseTrack,
  charmBases,
  formatBase,
  formatBaseWithRisk,
  isValidBase,
  isValidSeries,
  parseBase,
  sameBase,
  seriesFromBase,
} from './base.js';
export type {
  AddCharmChange,
  AddMachineChange,
  AddRelationChange,
  AddUnitChange,
  BundleChange,
  BundleChangeOptions,
  ConsumeOfferChange,
  DeployChange,
  ExposeChange,
} from './bundle-changes.js';
export { computeBundleChanges } from './bundle-changes.js';
export type { BundleCharmInfo, VerifiedBundleCharms } from './bundle-charms.js';
export { verifyBundleCharms } from './bundle-charms.js';
export type {
  Bundle,
  BundleApplication,
  BundleMachine,
  ParseBundleOptions,
  UnitPlacement,
} from './bundle.js';
export { parseBundle, parseUnitPlacement } from './bundle.js';
export type { Charm, CharmBasesSource, CharmFiles } from './charm.js';
export { charmFromFiles, loadCharmArchive, loadCharmDir } from './charm.js';
export { charmcraftPackFiles } from './charmcraft-pack.js';
export type { CharmcraftPlatform, CharmcraftProject } from './charmcraft.js';
export { parseCharmcraft } from './charmcraft.js';
export type { CharmConfig, ConfigOption, ConfigOptionType, ConfigValue } from './config.js';
export { charmConfigDefaults, coerceCharmConfigValue, parseConfig, validateCharmConfig } from './config.js';
export type { HookSources } from './hooks.js';
export {
  PEBBLE_HOOK_SUFFIXES,
  RELATION_HOOK_SUFFIXES,
  STORAGE_HOOK_SUFFIXES,
  UNIT_HOOKS,
  knownHookNames,
} from './hooks.js';
export type { CharmManifest } from './manifest.js';
export { normaliseArch, parseManifest } from './manifest.js';
export type {
  AssumesExpression,
  CharmContainer,
  CharmDevice,
  CharmMeta,
  CharmResource,
  CharmStorage,
  CharmUser,
  ContainerMount,
  StorageType,
} from './metadata.js';
export { isValidCharmName, parseMetadata } from './metadata.js';
export { naturalCompare, naturalSort } from './natural-sort.js';
export type { CharmOrigin, CharmOriginSource } from './origin.js';
export { CHARM_ORIGIN_KEYS, charmOriginFromWire, localCharmOrigin, originChannel } from './origin.js';
export type { CharmRelation, EndpointMaps, RelationRole, RelationScope } from './relations.js';
export {
  JUJU_INFO_ENDPOINT,
  canRelate,
  charmEndpoints,
  findEndpoint,
  isImplicitEndpoint,
  isValidEndpointName,
  reservedEndpointReason,
} from './relations.js';
export type { CharmSchema, CharmURL } from './url.js';
export {
  charmhubCharmURL,
  formatCharmURL,
  isLocalCharmPath,
  isLocalCharmURL,
  localCharmURL,
  parseCharmURL,
} from './url.js';
