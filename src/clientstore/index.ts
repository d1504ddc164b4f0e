/**
 * The client store library: the `$JUJU_DATA` files and how commands pick their
 * controller and model. All functions and ClientStore methods are synchronous.
 */
export { ClientStore } from './client-store.js';
export type { ClientStoreOptions, ControllerUpdate } from './client-store.js';
export { jujuDataDir, StoreFile, cookieJarFile } from './data-dir.js';
export type { StoreFileName } from './data-dir.js';
export { builtinClouds, isBuiltinCloud, cloudAlreadyExistsError } from './builtin-clouds.js';
export {
  qualifyModelName,
  splitModelArg,
  isQualifiedModelName,
  splitQualifiedModelName,
  validateQualifiedModelName,
  isValidControllerName,
  isValidModelName,
  isValidUserName,
} from './names.js';
export {
  resolveController,
  resolveModel,
  noSelectedControllerMessage,
  noSelectedModelMessage,
  NO_CONTROLLERS_REGISTERED,
  NO_MODEL_IN_FOCUS,
  ONLY_CONTROLLER_MODEL_EXISTS,
} from './resolve.js';
export type { ResolveControllerOptions, ResolveModelOptions, ResolvedModel } from './resolve.js';
export { encodeCloud } from './clouds-file.js';
export { stringifyYamlV2, parseYaml, goMap, flow, anyValue, compareGoKeys } from './yaml-v2.js';
export type { YamlTree, YamlMapping } from './yaml-v2.js';
export type {
  AccountDetails,
  BootstrapConfig,
  CloudCredentials,
  CloudDefinition,
  CloudRegion,
  CloudSource,
  ControllerDetails,
  ControllerModels,
  Credential,
  ListedCloud,
  ModelDetails,
  ModelDetailsInput,
  ModelType,
} from './types.js';
