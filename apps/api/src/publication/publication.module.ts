import { Module } from '@nestjs/common';
import { PublicApiController, RecordKeysController } from './public-api.controller';
import { PublicPagesController } from './public-pages.controller';
import { PublicationService } from './publication.service';

/** The public library and the adoption records (DOMAIN §10): pages, open data, verification. */
@Module({
  controllers: [PublicPagesController, PublicApiController, RecordKeysController],
  providers: [PublicationService],
  exports: [PublicationService],
})
export class PublicationModule {}
