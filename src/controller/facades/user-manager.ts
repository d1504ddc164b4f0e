/**
 * The UserManager facade (v3) on controller connections: local users of the
 * controller (add, remove, enable/disable, passwords, registration keys) and
 * who may use a model. Changes need controller superuser, except that users
 * may change their own password and read their own details.
 */
import { ErrorCode, JujuError, errorMessage, unauthorized } from '../../core/errors.js';
import { TagKind, modelTag, parseTag, userTag } from '../../core/names.js';
import { controllerTarget, modelTarget, userKey } from '../../domain/access/types.js';
import { cannotDisableControllerOwner, cannotRemoveControllerOwner } from '../../domain/user/errors.js';
import type { User } from '../../domain/user/types.js';
import { errorResult, type ErrorResult } from '../../rpc/errors.js';
import type {
  AddUserResult,
  AddUserResults,
  AddUsers,
  Entities,
  EntityPasswords,
  ModelUserInfoResult,
  ModelUserInfoResults,
  UserInfo,
  UserInfoRequest,
  UserInfoResult,
  UserInfoResults,
} from '../../rpc/params/user-manager.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerUser, isSuperuser, requireAccess, requireSuperuser } from './auth.js';
import type { FacadeDeps } from './deps.js';

/** `<prefix>: <message>`, keeping the wire code (Juju's errors.Annotate). */
function annotate(err: unknown, prefix: string): JujuError {
  const code = err instanceof JujuError ? err.code : '';
  return new JujuError(code, `${prefix}: ${errorMessage(err)}`);
}

/** The user name of a `user-` tag (`user-bob@local` -> `bob`). */
function userFromTag(tag: string): string {
  return parseTag(tag, TagKind.User).id;
}

