import { loadConfig } from '@aoc/config/config.schema';
import { signToken } from '@aoc/auth/jwt';
import { DEMO_USERS, DemoUser } from '@aoc/demo/demo-users';
import { devProviderLogin, findDevProvider } from './dev-login';
import { devIssuerUrl, devProviderPort } from './dev-provider-config';

/**
 * `npm run token -- <user> [ttl-hours]` prints a bearer token for a demo user. Where the
 * development identity provider runs (OIDC_ISSUER_URL, else its default address: `npm start`
 * starts it), the token is a real one from it: the user signs in through the authorization
 * code flow with PKCE. Elsewhere it is an HS256 token signed with AUTH_JWT_SECRET, which the API
 * accepts outside production only; ttl-hours applies to those. Without a user it lists them.
 */
const [user, ttlHours = '12'] = process.argv.slice(2);
if (!user || !(user in DEMO_USERS)) {
  process.stderr.write(`usage: npm run token -- <user> [ttl-hours]\n\ndemo users:\n`);
  for (const [name, actor] of Object.entries(DEMO_USERS)) {
    process.stderr.write(`  ${name.padEnd(24)} ${JSON.stringify(actor)}\n`);
  }
  process.exit(user ? 2 : 0);
}

async function mint(): Promise<string> {
  const { auth } = loadConfig();
  const issuer = auth.oidc?.issuerUrl ?? devIssuerUrl(devProviderPort());
  const discovery = await findDevProvider(issuer);
  if (discovery) {
    const tokens = await devProviderLogin(discovery, user);
    process.stderr.write(
      `signed in as ${user} at the development identity provider ${issuer} (RS256, ${tokens.expiresIn / 3600} h)\n`,
    );
    return tokens.accessToken;
  }
  process.stderr.write(
    `no development identity provider at ${issuer}: an HS256 token signed with AUTH_JWT_SECRET ` +
      '(accepted outside production only)\n',
  );
  return signToken(DEMO_USERS[user as DemoUser], auth.jwtSecret, Number(ttlHours) * 3600);
}

mint().then(
  (token) => process.stdout.write(`${token}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
