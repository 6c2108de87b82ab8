/**
 * jieba's HMM for runs of characters the dictionary route leaves unjoined: a BMES Viterbi over the Han
 * characters U+4E00–U+9FD5, and jieba-rs 0.10's `RE_SKIP` split, `[a-zA-Z0-9]+(?:.\d+)?%?` with an
 * unescaped dot (any character), for everything else. The model is hmm-model.tsv.gz (see
 * scripts/gen-jieba-hmm.py and NOTICE).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const MIN_FLOAT = -3.14e100;
const HAN_LO = 0x4e00;
const HAN_HI = 0x9fd5;
// state indices as in jieba-rs (its ties go to the larger index): B, E, M, S
const B = 0;
const E = 1;
const M = 2;
const S = 3;

interface Model {
  start: Float64Array; // [state]
  trans: Float64Array; // [from * 4 + to]
  /** Emission log probability of U+4E00 + i in state s at [i * 4 + s]. */
  emit: Float64Array;
}

let model: Model | null = null;

function load(): Model {
  const text = gunzipSync(readFileSync(new URL('./hmm-model.tsv.gz', import.meta.url))).toString('utf8');
  const start = new Float64Array(4);
  const trans = new Float64Array(16).fill(MIN_FLOAT);
  const emit = new Float64Array((HAN_HI - HAN_LO + 1) * 4).fill(MIN_FLOAT);
  const states = 'BEMS';
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f[0] === 'start') {
      for (let s = 0; s < 4; s++) start[s] = Number(f[1 + s]);
    } else if (f[0] === 'trans') {
      const from = states.indexOf(f[1]!);
      for (let s = 0; s < 4; s++) trans[from * 4 + s] = Number(f[2 + s]);
    } else {
      const cp = f[0]!.codePointAt(0)!;
      // only U+4E00–U+9FD5 ever reach the Viterbi; the model's one other character (∶) is unused
      if (cp < HAN_LO || cp > HAN_HI) continue;
      for (let s = 0; s < 4; s++) {
        const v = f[1 + s]!;
        // `%.6f` text without its point: v / 1e6 is the double that text parses to
        if (v !== '-') emit[(cp - HAN_LO) * 4 + s] = -(Number(v) / 1e6);
      }
    }
  }
  return { start, trans, emit };
}

function getModel(): Model {
  if (!model) model = load();
  return model;
}

let vBuf = new Float64Array(256 * 4);
let prevBuf = new Int8Array(256 * 4);

