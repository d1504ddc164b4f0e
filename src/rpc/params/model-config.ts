/** Wire shapes of the ModelConfig facade (v3), keys as Juju's JSON tags. */

/** One effective config value and the layer it comes from. */
export interface ConfigValue {
  value: unknown;
  /** `default`, `controller`, `region` or `model`. */
  source: string;
}

/** `ModelConfig.ModelGet` reply. */
export interface ModelConfigResults {
  config: Record<string, ConfigValue>;
}

/** `ModelConfig.ModelSet` params. */
export interface ModelSet {
  config: Record<string, unknown>;
}

/** `ModelConfig.ModelUnset` params. */
export interface ModelUnset {
  keys: string[];
}

/**
 * Constraints as the wire carries them (`{"arch":"amd64","mem":4096}`): sizes
 * in MiB, lists as arrays.
 */
export type ConstraintsValue = Record<string, string | number | boolean | string[]>;

/** `ModelConfig.GetModelConstraints` reply. */
export interface GetConstraintsResults {
  constraints: ConstraintsValue;
}

/** `ModelConfig.SetModelConstraints` params (`application` is "" for the model). */
export interface SetConstraints {
  application?: string;
  constraints: ConstraintsValue;
}

/** `{"result": "..."}`, e.g. `ModelConfig.SLALevel`. */
export interface StringResult {
  result: string;
  error?: { message: string; code: string };
}
