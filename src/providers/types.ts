/**
 * The provider contract: how the controller (and bootstrap) get machines from a
 * cloud. One small core interface; abilities only some clouds have are separate
 * optional interfaces checked with type guards, so a provider implements only
 * what it can do (local namespaces today; lxd, manual, kubernetes later).
 */

/** One machine as the cloud sees it. */
export interface Instance {
  /** Provider-unique instance id, shown as "Inst id" in status. */
  readonly id: string;
  /** The machine's own addresses (IPv4 first). */
  readonly addresses: readonly string[];
  readonly hostname: string;
  /** Host path of the machine's data root (holds var/lib/juju, var/log/juju). */
  readonly dataRoot: string;
  /** Provider status: 'running', 'pending', 'stopped', 'unknown'. */
  readonly status: string;
  /** OS the instance really runs, e.g. {os: 'debian', channel: '12'}. */
  readonly base: { readonly os: string; readonly channel: string };
}

export interface StartInstanceParams {
  /** Machine id in the model ("0", "1", ...). */
  readonly machineId: string;
  readonly modelUuid: string;
  /**
   * The agent to run inside the new instance once it is up: argv and extra
   * environment. It receives the created instance, so paths can point into its
   * data root.
   */
  readonly agent: (instance: Instance) => AgentCommand;
}

/** The agent process an instance runs. */
export interface AgentCommand {
  readonly argv: string[];
  readonly env?: Record<string, string>;
  /**
   * Restart the agent when it dies with a non-zero status or a signal, as
   * Juju's systemd units do (`Restart=on-failure`). A clean exit ends it.
   */
  readonly restartOnFailure?: boolean;
}

/** A cloud opened for one controller: every instance it makes is tagged with that controller. */
export interface Environ {
  startInstance(params: StartInstanceParams): Promise<Instance>;
  /** Stop and delete instances (and their agents); unknown ids are ignored. */
  stopInstances(ids: readonly string[]): Promise<void>;
  /** Instances of this controller, optionally only those of one model. */
  allInstances(modelUuid?: string): Promise<Instance[]>;
  /** Remove every instance and resource of this controller. Never hangs. */
  destroy(): Promise<void>;
}

export interface EnvironConfig {
  readonly controllerUuid: string;
  /** Cloud-specific settings (e.g. the local cloud's address range). */
  readonly cloudConfig?: Readonly<Record<string, unknown>>;
}

export interface Provider {
  /** Provider type as in clouds.yaml and model config `type`: "local", "lxd", "manual". */
  readonly type: string;
  /** Fails with a clear JujuError when this host cannot run the provider (e.g. not root). */
  checkHost(): Promise<void>;
  open(config: EnvironConfig): Environ;
}
