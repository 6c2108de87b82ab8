/** A tiny in-process signal: services announce configuration changes; the runtime reloads what depends on them. */
export type ChangeKind = 'plans' | 'units' | 'sources' | 'rules' | 'settings' | 'model' | 'dictionary';

export class Changes {
  private readonly listeners = new Set<(k: ChangeKind) => void>();
  on(fn: (k: ChangeKind) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(k: ChangeKind): void {
    for (const fn of this.listeners) {
      try {
        fn(k);
      } catch {
        /* a listener's failure must not break the change itself */
      }
    }
  }
}
