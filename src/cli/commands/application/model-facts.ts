/**
 * What application and machine commands need to know about the target
 * model before acting: its provider type (the local cloud refuses
 * containers), whether removals ask first (`mode` contains
 * `requires-prompts`), and its default base.
 */
import type { ApiConnection } from '../../../api/connection.js';
import type { ModelConfigResults } from '../../../rpc/params/model-config.js';

/** The cloud type whose machines cannot hold containers. */
export const LOCAL_PROVIDER = 'local';

/** Facts read from the model's config. */
export interface ModelFacts {
  /** Provider type, e.g. `local`. */
  readonly providerType: string;
  /** `mode` contains `requires-prompts`. */
  readonly requiresPrompts: boolean;
  /** `default-base`, '' when unset. */
  readonly defaultBase: string;
}

/** Reads the facts with `ModelConfig.ModelGet`. */
export async function modelFacts(conn: ApiConnection): Promise<ModelFacts> {
  const { config } = await conn.call<ModelConfigResults>('ModelConfig', 'ModelGet');
  const text = (key: string): string => {
    const value = config[key]?.value;
    return typeof value === 'string' ? value : '';
  };
  return {
    providerType: text('type'),
    requiresPrompts: text('mode')
      .split(',')
      .map((m) => m.trim())
      .includes('requires-prompts'),
    defaultBase: text('default-base'),
  };
}
