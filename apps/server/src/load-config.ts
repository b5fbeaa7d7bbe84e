import { ConfigError, loadConfig, type Config } from './config.ts';

/** Entry points: a configuration mistake ends the process with the list of what to set, not a stack trace. */
export function loadConfigOrExit(check?: (config: Config) => void): Config {
  try {
    const config = loadConfig();
    check?.(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
