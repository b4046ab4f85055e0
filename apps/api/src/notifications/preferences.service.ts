import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@aoc/domain/actor';
import { invalid } from '@aoc/domain/domain-error';
import { NOTIFICATION_KINDS, REQUIRED_KINDS, type NotificationKind } from '@aoc/domain/notification.rules';
import { NotificationPreferenceEntity } from '@aoc/persistence';
import type { NotificationPreferencesResponse } from './dto/notification.dto';

/** A user's notification preferences (DOMAIN §8): the one writer of `notification_preferences`. */
@Injectable()
export class NotificationPreferencesService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async get(actor: Actor): Promise<NotificationPreferencesResponse> {
    const row = await this.db.getRepository(NotificationPreferenceEntity).findOneBy({ userId: actor.sub });
    return view(row?.disabled ?? []);
  }

  async set(actor: Actor, disabled: string[]): Promise<NotificationPreferencesResponse> {
    const required = disabled.filter((k) => REQUIRED_KINDS.includes(k as NotificationKind));
    if (required.length > 0) {
      throw invalid(
        `${required.join(', ')} cannot be turned off (required: ${REQUIRED_KINDS.join(', ')}); send only optional kinds in disabled`,
        [{ field: 'disabled', message: `${required.join(', ')} is required and cannot be turned off` }],
      );
    }
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, disabled, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET disabled = EXCLUDED.disabled, updated_at = EXCLUDED.updated_at`,
      [actor.sub, [...disabled].sort()],
    );
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