/** Viterbi over s[start, end) (Han characters, all in the BMP); pushes the words. */
function viterbi(s: string, start: number, end: number, out: string[]): void {
  const { start: sp, trans: tp, emit } = getModel();
  const n = end - start;
  if (vBuf.length < n * 4) {
    vBuf = new Float64Array(n * 8);
    prevBuf = new Int8Array(n * 8);
  }
  const v = vBuf;
  const prev = prevBuf;
  let e = (s.charCodeAt(start) - HAN_LO) * 4;
  v[B] = sp[B]! + emit[e + B]!;
  v[E] = sp[E]! + emit[e + E]!;
  v[M] = sp[M]! + emit[e + M]!;
  v[S] = sp[S]! + emit[e + S]!;
  const tBE = tp[B * 4 + E]!;
  const tBM = tp[B * 4 + M]!;
  const tEB = tp[E * 4 + B]!;
  const tES = tp[E * 4 + S]!;
  const tME = tp[M * 4 + E]!;
  const tMM = tp[M * 4 + M]!;
  const tSB = tp[S * 4 + B]!;
  const tSS = tp[S * 4 + S]!;
  for (let t = 1; t < n; t++) {
    e = (s.charCodeAt(start + t) - HAN_LO) * 4;
    const p = (t - 1) * 4;
    const q = t * 4;
    const vB = v[p + B]!;
    const vE = v[p + E]!;
    const vM = v[p + M]!;
    const vS = v[p + S]!;
    // each state has two possible predecessors; the larger probability wins, a tie goes to the larger state
    let em = emit[e + B]!;
    let a = vE + tEB + em; // from E
    let b = vS + tSB + em; // from S
    if (a > b) {
      v[q + B] = a;
      prev[q + B] = E;
    } else {
      v[q + B] = b;
      prev[q + B] = S;
    }
    em = emit[e + E]!;
    a = vB + tBE + em; // from B
    b = vM + tME + em; // from M
    if (a > b) {
      v[q + E] = a;
      prev[q + E] = B;
    } else {
      v[q + E] = b;
      prev[q + E] = M;
    }
    em = emit[e + M]!;
    a = vM + tMM + em; // from M
    b = vB + tBM + em; // from B
    if (b > a) {
      v[q + M] = b;
      prev[q + M] = B;
    } else {
      v[q + M] = a;
      prev[q + M] = M;
    }
    em = emit[e + S]!;
    a = vS + tSS + em; // from S
    b = vE + tES + em; // from E
    if (b > a) {
      v[q + S] = b;
      prev[q + S] = E;
    } else {
      v[q + S] = a;
      prev[q + S] = S;
    }
  }
  const last = (n - 1) * 4;
  let state = v[last + E]! > v[last + S]! ? E : S;
  // walk back from the best final state
  const path = pathBuf.length >= n ? pathBuf : (pathBuf = new Int8Array(n * 2));
  for (let t = n - 1; t >= 0; t--) {
    path[t] = state;
    if (t > 0) state = prev[t * 4 + state]!;
  }
  let begin = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const st = path[i]!;
    if (st === B) begin = i;
    else if (st === E) {
      out.push(s.slice(start + begin, start + i + 1));
      next = i + 1;
    } else if (st === S) {
      out.push(s.slice(start + i, start + i + 1));
      next = i + 1;
    }
  }
  if (next < n) out.push(s.slice(start + next, end));
}

let pathBuf = new Int8Array(256);

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** jieba-rs 0.10's split of a non-Han stretch s[start, end) by `[a-zA-Z0-9]+(?:.\d+)?%?`. */
function skipSplit(s: string, start: number, end: number, out: string[]): void {
  let pos = start;
  while (pos < end) {
    let m = pos;
    while (m < end && !isAlnum(s.charCodeAt(m))) m++;
    if (m >= end) {
      out.push(s.slice(pos, end));
      return;
    }
    let k = m + 1;
    while (k < end && isAlnum(s.charCodeAt(k))) k++;
    if (k < end) {
      // `.` is any one character (a surrogate pair is one), then one or more digits
      const c = s.charCodeAt(k);
      let d = k + (c >= 0xd800 && c <= 0xdbff && k + 1 < end ? 2 : 1);
      if (d < end && isDigit(s.charCodeAt(d))) {
        while (d < end && isDigit(s.charCodeAt(d))) d++;
        k = d;
      }
    }
    if (k < end && s.charCodeAt(k) === 37) k++; // %
    if (m > pos) out.push(s.slice(pos, m));
    out.push(s.slice(m, k));
    pos = k;
  }
}

/** jieba-rs's `hmm::cut` of s[start, end): Viterbi over Han stretches, the skip split over the rest. */
export function hmmCut(s: string, start: number, end: number, out: string[]): void {
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    const han = c >= HAN_LO && c <= HAN_HI;
    let j = i + 1;
    while (j < end) {
      const d = s.charCodeAt(j);
      if ((d >= HAN_LO && d <= HAN_HI) !== han) break;
      j++;
    }
    if (!han) skipSplit(s, i, j, out);
    else if (j - i === 1) out.push(s.slice(i, j));
    else viterbi(s, i, j, out);
    i = j;
  }
}

/** Loads the model now (it is otherwise read on first use). */
export function loadHmm(): void {
  getModel();
}
