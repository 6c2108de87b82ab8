/**
 * Template expansion for the demo text generator. A template is plain text with two kinds of braces:
 *   {a|b|c}  one alternative chosen at random (an empty alternative, as in {很|}, makes the part optional);
 *   {name}   a slot filled from the scene (the same slot gives the same value within one scene).
 * Alternatives may contain slots and alternatives, e.g. {{town}的|}路灯. Templates are parsed once and cached.
 */
import type { Rng } from './prng.ts';

export type SlotFn = (rng: Rng) => string;

/** Slots drawn anew at each use by default. */
export const FRESH_SLOTS: ReadonlySet<string> = new Set(['n', 'cn', 'nn', 'money', 'price', 'days', 'when', 'hour', 'age', 'kid', 'mr', 'surname', 'phoneTail', 'grade']);

type Part = string | { slot: string } | { alt: Seq[] };
type Seq = Part[];

const compiled = new Map<string, Seq>();

/** Parse a template once into literals, slots and alternatives (cached). */
function compile(template: string): Seq {
  let seq = compiled.get(template);
  if (!seq) {
    const [parsed, end] = parseSeq(template, 0, false);
    if (end !== template.length) throw new Error(`TF_ERR_DEMO_TEMPLATE: unbalanced braces in demo template: ${template}`);
    seq = parsed;
    if (compiled.size > 50_000) compiled.clear();
    compiled.set(template, seq);
  }
  return seq;
}

/** Parse from i until the end, or (inside braces) until a top-level '|' or '}'. */
function parseSeq(t: string, i: number, inside: boolean): [Seq, number] {
  const seq: Seq = [];
  let lit = '';
  while (i < t.length) {
    const c = t[i] as string;
    if (inside && (c === '|' || c === '}')) break;
    if (c === '{') {
      if (lit) seq.push(lit);
      lit = '';
      const options: Seq[] = [];
      let j = i + 1;
      for (;;) {
        const [opt, k] = parseSeq(t, j, true);
        options.push(opt);
        if (t[k] === '|') j = k + 1;
        else if (t[k] === '}') {
          i = k + 1;
          break;
        } else throw new Error(`TF_ERR_DEMO_TEMPLATE: unbalanced braces in demo template: ${t}`);
      }
      const only = options[0];
      if (options.length === 1 && only && only.length === 1 && typeof only[0] === 'string') seq.push({ slot: only[0] });
      else if (options.length === 1) throw new Error(`TF_ERR_DEMO_TEMPLATE: a slot name must be plain text: ${t}`);
      else seq.push({ alt: options });
      continue;
    }
    if (c === '}' && !inside) throw new Error(`TF_ERR_DEMO_TEMPLATE: unbalanced braces in demo template: ${t}`);
    lit += c;
    i++;
  }
  if (lit) seq.push(lit);
  return [seq, i];
}

/** A scene: the slot values of one post, resolved lazily and then fixed. */
export class Scene {
  private readonly values = new Map<string, string>();
  /**
   * @param fresh slots drawn anew at each use (numbers, times), unlike places which stay fixed within a post
   */
  constructor(
    readonly rng: Rng,
    private readonly resolvers: Readonly<Record<string, SlotFn>>,
    private readonly fresh: ReadonlySet<string> = FRESH_SLOTS,
  ) {}

  set(name: string, value: string): this {
    this.values.set(name, value);
    return this;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  get(name: string): string {
    const known = this.values.get(name);
    if (known !== undefined) return known;
    const fn = this.resolvers[name];
    if (!fn) throw new Error(`TF_ERR_DEMO_TEMPLATE: unknown slot {${name}} in a demo template`);
    const v = fn(this.rng);
    if (!this.fresh.has(name)) this.values.set(name, v);
    return v;
  }

  /** Expand one template. */
  fill(template: string): string {
    return this.render(compile(template));
  }

  private render(seq: Seq): string {
    let out = '';
    for (const part of seq) {
      if (typeof part === 'string') out += part;
      else if ('slot' in part) {
        const v = this.get(part.slot);
        out += v.includes('{') ? this.fill(v) : v;
      } else out += this.render(this.rng.pick(part.alt));
    }
    return out;
  }

  /** Pick one template from the list and expand it. */
  pick(templates: readonly string[]): string {
    return this.fill(this.rng.pick(templates));
  }

  /** Expand k distinct templates from the list (in random order), joined (sep only where a piece lacks an end mark). */
  some(templates: readonly string[], min: number, max: number, sep = '。'): string {
    const k = this.rng.int(min, max);
    let out = '';
    for (const t of this.rng.sample(templates, k)) {
      const piece = this.fill(t);
      if (!piece) continue;
      out += out && !/[。！？!?，,、…~：:]$/.test(out) ? sep + piece : piece;
    }
    return out;
  }
}
