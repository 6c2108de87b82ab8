/**
 * The alerting and ledger-extras services in one call for createServices: alerts, channels (secrets sealed with
 * the key from config.secretKey or `<dataDir>/secret.key`), duty roster, playbooks and releases.
 */
import { createSecretBox } from '../alerts/secret-box.ts';
import type { Config } from '../config/config.ts';
import type { Store } from '../store/store.ts';
import { createAlertService } from './alert.service.ts';
import { createChannelService } from './channel.service.ts';
import type { LiveHub } from './live.ts';
import { createPlaybookService } from './playbook.service.ts';
import { createReleaseService } from './release.service.ts';
import { createRosterService } from './roster.service.ts';
import { loadOrCreateSecretKey } from './secret-key.ts';

export function createAlertingServices(store: Store, config: Config, deps: { live: LiveHub }) {
  const secretKey = loadOrCreateSecretKey(config.dataDirAbs, config.secretKey);
  const message = { timezone: config.timezone, officeName: config.officeName };
  return {
    alerts: createAlertService(store, { live: deps.live }),
    channels: createChannelService(store, { box: createSecretBox(secretKey), message }),
    roster: createRosterService(store, { timezone: config.timezone }),
    playbooks: createPlaybookService(store, { timezone: config.timezone }),
    releases: createReleaseService(store, { timezone: config.timezone }),
  };
}
export type AlertingServices = ReturnType<typeof createAlertingServices>;
