/**
 * The Cloud facade (v7) on controller connections: the clouds a controller
 * knows, who may use them, and users' cloud credentials. Reading a cloud needs
 * some access to it; adding clouds needs controller superuser; changing or
 * removing a cloud, or its access, needs superuser or admin on that cloud.
 * Credentials are their owner's (superusers may manage anyone's).
 */
import {
  ErrorCode,
  JujuError,
  errorMessage,
  isJujuError,
  notFound,
  unauthorized,
} from '../../core/errors.js';
import {
  TagKind,
  cloudCredentialTag,
  cloudTag,
  parseCloudCredentialTag,
  parseTag,
} from '../../core/names.js';
import { cloudTarget, userKey } from '../../domain/access/types.js';
import type { Cloud, CloudCredential, CloudParams } from '../../domain/cloud/types.js';
import { errorResult, type ErrorResult } from '../../rpc/errors.js';
import type {
  AddCloudArgs,
  CloudCredentialArgs,
  CloudCredentialResults,
  CloudDetails,
  CloudInfo,
  CloudInfoResults,
  CloudResults,
  CloudsResult,
  CloudUserInfo,
  ControllerCredentialInfo,
  CredentialContentResults,
  ListCloudInfoResults,
  ListCloudsRequest,
  ModifyCloudAccessRequest,
  RevokeCredentialArgs,
  StringsResults,
  UpdateCloudArgs,
  UpdateCredentialArgs,
  UpdateCredentialResult,
  UpdateCredentialResults,
  UserClouds,
  Cloud as WireCloud,
  CloudCredential as WireCredential,
  CloudRegion as WireRegion,
} from '../../rpc/params/cloud.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerUser, requireSuperuser } from './auth.js';
import type { FacadeDeps } from './deps.js';

interface Entities {
  entities?: { tag: string }[];
}

/** Credential attributes that are secrets (Juju's schemas mark them hidden). */
const HIDDEN_ATTRIBUTE = /(password|secret|private-key|client-key|token|oauth)/;

/** `<prefix>: <message>`, keeping the wire code (Juju's errors.Annotate). */
function annotate(err: unknown, prefix: string): JujuError {
  const code = err instanceof JujuError ? err.code : '';
  return new JujuError(code, `${prefix}: ${errorMessage(err)}`);
}

/** Runs `fn` once per item, turning each failure into that item's error entry. */
function each<T, R>(items: readonly T[] | undefined, fn: (item: T) => R): (R | ErrorResult)[] {
  return (items ?? []).map((item) => {
    try {
      return fn(item);
    } catch (err) {
      return errorResult(err);
    }
  });
}

function setIf<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
  keep: boolean,
): void {
  if (keep && value !== undefined) target[key] = value;
}

function wireRegions(cloud: Cloud): WireRegion[] {
  return cloud.regions.map((r) => {
    const out: WireRegion = { name: r.name };
    setIf(out, 'endpoint', r.endpoint, r.endpoint !== '');
    setIf(out, 'identity-endpoint', r.identityEndpoint, r.identityEndpoint !== '');
    setIf(out, 'storage-endpoint', r.storageEndpoint, r.storageEndpoint !== '');
    return out;
  });
}

/** The cloud fields common to every cloud reply, empty ones left out as Juju does. */
function cloudDetails(cloud: Cloud): CloudDetails {
  const out: CloudDetails = { type: cloud.type };
  setIf(out, 'auth-types', [...cloud.authTypes], cloud.authTypes.length > 0);
  setIf(out, 'endpoint', cloud.endpoint, cloud.endpoint !== '');
  setIf(out, 'identity-endpoint', cloud.identityEndpoint, cloud.identityEndpoint !== '');
  setIf(out, 'storage-endpoint', cloud.storageEndpoint, cloud.storageEndpoint !== '');
  setIf(out, 'regions', wireRegions(cloud), cloud.regions.length > 0);
  return out;
}

function toWireCloud(cloud: Cloud): WireCloud {
  const out: WireCloud = { ...cloudDetails(cloud) };
  setIf(out, 'description', cloud.description, cloud.description !== '');
  setIf(out, 'ca-certificates', [...cloud.caCertificates], cloud.caCertificates.length > 0);
  setIf(out, 'config', { ...cloud.config }, Object.keys(cloud.config).length > 0);
  return out;
}

function fromWireCloud(name: string, c: WireCloud | undefined): CloudParams {
  if (c === undefined || typeof c !== 'object')
    throw new JujuError(ErrorCode.BadRequest, 'missing cloud definition');
  return {
    name,
    type: c.type ?? '',
    description: c.description ?? '',
    authTypes: c['auth-types'] ?? [],
    endpoint: c.endpoint ?? '',
    identityEndpoint: c['identity-endpoint'] ?? '',
    storageEndpoint: c['storage-endpoint'] ?? '',
    regions: (c.regions ?? []).map((r) => ({
      name: r.name,
      endpoint: r.endpoint ?? '',
      identityEndpoint: r['identity-endpoint'] ?? '',
      storageEndpoint: r['storage-endpoint'] ?? '',
    })),
    caCertificates: c['ca-certificates'] ?? [],
    config: c.config ?? {},
  };
}

