/**
 * `node dist/infra/openapi/write-openapi.js <file>`: writes the API's OpenAPI document, exactly as
 * /api/docs-json serves it, without PostgreSQL, Temporal or a listening server: the Nest app is
 * created in preview mode (modules are scanned, no provider is instantiated). `npm run
 * generate:api` turns it into the web app's typed client (apps/web/src/api/schema.d.ts).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../apps/api/src/app.module';
import { createOpenApiDocument, OUTSIDE_API_PREFIX } from '../../apps/api/src/http-app';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: write-openapi <output.json>');
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix('api', { exclude: [...OUTSIDE_API_PREFIX] });
  const document = createOpenApiDocument(app);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`write-openapi: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
