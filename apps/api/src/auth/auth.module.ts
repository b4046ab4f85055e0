import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { TokenVerifier } from '@aoc/auth/token-verifier';
import { SessionsRepository } from '@aoc/persistence/repositories/sessions';
import { Authenticator } from './auth.guard';
import { UserDirectory } from './user-directory';

/**
 * Token verification (one verifier, so one JWKS cache, per process), the sessions, the
 * authentication of requests (bearer or session cookie) and the users directory's writer.
 */
@Global()
@Module({
  providers: [
    {
      provide: TokenVerifier,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => TokenVerifier.fromConfig(config),
    },
    UserDirectory,
    SessionsRepository,
    Authenticator,
  ],
  exports: [TokenVerifier, UserDirectory, SessionsRepository, Authenticator],
})
export class AuthModule {}
