import { Module } from '@nestjs/common';
import { BrowserSignIn } from './browser-sign-in';
import { MeController } from './me.controller';
import { SessionController } from './session.controller';

/** Browser sign-in and sessions (/auth/*), and GET /me; the sessions repository is AuthModule's. */
@Module({ controllers: [SessionController, MeController], providers: [BrowserSignIn] })
export class SessionModule {}
