/** Cluster-mode errors with stable codes; the message says what to fix. */
export type ClusterErrorCode =
  | 'TF_ERR_CLUSTER_CONFIG'
  | 'TF_ERR_CLUSTER_UNREACHABLE'
  | 'TF_ERR_CLUSTER_MESSAGE'
  | 'TF_ERR_CLUSTER_LEASE_LOST';

export class ClusterError extends Error {
  constructor(
    readonly code: ClusterErrorCode,
    message: string,
    opts?: { cause?: unknown },
  ) {
    super(message, opts);
  }
}

/** A message that can never be processed (bad shape): dead-letter it at once instead of retrying. */
export function isPermanent(err: unknown): boolean {
  return err instanceof ClusterError && err.code === 'TF_ERR_CLUSTER_MESSAGE';
}

export function errorText(err: unknown): string {
  if (err instanceof ClusterError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
