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
