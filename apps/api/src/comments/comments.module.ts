import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

@Module({ imports: [PlansModule], controllers: [CommentsController], providers: [CommentsService] })
export class CommentsModule {}
