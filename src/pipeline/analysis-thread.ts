/**
 * Where the pipeline's analysis runs: in the calling thread, or in a worker thread of its own so that analysing the
 * next posts overlaps with tracking and storing the previous ones (the store and the event tracker stay on the main
 * thread). Either way posts are analysed in arrival order, and results come back in chunks, in order, as soon as
 * each is ready.
 */
import { Worker } from 'node:worker_threads';
import { createAnalyzer, type Analyzer, type AnalyzeInput, type AnalyzerOptions } from '../analysis/analyze.ts';
import { Gazetteer, type GazetteerEntry } from '../analysis/gazetteer.ts';
import { loadSentimentModelOrDefault } from '../analysis/sentiment/index.ts';
import type { UserWord } from '../contracts/dictionary.ts';
import { analysisOut, storedOf } from './analysis-out.ts';
import type { PostAnalysisOut } from './types.ts';

/** What an analyser is built from (plain data, so a worker thread can be started with it). */
export interface AnalyserSpec {
  plans: { name: string; expression: string }[];
  gazetteer: GazetteerEntry[];
  /** Directory of the office's retrained sentiment model (the bundled model when it holds none). */
  modelDir: string;
  userWords: UserWord[];
}

export interface BatchAnalyser {
  /**
   * Analyses posts in order (each input's title and text as stored: see storedOf).
   * Returns one promise per chunk, in order; together they hold one result per input.
   */
  analyse(inputs: AnalyzeInput[]): Promise<PostAnalysisOut[]>[];
  readonly planErrors: readonly { name: string; message: string }[];
  close(): Promise<void>;
}

/** Analysis in the calling thread (the segmenter's user words are the caller's): built from a spec. */
export function inlineAnalyser(spec: Omit<AnalyserSpec, 'userWords'>): BatchAnalyser {
  return inProcess(createAnalyzer(analyzerOptions(spec)));
}

/** @internal the analyser a spec stands for (the same in either thread) */
export function analyzerOptions(spec: Omit<AnalyserSpec, 'userWords'>): AnalyzerOptions {
  return {
    plans: spec.plans,
    gazetteer: new Gazetteer(spec.gazetteer),
    sentiment: loadSentimentModelOrDefault(spec.modelDir),
    // the pipeline keeps no phrases (event titles come from the tracker's own terms)
    phraseCount: 0,
  };
}

/** An analyser used in the calling thread: one chunk, computed before `analyse` returns. */
export function inProcess(analyzer: Analyzer): BatchAnalyser {
  return {
    analyse(inputs) {
      const details = analyzer.analyzeBatch(inputs);
      return [Promise.resolve(details.map((d, i) => analysisOut(d, d.result.duplicate_of, storedOf(inputs[i]!))))];
    },
    planErrors: planProblems(analyzer),
    close: () => Promise.resolve(),
  };
}

/** @internal an analyser's plan syntax errors, as the pipeline reports them */
export function planProblems(analyzer: Analyzer): { name: string; message: string }[] {
  return analyzer.planErrors.map((e) => ({ name: e.name, message: e.error.message }));
}

/** @internal messages between the threads */
export interface ChunkRequest {
  id: number;
  inputs: AnalyzeInput[];
}
export type ChunkReply = { id: number; outs: PostAnalysisOut[] } | { id: number; error: string };
export type ReadyReply = { ready: true; planErrors: { name: string; message: string }[] } | { ready: false; error: string };

export class AnalysisThreadError extends Error {
  readonly code = 'TF_ERR_ANALYSIS_THREAD';
}

/** Posts per message: small enough that tracking starts soon, large enough that messages stay cheap. */
const CHUNK = 64;

/** Starts an analysis thread and waits until its analyser is built (dictionaries, models: about a second). */
export async function startAnalysisThread(spec: AnalyserSpec): Promise<BatchAnalyser> {
  const worker = new Worker(new URL('./analysis-worker.mjs', import.meta.url), { workerData: spec });
  const pending = new Map<number, { resolve: (o: PostAnalysisOut[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const planErrors = await new Promise<{ name: string; message: string }[]>((resolve, reject) => {
    const onExit = (code: number) => reject(new AnalysisThreadError(`the analysis thread exited (code ${code}) before it was ready`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (m: ReadyReply) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      if (m.ready) resolve(m.planErrors);
      else reject(new AnalysisThreadError(`the analysis thread could not start: ${m.error}`));
    });
  }).catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  worker.on('message', (m: ChunkReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if ('error' in m) p.reject(new AnalysisThreadError(`analysis failed: ${m.error}`));
    else p.resolve(m.outs);
  });
  worker.on('error', (err) => fail(new AnalysisThreadError(`the analysis thread crashed: ${err.message}`)));
  worker.on('exit', (code) => fail(new AnalysisThreadError(`the analysis thread exited (code ${code})`)));
  // idle, the thread does not keep the process alive; with work outstanding it does (the caller is waiting)
  worker.unref();
  return {
    analyse(inputs) {
      const out: Promise<PostAnalysisOut[]>[] = [];
      for (let i = 0; i < inputs.length; i += CHUNK) {
        const id = nextId++;
        const promise = new Promise<PostAnalysisOut[]>((resolve, reject) => {
          if (failure) return reject(failure);
          pending.set(id, { resolve, reject });
          worker.ref();
          worker.postMessage({ id, inputs: inputs.slice(i, i + CHUNK) } satisfies ChunkRequest);
        });
        // a caller stopping at the first failed chunk must not leave the others as unhandled rejections
        promise.catch(() => undefined);
        out.push(promise);
      }
      return out;
    },
    planErrors,
    async close() {
      failure ??= new AnalysisThreadError('the analysis thread was closed');
      await worker.terminate();
    },
  };
}
