// Entry of the analysis thread (see analysis-thread.ts): TypeScript runs through tsx's loader here as in bin/.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
