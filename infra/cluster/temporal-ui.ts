import { ManagedProcess, type OutputMode } from '../support/managed-process';
import { assertPortFree } from '../support/network-ports';
import { projectRoot } from '../support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';

const READY_TIMEOUT_MS = 30_000;

export interface TemporalUiOptions {
  uiServer: string;
  /** The frontend, host:port. */
  temporalAddress: string;
  namespace: string;
  ip: string;
  port: number;
  output?: OutputMode;
  /** Where its full output goes. */
  logFile?: string;
  signal?: AbortSignal;
}

export interface TemporalUi {
  url: string;
  process: ManagedProcess;
}

/** Temporal's Web UI server (`ui-server`), configured by infra/cluster/temporal-ui/cluster.yaml. */
export async function startTemporalUi(options: TemporalUiOptions): Promise<TemporalUi> {
  await assertPortFree(
    options.ip,
    options.port,
    'stop the process using it, or set TEMPORAL_UI_PORT to another port for the Temporal Web UI',
  );
  const root = projectRoot();
  const ui = ManagedProcess.start({
    name: 'temporal-ui',
    command: options.uiServer,
    args: ['--root', root, '--config', 'infra/cluster/temporal-ui', '--env', 'cluster', 'start'],
    env: {
      ...process.env,
      AOC_TEMPORAL_UI_GRPC_ADDRESS: options.temporalAddress,
      AOC_TEMPORAL_UI_HOST: options.ip,
      AOC_TEMPORAL_UI_PORT: String(options.port),
      AOC_TEMPORAL_UI_NAMESPACE: options.namespace,
    },
    cwd: root,
    output: options.output ?? 'quiet',
    logFile: options.logFile,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: 10_000,
    muteWhileStopping: true,
  });
  const url = `http://${options.ip}:${options.port}`;
  try {
    await waitUntil(async () => ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok ? true : undefined), {
      description: `the Temporal Web UI at ${url}`,
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 300,
      giveUpIf: () =>
        ui.exit ? `ui-server ${ManagedProcess.describe(ui.exit)}; its last output:\n${ui.recentOutput()}` : undefined,
      signal: options.signal,
    });
  } catch (error) {
    await ui.stop();
    throw error;
  }
  return { url, process: ui };
}
