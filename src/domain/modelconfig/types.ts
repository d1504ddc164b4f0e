/** Types of the model-config domain: per-model config, model defaults, constraints. */
import type { ResolvedConfigValue } from '../../core/config/model-config.js';

/** Effective model config: every key with its value and where it comes from. */
export type ModelConfigWithSources = Record<string, ResolvedConfigValue>;

/** One region's default for a key. */
export interface RegionDefault {
  readonly name: string;
  readonly value: unknown;
}

/** `juju model-defaults` view of one key: each layer that has a value. */
export interface ModelDefaultValues {
  readonly default?: unknown;
  readonly controller?: unknown;
  readonly regions?: readonly RegionDefault[];
}

/** Model constraints, stored as given (JSON object, e.g. `{mem: 4096, cores: 2}`). */
export type ConstraintsValue = Readonly<Record<string, unknown>>;

/** Where a model lives, which decides its inherited layers. */
export interface ModelPlacement {
  readonly cloud: string;
  /** '' for clouds without regions. */
  readonly region: string;
}

/** Parameters of {@link ModelConfigService.composeNewModelConfig}. */
export interface NewModelConfigParams {
  readonly cloud: string;
  readonly region: string;
  readonly name: string;
  readonly type: string;
  readonly uuid: string;
  readonly agentVersion: string;
  /** Config given to add-model / bootstrap. */
  readonly config?: Readonly<Record<string, unknown>>;
}
