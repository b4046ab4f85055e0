import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { waitUntil } from '@aoc/support/wait-until';
import type { TemporalCli } from '../temporal/temporal-cli';
import { PLAN_SEARCH_ATTRIBUTE_KEYS, cliType } from '@aoc/workflows/search-attributes';

const execFileAsync = promisify(execFile);

/**
 * The custom search attributes of the product's workflows (workflows/src/search-attributes.ts):
 * what the Web UI and `temporal workflow list --query` filter plans by, by the CLI's type names
 * (`PlanStatus: 'Keyword'`, `PlanCountries: 'KeywordList'`). The dev server registers them from
 * its `--search-attribute` flags; a real cluster must have them registered first, as done here.
 */
export const SEARCH_ATTRIBUTES: Record<string, string> = Object.fromEntries(
  PLAN_SEARCH_ATTRIBUTE_KEYS.map((key) => [key.name, cliType(key.type)]),
);

/** How long a namespace keeps the histories of closed workflows. */
const RETENTION = '720h';

const CLI_TIMEOUT_MS = 30_000;
const SEARCH_ATTRIBUTES_VISIBLE_TIMEOUT_MS = 30_000;

export interface NamespaceSetup {
  namespaceCreated: boolean;
  /** The attributes this call registered (those already there are left alone). */
  registered: string[];
}

/**
 * With the Temporal CLI against the cluster: creates the namespace unless it exists, then
 * registers the search attributes it lacks. Running it again changes nothing.
 */
export async function setUpNamespace(cli: TemporalCli, address: string, namespace: string): Promise<NamespaceSetup> {
  if (!cli.path) throw new Error('registering the namespace needs the temporal CLI; run `npm run provision:temporal`');
  const temporal = (...args: string[]) => runCli(cli.path!, [...args, '--address', address]);

  let namespaceCreated = false;
  if (
    !(await temporal('operator', 'namespace', 'describe', '--namespace', namespace).then(
      () => true,
      (error: Error) => (/not found/i.test(error.message) ? false : Promise.reject(error)),
    ))
  ) {
    await temporal('operator', 'namespace', 'create', '--namespace', namespace, '--retention', RETENTION);
    namespaceCreated = true;
  }

  const registeredNow = async (): Promise<string[]> => {
    const listed = JSON.parse(
      await temporal('operator', 'search-attribute', 'list', '--namespace', namespace, '--output', 'json'),
    ) as { customAttributes?: Record<string, string> };
    return Object.keys(listed.customAttributes ?? {});
  };
  // A namespace just created reaches the frontend's cache within the refresh interval (2 s here).
  const have = await waitUntil(registeredNow, {
    description: `namespace ${namespace} to be usable`,
    timeoutMs: SEARCH_ATTRIBUTES_VISIBLE_TIMEOUT_MS,
    intervalMs: 500,
  });
  const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !have.includes(name));
  // One at a time: the CLI (1.5.1) registers only the first of several --name flags on SQL visibility.
  for (const [name, type] of missing) {
    await temporal('operator', 'search-attribute', 'create', '--namespace', namespace, '--name', name, '--type', type);
  }
  await waitUntil(
    async () => {
      const now = await registeredNow();
      const absent = Object.keys(SEARCH_ATTRIBUTES).filter((name) => !now.includes(name));
      if (absent.length > 0) throw new Error(`not registered yet: ${absent.join(', ')}`);
      return true;
    },
    {
      description: `the search attributes of namespace ${namespace}`,
      timeoutMs: SEARCH_ATTRIBUTES_VISIBLE_TIMEOUT_MS,
      intervalMs: 500,
    },
  );
  return { namespaceCreated, registered: missing.map(([name]) => name) };
}

async function runCli(cli: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(cli, args, { timeout: CLI_TIMEOUT_MS });
    return stdout;
  } catch (error) {
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
    throw new Error(`temporal ${args.slice(0, 3).join(' ')} failed: ${(stderr || stdout).trim() || String(error)}`);
  }
}
