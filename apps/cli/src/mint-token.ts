import { loadConfig } from '@aoc/config/config.schema';
import { signToken } from '@aoc/auth/jwt';
import { DEMO_USERS, DemoUser } from './demo-users';

/**
 * `npm run token -- <user> [ttl-hours]` prints a bearer token for a demo user, signed with
 * AUTH_JWT_SECRET. Without a user it lists them.
 */
const [user, ttlHours = '12'] = process.argv.slice(2);
if (!user || !(user in DEMO_USERS)) {
  process.stderr.write(`usage: npm run token -- <user> [ttl-hours]\n\ndemo users:\n`);
  for (const [name, actor] of Object.entries(DEMO_USERS)) {
    process.stderr.write(`  ${name.padEnd(24)} ${JSON.stringify(actor)}\n`);
  }
  process.exit(user ? 2 : 0);
}
const { auth } = loadConfig();
signToken(DEMO_USERS[user as DemoUser], auth.jwtSecret, Number(ttlHours) * 3600).then(
  (token) => process.stdout.write(`${token}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
