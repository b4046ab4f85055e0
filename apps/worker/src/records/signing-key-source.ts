import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@aoc/config/config.schema';
import { generateSigningKeyPem, loadSigningKey, type SigningKey } from '@aoc/publication/signing-key';

/**
 * The key the worker signs adoption records with: RECORD_SIGNING_KEY, else the file
 * RECORD_SIGNING_KEY_FILE. Outside production a missing file is created with a new key, so that
 * `npm start` signs from its first start and keeps signing with the same key (docs/publication.md).
 */
export function resolveSigningKey(config: Pick<AppConfig, 'nodeEnv' | 'records'>): SigningKey {
  const { signingKey, signingKeyFile } = config.records;
  if (signingKey) return loadSigningKey(signingKey);
  const file = path.resolve(signingKeyFile);
  try {
    return loadSigningKey(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || config.nodeEnv === 'production') {
      throw new Error(`cannot read the record signing key from ${file}: ${(error as Error).message}`);
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, generateSigningKeyPem(), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the second worker) created it first: its key is the one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return loadSigningKey(readFileSync(file, 'utf8'));
}
