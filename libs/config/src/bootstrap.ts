import { AppConfig, ConfigError, LoadOptions, loadConfig } from './config.schema';

/** Loads the configuration, or prints what is wrong with it and exits with status 78 (EX_CONFIG). */
export function exitOnConfigError(app: string, options: LoadOptions = {}): AppConfig {
  try {
    return loadConfig(process.env, options);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${JSON.stringify({ level: 'fatal', context: app, message: 'refusing to start: invalid configuration', problems: error.problems })}\n`,
      );
      process.exit(78);
    }
    throw error;
  }
}
