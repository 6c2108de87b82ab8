/**
 * Names of the cluster's JetStream streams, subjects and consumers, derived from one prefix (default `tf`), so
 * several clusters (or test runs) can share one NATS server without colliding.
 *
 *   <prefix>.items              raw collected items            stream <PREFIX>_ITEMS     consumer analyze
 *   <prefix>.analysed.<p>       analysed posts, partition p    stream <PREFIX>_ANALYSED  consumer track-<p>
 *   <prefix>.dead.<stage>       dead letters with their error  stream <PREFIX>_DEAD      (kept 30 days)
 *   <prefix>.control.run        "run this source now" requests (core NATS, queue group collect)
 *   <prefix>.live               live messages for the dashboards (core NATS: posts stored, in-app alerts)
 */
import { ClusterError } from './errors.ts';

export interface ClusterNames {
  prefix: string;
  itemsStream: string;
  analysedStream: string;
  deadStream: string;
  itemsSubject: string;
  analysedSubject(partition: number): string;
  analysedWildcard: string;
  deadSubject(stage: string): string;
  deadWildcard: string;
  runSubject: string;
  liveSubject: string;
  analyzeConsumer: string;
  trackConsumer(partition: number): string;
}

const PREFIX_RE = /^[a-z][a-z0-9_-]{0,31}$/;

export function clusterNames(prefix = 'tf'): ClusterNames {
  if (!PREFIX_RE.test(prefix)) throw new ClusterError('TF_ERR_CLUSTER_CONFIG', `cluster prefix "${prefix}" must be 1–32 lower-case letters, digits, - or _, starting with a letter`);
  const P = prefix.toUpperCase().replace(/-/g, '_');
  return {
    prefix,
    itemsStream: `${P}_ITEMS`,
    analysedStream: `${P}_ANALYSED`,
    deadStream: `${P}_DEAD`,
    itemsSubject: `${prefix}.items`,
    analysedSubject: (p) => `${prefix}.analysed.${p}`,
    analysedWildcard: `${prefix}.analysed.*`,
    deadSubject: (stage) => `${prefix}.dead.${stage}`,
    deadWildcard: `${prefix}.dead.>`,
    runSubject: `${prefix}.control.run`,
    liveSubject: `${prefix}.live`,
    analyzeConsumer: 'analyze',
    trackConsumer: (p) => `track-${p}`,
  };
}
