/**
 * The analysis thread's side (see analysis-thread.ts): builds the analyser from the spec it was started with and
 * answers each chunk of posts, in the order they arrive (duplicate detection needs arrival order).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from '../analysis/analyze.ts';
import { replaceUserWords } from '../analysis/segment.ts';
import { USER_WORDS_SETTING } from '../contracts/dictionary.ts';
import { analysisOut, storedOf } from './analysis-out.ts';
import { analyzerOptions, planProblems, type AnalyserSpec, type ChunkReply, type ChunkRequest, type ReadyReply } from './analysis-thread.ts';

const port = parentPort!;
const spec = workerData as AnalyserSpec;
try {
  replaceUserWords(USER_WORDS_SETTING, spec.userWords);
  const analyzer = createAnalyzer(analyzerOptions(spec));
  port.on('message', (m: ChunkRequest) => {
    let reply: ChunkReply;
    try {
      const details = analyzer.analyzeBatch(m.inputs);
      reply = { id: m.id, outs: details.map((d, i) => analysisOut(d, d.result.duplicate_of, storedOf(m.inputs[i]!))) };
    } catch (err) {
      reply = { id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    port.postMessage(reply);
  });
  const ready: ReadyReply = { ready: true, planErrors: planProblems(analyzer) };
  port.postMessage(ready);
} catch (err) {
  port.postMessage({ ready: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ReadyReply);
}
