import { InitialSchema1795851625099 } from './1795851625099-initial-schema.migration';

/** Every migration, oldest first. Maintained by `npm run migration:generate`. */
export const MIGRATIONS = [InitialSchema1795851625099];
