/** Errors of the model domain, worded as Juju's. */
import { alreadyExists, ErrorCode, JujuError, notSupported, notValid } from '../../core/errors.js';

export const invalidModelName = (name: string): JujuError =>
  notValid(
    `${JSON.stringify(name)} is not a valid name: model names may only contain lowercase letters, digits and hyphens`,
  );

export const modelAlreadyExists = (owner: string, name: string): JujuError =>
  alreadyExists(`model ${JSON.stringify(`${owner}/${name}`)} already exists`);

export const modelNotFound = (id: string): JujuError =>
  new JujuError(ErrorCode.ModelNotFound, `model ${JSON.stringify(id)} not found`);

export const controllerModelExists = (): JujuError => alreadyExists('controller model already exists');

/** Refusal to destroy the controller model with destroy-model. */
export const cannotDestroyControllerModel = (name: string): JujuError =>
  notSupported(`${JSON.stringify(name)} is a controller; use 'juju destroy-controller' to destroy it`);

export const modelNotEmpty = (machines: number): JujuError =>
  new JujuError(ErrorCode.ModelNotEmpty, `model not empty, found ${machines} machine(s)`);

export const invalidModelStatus = (status: string): JujuError =>
  notValid(`cannot set invalid status ${JSON.stringify(status)} for model`);

export const unsupportedModelType = (type: string): JujuError =>
  notSupported(`model type ${JSON.stringify(type)} not supported`);