function sameUser(a: string, b: string): boolean {
  return userKey(a) === userKey(b);
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

export function userManagerFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;

  const isControllerOwner = (name: string): boolean => sameUser(name, services.model.controllerModel().owner);

  const toUserInfo = (u: User): UserInfo => {
    const info: UserInfo = {
      username: u.name,
      'display-name': u.displayName,
      access: u.disabled ? '' : (services.access.effectiveAccess(u.name, controllerTarget()) ?? ''),
      'created-by': u.createdBy,
      'date-created': u.dateCreated,
      disabled: u.disabled,
    };
    if (u.lastLogin !== null) info['last-connection'] = u.lastLogin;
    return info;
  };

  return {
    name: 'UserManager',
    versions: [3],
    kinds: ['controller'],
    methods: {
      AddUser: (ctx: CallContext, p: AddUsers): AddUserResults => {
        const by = requireSuperuser(deps, ctx);
        return {
          results: each(p.users, (u): AddUserResult => {
            let added;
            try {
              added = services.user.addUser({
                name: u.username,
                displayName: u['display-name'] ?? '',
                createdBy: by,
                ...(u.password !== undefined && u.password !== '' ? { password: u.password } : {}),
              });
            } catch (err) {
              throw annotate(err, 'failed to create user');
            }
            const result: AddUserResult = { tag: userTag(added.user.name) };
            if (added.secretKey !== null) result['secret-key'] = added.secretKey.toString('base64');
            return result;
          }),
        };
      },

      RemoveUser: (ctx: CallContext, p: Entities) => {
        const caller = requireSuperuser(deps, ctx);
        return {
          results: each(p.entities, (e) => {
            const name = userFromTag(e.tag);
            if (isControllerOwner(name)) throw cannotRemoveControllerOwner(name);
            if (sameUser(name, caller)) throw unauthorized('cannot delete yourself');
            try {
              services.user.remove(name);
            } catch (err) {
              throw annotate(err, `failed to delete user ${JSON.stringify(name)}`);
            }
            return {};
          }),
        };
      },

      EnableUser: (ctx: CallContext, p: Entities) => {
        requireSuperuser(deps, ctx);
        return {
          results: each(p.entities, (e) => {
            const name = userFromTag(e.tag);
            try {
              services.user.enable(name);
            } catch (err) {
              throw annotate(err, 'failed to enable user');
            }
            return {};
          }),
        };
      },

      DisableUser: (ctx: CallContext, p: Entities) => {
        const caller = requireSuperuser(deps, ctx);
        return {
          results: each(p.entities, (e) => {
            const name = userFromTag(e.tag);
            try {
              if (isControllerOwner(name)) throw cannotDisableControllerOwner();
              if (sameUser(name, caller)) throw unauthorized('cannot disable yourself');
              services.user.disable(name);
            } catch (err) {
              throw annotate(err, 'failed to disable user');
            }
            return {};
          }),
        };
      },

      UserInfo: (ctx: CallContext, p: UserInfoRequest): UserInfoResults => {
        const caller = callerUser(ctx);
        const admin = isSuperuser(deps, ctx);
        const entities = p.entities ?? [];
        if (entities.length === 0) {
          const users = services.user
            .list({ includeDisabled: p['include-disabled'] ?? false })
            .filter((u) => admin || sameUser(u.name, caller));
          return { results: users.map((u) => ({ result: toUserInfo(u) })) };
        }
        return {
          results: each(entities, (e): UserInfoResult => {
            const name = userFromTag(e.tag);
            if (!admin && !sameUser(name, caller)) throw unauthorized();
            if (name.includes('@')) {
              // External users have no local record; report what the controller knows.
              return {
                result: {
                  username: name,
                  'display-name': '',
                  access: services.access.effectiveAccess(name, controllerTarget()) ?? '',
                  'created-by': '',
                  'date-created': '',
                  disabled: false,
                },
              };
            }
            return { result: toUserInfo(services.user.get(name)) };
          }),
        };
      },

      SetPassword: (ctx: CallContext, p: EntityPasswords) => {
        const caller = callerUser(ctx);
        const admin = isSuperuser(deps, ctx);
        return {
          results: each(p.changes, (c) => {
            const name = userFromTag(c.tag);
            if (!admin && !sameUser(name, caller)) throw unauthorized();
            if (!c.password) throw new JujuError(ErrorCode.NotValid, 'cannot use an empty password');
            services.user.get(name);
            try {
              services.user.setPassword(name, c.password);
            } catch (err) {
              throw annotate(err, 'failed to set password');
            }
            return {};
          }),
        };
      },

      ResetPassword: (ctx: CallContext, p: Entities): AddUserResults => {
        const caller = callerUser(ctx);
        const admin = isSuperuser(deps, ctx);
        return {
          results: (p.entities ?? []).map((e): AddUserResult => {
            const result: AddUserResult = { tag: e.tag };
            try {
              const name = userFromTag(e.tag);
              // Nobody resets their own password: they change it instead.
              if (!admin || sameUser(name, caller)) throw unauthorized();
              result['secret-key'] = services.user.resetPassword(name).toString('base64');
            } catch (err) {
              return { ...result, ...errorResult(err) };
            }
            return result;
          }),
        };
      },

      ModelUserInfo: (ctx: CallContext, p: Entities): ModelUserInfoResults => {
        const results: ModelUserInfoResult[] = [];
        for (const e of p.entities ?? []) {
          const uuid = parseTag(e.tag, TagKind.Model).id;
          services.model.get(uuid);
          requireAccess(deps, ctx, modelTarget(uuid), 'read');
          const info = services.model.info(uuid);
          // The owner holds an admin grant from creation, so the grants are the users.
          const users = [...info.users];
          for (const u of users.sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0))) {
            results.push({
              result: {
                'model-tag': modelTag(uuid),
                user: u.user,
                'display-name': u.displayName,
                'last-connection': u.lastConnection,
                access: u.access,
              },
            });
          }
        }
        return { results };
      },
    },
  };
}
