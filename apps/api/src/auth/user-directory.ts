import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@aoc/auth/claims';
import { SeenThrottle } from '@aoc/auth/seen-throttle';
import { ROLES, type Actor, type Role } from '@aoc/domain/actor';
import { unknownScope, withoutUnknownScope } from '@aoc/domain/registry.rules';
import { knownScope } from '@aoc/persistence/repositories/registry';
import { openTasksAssignedTo } from '@aoc/persistence/repositories/tasks';
import { findUser, recordSignIn } from '@aoc/persistence/repositories/users';
import { ReviewGateway } from '../temporal/review.gateway';

/** How long a scope found in the registry is taken as known without asking again. */
const KNOWN_SCOPE_TTL_MS = 10_000;

/**
 * The users directory (table `users`): records each verified identity through the users
 * repository, at most once a minute per user unless their roles or scope changed. A failure to
 * record is logged and does not refuse the request: the directory is a copy, not the source of
 * truth. It also checks a token's scope against the registry (DOMAIN §12): a user whose scope
 * the registry doesn't know holds no task until an admin registers it. A first sign-in that joins
 * a user registered under another id (by verified e-mail) takes over the tasks reassigned to them.
 */
@Injectable()
export class UserDirectory {
  private readonly logger = new Logger('users');
  private readonly throttle = new SeenThrottle();
  /** Scopes found known, until when. Unknown ones are asked again each time: an admin may add them any moment. */
  private readonly knownScopes = new Map<string, number>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReviewGateway) private readonly reviews: ReviewGateway,
  ) {}

  async seen(identity: Identity, now = Date.now()): Promise<void> {
    const { actor } = identity;
    if (!this.throttle.take(identity, now)) return;
    try {
      const unknownParts = await this.unknownScopeOf(actor, now);
      const { scopeNewlyUnknown, joined } = await recordSignIn(this.db, {
        actor,
        name: identity.name,
        email: identity.email,
        emailVerified: identity.emailVerified,
        scopeUnknown: unknownParts.length > 0,
      });
      if (scopeNewlyUnknown) {
        this.logger.warn(
          'a user claims a scope the registry does not know: they hold no task until an admin resolves it',
          {
            sub: actor.sub,
            unknown: unknownParts,
          },
        );
      }
      if (joined && joined !== actor.sub) await this.handOver(joined, actor.sub);
    } catch (error) {
      this.throttle.forget(actor.sub);
      this.logger.warn('could not record the user in the directory', {
        sub: actor.sub,
        error: (error as Error).message,
      });
    }
  }

  /**
   * The open tasks an admin reassigned to a registered user, moved to the id they signed in with
   * (each through its workflow, which checks the assignment and records it). One that fails is
   * logged and left to the admins, who see it held by nobody in waiting-on.
   */
  private async handOver(registeredId: string, sub: string): Promise<void> {
    const tasks = await openTasksAssignedTo(this.db.manager, registeredId);
    if (tasks.length === 0) return;
    const assigneeProfile = await this.profileOf(sub);
    for (const task of tasks) {
      try {
        await this.reviews.reassignTask(task.workflowId, {
          taskId: task.id,
          assignee: sub,
          actor: 'system',
          assigneeProfile,
        });
      } catch (error) {
        this.logger.warn('could not hand a task over to the user who joined its registered assignee', {
          taskId: task.id,
          from: registeredId,
          to: sub,
          error: (error as Error).message,
        });
      }
    }
  }

  /** The actor as the service honours it: without its scope if the registry doesn't know it (DOMAIN §12). */
  async honoured(actor: Actor, now = Date.now()): Promise<Actor> {
    return withoutUnknownScope(actor, await this.unknownScopeOf(actor, now));
  }

  private async unknownScopeOf(actor: Actor, now: number) {
    const { country, body, seat, org } = actor;
    if (!country && !body && !seat && !org) return [];
    const key = JSON.stringify([country, body, seat, org]);
    if ((this.knownScopes.get(key) ?? 0) > now) return [];
    const known = await knownScope(this.db, { country, body, seat, org });
    const parts = unknownScope(
      { country, body, seat, org },
      { country: () => known.country, body: () => known.body, seat: () => known.seat, org: () => known.org },
    );
    if (parts.length === 0) {
      if (this.knownScopes.size > 10_000) this.knownScopes.clear();
      this.knownScopes.set(key, now + KNOWN_SCOPE_TTL_MS);
    }
    return parts;
  }

  /** A user's roles and scope as the directory knows them, or undefined if unknown or retired. A scope the registry doesn't know is dropped. */
  async profileOf(sub: string): Promise<Actor | undefined> {
    const user = await findUser(this.db, sub);
    if (!user || user.retiredAt) return undefined;
    const roles = user.roles.filter((r): r is Role => ROLES.includes(r as Role));
    if (user.scopeUnknown) return { sub: user.id, roles };
    return {
      sub: user.id,
      roles,
      ...(user.country ? { country: user.country } : {}),
      ...(user.body ? { body: user.body } : {}),
      ...(user.seat ? { seat: user.seat } : {}),
      ...(user.org ? { org: user.org } : {}),
    };
  }
}
