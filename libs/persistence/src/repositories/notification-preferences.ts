import type { EntityManager } from 'typeorm';
import { NotificationPreferenceEntity } from '../entities/notification.entities';

/**
 * The one writer of `notification_preferences` (NotificationPreferenceEntity, DOMAIN §8), called by
 * the API's NotificationPreferencesService: the notification kinds each user turned off.
 */

/** The kinds the user turned off, or undefined when they never set any. */
export async function disabledKinds(
  db: Pick<EntityManager, 'getRepository'>,
  userId: string,
): Promise<string[] | undefined> {
  const row = await db.getRepository(NotificationPreferenceEntity).findOneBy({ userId });
  return row?.disabled;
}

/** Replaces the kinds the user turned off (kept sorted). */
export async function saveDisabledKinds(
  db: Pick<EntityManager, 'query'>,
  userId: string,
  disabled: string[],
): Promise<void> {
  await db.query(
    `INSERT INTO notification_preferences (user_id, disabled, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO UPDATE SET disabled = EXCLUDED.disabled, updated_at = EXCLUDED.updated_at`,
    [userId, [...disabled].sort()],
  );
}