function cloudFromTag(tag: string): string {
  return parseTag(tag, TagKind.Cloud).id;
}

function isHidden(attribute: string): boolean {
  return HIDDEN_ATTRIBUTE.test(attribute);
}

function credentialMatches(
  m: { credential: { cloud: string; owner: string; name: string } | null },
  c: { cloud: string; owner: string; name: string },
): boolean {
  return (
    m.credential !== null &&
    m.credential.cloud === c.cloud &&
    userKey(m.credential.owner) === userKey(c.owner) &&
    m.credential.name === c.name
  );
}

export function cloudFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;

  /** The caller's effective access to a cloud, or null. */
  const accessTo = (user: string, cloud: string): string | null =>
    services.access.effectiveAccess(user, cloudTarget(cloud));

  /** The cloud, when the caller may see it. */
  const visibleCloud = (ctx: CallContext, name: string): Cloud => {
    const cloud = services.cloud.cloud(name);
    if (accessTo(callerUser(ctx), name) === null) throw unauthorized();
    return cloud;
  };

  /** Superuser, or admin of the cloud. */
  const requireCloudAdmin = (ctx: CallContext, cloud: string): string => {
    const user = callerUser(ctx);
    if (!services.access.isSuperuser(user) && accessTo(user, cloud) !== 'admin') throw unauthorized();
    return user;
  };

  /** The credential's owner, or a superuser. */
  const requireCredentialOwner = (ctx: CallContext, owner: string): string => {
    const user = callerUser(ctx);
    if (userKey(user) !== userKey(owner) && !services.access.isSuperuser(user)) throw unauthorized();
    return user;
  };

  const modelsUsing = (c: { cloud: string; owner: string; name: string }) =>
    services.model.list().filter((m) => credentialMatches(m, c));

  const visibleAttributes = (cred: CloudCredential, includeSecrets: boolean): Record<string, string> => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(cred.attributes)) if (includeSecrets || !isHidden(k)) attrs[k] = v;
    return attrs;
  };

  return {
    name: 'Cloud',
    versions: [7],
    kinds: ['controller'],
    methods: {
      Clouds: (ctx: CallContext): CloudsResult => {
        const user = callerUser(ctx);
        const clouds: Record<string, WireCloud> = {};
        for (const cloud of services.cloud.listClouds()) {
          if (accessTo(user, cloud.name) !== null) clouds[cloudTag(cloud.name)] = toWireCloud(cloud);
        }
        return { clouds };
      },

      Cloud: (ctx: CallContext, p: Entities): CloudResults => ({
        results: each(p.entities, (e) => ({ cloud: toWireCloud(visibleCloud(ctx, cloudFromTag(e.tag))) })),
      }),

      CloudInfo: (ctx: CallContext, p: Entities): CloudInfoResults => ({
        results: each(p.entities, (e) => {
          const name = cloudFromTag(e.tag);
          const cloud = visibleCloud(ctx, name);
          const user = callerUser(ctx);
          const admin = services.access.isSuperuser(user) || accessTo(user, name) === 'admin';
          const users: CloudUserInfo[] = services.access
            .usersWithAccess(cloudTarget(name))
            .filter((u) => admin || userKey(u.user) === userKey(user))
            .map((u) => ({ user: u.user, 'display-name': u.displayName, access: u.access }));
          const result: CloudInfo = { ...cloudDetails(cloud), users };
          return { result };
        }),
      }),

      ListCloudInfo: (ctx: CallContext, p: ListCloudsRequest): ListCloudInfoResults => {
        const caller = callerUser(ctx);
        const user = p['user-tag'] ? parseTag(p['user-tag'], TagKind.User).id : caller;
        if (userKey(user) !== userKey(caller) || p.all === true) requireSuperuser(deps, ctx);
        const results: ListCloudInfoResults['results'] = [];
        for (const cloud of services.cloud.listClouds()) {
          const access = accessTo(user, cloud.name);
          if (access === null && p.all !== true) continue;
          results.push({ result: { ...cloudDetails(cloud), 'user-access': access ?? '' } });
        }
        return { results };
      },

      DefaultCloud: (ctx: CallContext) => {
        callerUser(ctx);
        return { result: cloudTag(services.model.controllerModel().cloud) };
      },

      AddCloud: (ctx: CallContext, p: AddCloudArgs) => {
        const owner = requireSuperuser(deps, ctx);
        const params = fromWireCloud(p.name, p.cloud);
        const controllerCloud = services.cloud.cloud(services.model.controllerModel().cloud);
        if (p.force !== true && params.type !== controllerCloud.type) {
          throw new JujuError(
            'incompatible clouds',
            `controller cloud type ${JSON.stringify(controllerCloud.type)} incompatible with cloud type ${JSON.stringify(params.type)}`,
          );
        }
        services.cloud.addCloud(params, owner);
        return {};
      },

      UpdateCloud: (ctx: CallContext, p: UpdateCloudArgs) => ({
        results: each(p.clouds, (c) => {
          requireCloudAdmin(ctx, c.name);
          services.cloud.updateCloud(fromWireCloud(c.name, c.cloud));
          return {};
        }),
      }),

      RemoveClouds: (ctx: CallContext, p: Entities) => ({
        results: each(p.entities, (e) => {
          const name = cloudFromTag(e.tag);
          requireCloudAdmin(ctx, name);
          services.cloud.removeCloud(name);
          return {};
        }),
      }),

      ModifyCloudAccess: (ctx: CallContext, p: ModifyCloudAccessRequest) => ({
        results: each(p.changes, (c) => {
          const cloud = cloudFromTag(c['cloud-tag']);
          const by = requireCloudAdmin(ctx, cloud);
          const user = parseTag(c['user-tag'], TagKind.User).id;
          const target = cloudTarget(cloud);
          if (c.action === 'grant') {
            try {
              services.access.grant({ user, target, access: c.access, grantedBy: by });
            } catch (err) {
              if (isJujuError(err, ErrorCode.AlreadyExists)) throw err;
              throw annotate(err, 'could not grant cloud access');
            }
          } else if (c.action === 'revoke') {
            try {
              services.access.revoke({ user, target, access: c.access });
            } catch (err) {
              throw annotate(err, 'could not revoke cloud access');
            }
          } else {
            throw new JujuError(ErrorCode.BadRequest, `unknown action ${JSON.stringify(c.action)}`);
          }
          return {};
        }),
      }),

      UserCredentials: (ctx: CallContext, p: UserClouds): StringsResults => ({
        results: each(p['user-clouds'], (uc) => {
          const user = parseTag(uc['user-tag'], TagKind.User).id;
          requireCredentialOwner(ctx, user);
          const cloud = cloudFromTag(uc['cloud-tag']);
          services.cloud.cloud(cloud);
          return {
            result: services.cloud
              .credentials({ owner: user, cloud })
              .map((c) => cloudCredentialTag(c.cloud, user, c.name)),
          };
        }),
      }),

      Credential: (ctx: CallContext, p: Entities): CloudCredentialResults => ({
        results: each(p.entities, (e) => {
          const key = parseCloudCredentialTag(e.tag);
          requireCredentialOwner(ctx, key.owner);
          const cred = services.cloud.credential(key);
          const result: WireCredential = { 'auth-type': cred.authType };
          const attrs = visibleAttributes(cred, false);
          const redacted = Object.keys(cred.attributes).filter(isHidden).sort();
          if (Object.keys(attrs).length > 0) result.attrs = attrs;
          if (redacted.length > 0) result.redacted = redacted;
          return { result };
        }),
      }),

      UpdateCredentialsCheckModels: (ctx: CallContext, p: UpdateCredentialArgs): UpdateCredentialResults => ({
        results: (p.credentials ?? []).map((tc): UpdateCredentialResult => {
          try {
            const key = parseCloudCredentialTag(tc.tag);
            requireCredentialOwner(ctx, key.owner);
            if (!services.user.exists(key.owner))
              throw notFound(`user ${JSON.stringify(key.owner)} not found`);
            services.cloud.updateCredential({
              ...key,
              authType: tc.credential?.['auth-type'] ?? '',
              attributes: tc.credential?.attrs ?? {},
            });
            const models = modelsUsing(key).map((m) => ({ uuid: m.uuid, name: m.name }));
            return models.length > 0 ? { tag: tc.tag, models } : { tag: tc.tag };
          } catch (err) {
            return { tag: tc.tag, ...errorResult(err) };
          }
        }),
      }),

      RevokeCredentialsCheckModels: (ctx: CallContext, p: RevokeCredentialArgs) => ({
        results: each(p.credentials, (c) => {
          const key = parseCloudCredentialTag(c.tag);
          requireCredentialOwner(ctx, key.owner);
          services.cloud.removeCredential(key);
          return {};
        }),
      }),

      CredentialContents: (ctx: CallContext, p: CloudCredentialArgs): CredentialContentResults => {
        const user = callerUser(ctx);
        const includeSecrets = p['include-secrets'] === true;
        const info = (cred: CloudCredential): ControllerCredentialInfo => {
          const attrs = visibleAttributes(cred, includeSecrets);
          const result: ControllerCredentialInfo = {
            content: {
              name: cred.name,
              cloud: cred.cloud,
              'auth-type': cred.authType,
              valid: !cred.invalid,
              ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
            },
          };
          const models = modelsUsing(cred).map((m) => ({
            model: m.name,
            access: services.access.effectiveAccess(user, { kind: 'model', uuid: m.uuid }) ?? '',
          }));
          if (models.length > 0) result.models = models;
          return result;
        };
        const wanted = p.credentials ?? [];
        if (wanted.length === 0) {
          return { results: services.cloud.credentials({ owner: user }).map((c) => ({ result: info(c) })) };
        }
        return {
          results: each(wanted, (w) => ({
            result: info(
              services.cloud.credential({ cloud: w['cloud-name'], owner: user, name: w['credential-name'] }),
            ),
          })),
        };
      },
    },
  };
}
