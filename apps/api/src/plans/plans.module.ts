import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({ imports: [AdminModule], controllers: [PlansController], providers: [PlansService], exports: [PlansService] })
export class PlansModule {}
