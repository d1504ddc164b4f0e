/** Wire shapes of the ModelManager facade (v10), keys as Juju's JSON tags. */

export interface ModelSummaryRef {
  name: string;
  uuid: string;
  type: string;
  'owner-tag': string;
}

/** `ModelManager.ListModels {"tag": "user-admin"}`. */
export interface ListModelsResult {
  'user-models': { model: ModelSummaryRef; 'last-connection'?: string | null }[];
}

/** `ModelManager.CreateModel`. */
export interface CreateModelParams {
  name: string;
  'owner-tag': string;
  config?: Record<string, unknown>;
  'cloud-tag'?: string;
  region?: string;
  /** A cloud credential tag, `cloudcred-<cloud>_<owner>_<name>`. */
  credential?: string;
}

export interface ModelUserInfo {
  'model-tag'?: string;
  user: string;
  'display-name': string;
  'last-connection': string | null;
  access: string;
}

export interface ModelMachineInfo {
  id: string;
  hardware?: { cores?: number; arch?: string; mem?: number };
  'instance-id'?: string;
  'display-name'?: string;
  status?: string;
  message?: string;
  'has-vote'?: boolean;
  'wants-vote'?: boolean;
}

/** Juju's `params.ModelInfo` (CreateModel result, ModelInfo results). */
export interface ModelInfo {
  name: string;
  type: string;
  uuid: string;
  'controller-uuid': string;
  'is-controller': boolean;
  'provider-type'?: string;
  'default-base'?: string;
  'cloud-tag': string;
  'cloud-region'?: string;
  'cloud-credential-tag'?: string;
  'cloud-credential-validity'?: boolean;
  'owner-tag': string;
  life: string;
  status?: { status: string; info: string; data?: Record<string, unknown>; since?: string | null };
  users: ModelUserInfo[];
  machines: ModelMachineInfo[];
  'secret-backends'?: { 'result': { name: string; 'backend-type'?: string }; 'num-secrets': number; status: string; message?: string }[];
  'agent-version'?: string;
  'supported-features'?: { name: string; description: string; version?: string }[];
}
