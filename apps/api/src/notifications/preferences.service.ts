import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@aoc/domain/actor';
import { invalid } from '@aoc/domain/domain-error';
import { NOTIFICATION_KINDS, REQUIRED_KINDS, type NotificationKind } from '@aoc/domain/notification.rules';
import { disabledKinds, saveDisabledKinds } from '@aoc/persistence/repositories/notification-preferences';
import type { NotificationPreferencesResponse } from './dto/notification.dto';

/**
 * A user's notification preferences (DOMAIN §8), stored by the one writer of
 * `notification_preferences` (libs/persistence/src/repositories/notification-preferences.ts).
 */
@Injectable()
export class NotificationPreferencesService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async get(actor: Actor): Promise<NotificationPreferencesResponse> {
    return view((await disabledKinds(this.db.manager, actor.sub)) ?? []);
  }

  async set(actor: Actor, disabled: string[]): Promise<NotificationPreferencesResponse> {
    const required = disabled.filter((k) => REQUIRED_KINDS.includes(k as NotificationKind));
    if (required.length > 0) {
      throw invalid(
        `${required.join(', ')} cannot be turned off (required: ${REQUIRED_KINDS.join(', ')}); send only optional kinds in disabled`,
        [{ field: 'disabled', message: `${required.join(', ')} is required and cannot be turned off` }],
      );
    }
    await saveDisabledKinds(this.db.manager, actor.sub, disabled);
    return view(disabled);
  }
}

const view = (disabled: string[]): NotificationPreferencesResponse => ({
  kinds: NOTIFICATION_KINDS.map((kind) => ({
    kind,
    required: REQUIRED_KINDS.includes(kind),
    enabled: REQUIRED_KINDS.includes(kind) || !disabled.includes(kind),
  })),
});
