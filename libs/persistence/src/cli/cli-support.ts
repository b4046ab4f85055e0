/** Structured one-line JSON output for the persistence commands, and a clean exit code. */
export function cliLog(message: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', context: 'persistence', message, ...fields })}\n`,
  );
}

export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: 'error', context: 'persistence', message })}\n`,
      );
      process.exit(1);
    },
  );
}
