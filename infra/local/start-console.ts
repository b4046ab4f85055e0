/**
 * What `npm start` shows in the terminal and where each part's log goes: the console mode
 * (--verbose, LOG_LEVEL, a terminal or not; see support/console-mode.ts), the progress reporter,
 * and the log files of the parts started so far.
 */
import { consoleMode } from '../support/console-mode';
import { partLogFile } from '../support/log-files';
import { ProgressReporter } from '../support/progress-reporter';
import { logsDir } from '../support/project-paths';

export const mode = consoleMode(process.argv.slice(2), process.env, process.stdout);
export const reporter = new ProgressReporter('start', { condensed: mode.terminal });
/** The log files of the parts started so far. */
export const logFiles: string[] = [];

export function logFileOf(part: string): string {
  const file = partLogFile(logsDir(), part);
  if (!logFiles.includes(file)) logFiles.push(file);
  return file;
}
