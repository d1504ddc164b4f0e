/** Types of the controller domain: the controller's identity and config. */

/** The controller's identity and where it can be reached. */
export interface ControllerInfo {
  readonly uuid: string;
  readonly name: string;
  /** PEM of the controller CA certificate. */
  readonly caCert: string;
  readonly controllerModelUuid: string;
  /** `host:port` API addresses, preferred first. */
  readonly apiAddresses: readonly string[];
  readonly createdAt: string;
}

/** Parameters of {@link ControllerService.initialize}. */
export interface InitializeControllerParams {
  readonly uuid: string;
  readonly name: string;
  readonly caCert: string;
  readonly controllerModelUuid: string;
  /** Controller config given at bootstrap; unset keys take their defaults. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly apiAddresses?: readonly string[];
}

/** Arguments to insert the controller row and its config (state). */
export interface InsertControllerArgs {
  readonly info: ControllerInfo;
  readonly config: Readonly<Record<string, unknown>>;
}
