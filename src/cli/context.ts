/** Opens config and store for a CLI command. */
import { loadConfig, type Config } from '../config/config.ts';
import { openStore, type Store } from '../store/store.ts';

export interface CliContext {
  config: Config;
  store: Store;
}

export async function openContext(overrides: Parameters<typeof loadConfig>[0] = {}): Promise<CliContext> {
  const config = loadConfig(overrides);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDirAbs });
  return { config, store };
}
