/**
 * What `juju bootstrap` hands the new controller's first agent (the
 * `bootstrap-params` file, mode 0600, in the controller machine's data dir).
 * The agent initialises state from it once and then deletes it.
 */

export interface BootstrapCloud {
  readonly name: string;
  readonly type: string;
  readonly authTypes: readonly string[];
  readonly endpoint?: string;
  readonly regions: readonly { name: string; endpoint?: string }[];
  readonly config?: Record<string, unknown>;
}

export interface BootstrapParams {
  readonly controllerUuid: string;
  readonly controllerName: string;
  readonly controllerModelUuid: string;
  readonly caCert: string;
  readonly caKey: string;
  /** The admin user's initial password (hashed by the controller, never stored in clear). */
  readonly adminPassword: string;
  readonly controllerConfig: Record<string, unknown>;
  /** Config of the controller model (bootstrap --config keys that are not controller config). */
  readonly modelConfig: Record<string, unknown>;
  /** bootstrap --model-default: the cloud-level defaults for every model. */
  readonly modelDefaults: Record<string, unknown>;
  readonly constraints: string;
  readonly bootstrapConstraints: string;
  readonly cloud: BootstrapCloud;
  readonly cloudRegion: string;
  readonly credential?: { name: string; authType: string; attributes: Record<string, string> };
  /** The controller machine (machine 0 of the controller model). */
  readonly machine: {
    readonly instanceId: string;
    readonly hostname: string;
    readonly addresses: readonly string[];
    readonly base: { readonly os: string; readonly channel: string };
  };
}
