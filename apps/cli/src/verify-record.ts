import { readFile } from 'node:fs/promises';
import { fromJwks, type PublishedKey } from '@aoc/publication/record-keys';
import { NotAPdfError, verifyRecordPdf } from '@aoc/publication/verify-record';

/**
 * `npm run verify-record -- <file.pdf> [--keys <url or file>]` checks an adoption record offline
 * (DOMAIN §10): the file's signature, then its attached data, against the published keys, read
 * from a JWKS file or fetched from the service (by default from PUBLIC_URL, else the local API).
 * Exits 0 when the record is authentic, 1 when it is not, 2 on a usage error.
 */
const USAGE = 'usage: npm run verify-record -- <file.pdf> [--keys <url or file of the published keys (JWKS)>]';

class UsageError extends Error {}

function parseArguments(args: string[]): { file: string; keys: string } {
  let file: string | undefined;
  let keys = `${(process.env.PUBLIC_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '')}/.well-known/record-keys.json`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--keys') {
      const value = args[++i];
      if (!value) throw new UsageError('--keys needs a URL or a file');
      keys = value;
    } else if (arg.startsWith('--keys=')) {
      keys = arg.slice('--keys='.length);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`one file at a time (got ${file} and ${arg})`);
    }
  }
  if (!file) throw new UsageError('no file given');
  return { file, keys };
}

async function loadKeys(source: string): Promise<PublishedKey[]> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(10_000) }).catch((error: unknown) => {
      throw new UsageError(`cannot fetch the published keys from ${source}: ${(error as Error).message}`);
    });
    if (!response.ok) throw new UsageError(`cannot fetch the published keys from ${source}: HTTP ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, 'utf8').catch((error: unknown) => {
      throw new UsageError(`cannot read the published keys from ${source}: ${(error as Error).message}`);
    });
  }
  try {
    return fromJwks(JSON.parse(text));
  } catch (error) {
    throw new UsageError(`the published keys at ${source} are unusable: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  const { file, keys: keySource } = parseArguments(process.argv.slice(2));
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  });
  const keys = await loadKeys(keySource);
  const verdict = verifyRecordPdf(bytes, keys);
  if (!verdict.authentic) {
    process.stdout.write(`NOT AUTHENTIC: ${file}\n  reason: ${verdict.reason}\n`);
    return 1;
  }
  process.stdout.write(
    [
      `AUTHENTIC: ${file}`,
      `  record:    ${verdict.recordId}`,
      `  plan:      ${verdict.planId}`,
      `  version:   ${verdict.version}`,
      `  hash:      ${verdict.versionHash}`,
      `  issued at: ${verdict.issuedAt}`,
      `  key:       ${verdict.keyId} (from ${keySource})`,
      '',
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof NotAPdfError) {
      process.stdout.write(`NOT AUTHENTIC: ${error.message}\n`);
      process.exitCode = 1;
    } else if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`verify-record failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    }
  },
);
