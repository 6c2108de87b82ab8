/**
 * Parser of the monitoring-plan expression language.
 *
 *   expr    := or
 *   or      := and (OR and)*
 *   and     := unary ((AND)? unary)*          -- juxtaposition is AND: `城南路 积水` = `城南路 AND 积水`
 *   unary   := NOT unary | near
 *   near    := primary (NEAR/n primary)*      -- both sides words, phrases or @lists; n tokens apart at most
 *   primary := '(' expr ')' | field: primary | word | "phrase" | @list
 *   field   := title | text | source | author
 *
 * Precedence NOT > NEAR > AND > OR. Keywords are case-insensitive; `&&`, `||`/`|` are accepted for AND/OR;
 * full-width parentheses and Chinese quotes are accepted. Implicit AND is chosen because analysts type
 * space-separated words the way they use search engines; write OR explicitly.
 *
 * parsePlan never throws: every problem is returned as { code: 'TF_ERR_PLAN_SYNTAX', message (中文 / English),
 * column (1-based) }.
 */
import { normalizeText } from '../normalize.ts';
import type { FieldScope, ParseResult, PlanNode, PlanSyntaxError } from './ast.ts';
import { lex, type Token } from './lexer.ts';

const MAX_LENGTH = 20_000;
const MAX_DEPTH = 64;

export interface ParseOptions {
  /** Named word lists for @name (e.g. places → the gazetteer's place names). Unknown names are errors. */
  lists?: Readonly<Record<string, readonly string[]>>;
}

class Fail extends Error {
  constructor(readonly error: PlanSyntaxError) {
    super(error.message);
  }
}

/** Analysis form of a search term: normalised like post text, lower-cased, inner whitespace kept as one space. */
export function normalizeTerm(s: string): string {
  return normalizeText(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[], private readonly opts: ParseOptions) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private fail(message: string, column: number): never {
    throw new Fail({ code: 'TF_ERR_PLAN_SYNTAX', message, column });
  }

  parse(): PlanNode {
    if (this.peek().kind === 'end') this.fail('表达式为空 / the expression is empty', 1);
    const node = this.or();
    const t = this.peek();
    if (t.kind === 'rparen') this.fail('多余的右括号 ) / unmatched closing parenthesis', t.column);
    if (t.kind !== 'end') this.fail(`无法理解 “${t.text}” / unexpected “${t.text}”`, t.column);
    return node;
  }

  private or(): PlanNode {
    const children = [this.and()];
    while (this.peek().kind === 'or') {
      const op = this.peek();
      this.pos++;
      if (this.startsOperand()) children.push(this.and());
      else this.fail('OR 后面缺少内容 / OR needs something on its right', op.column);
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private startsOperand(): boolean {
    const k = this.peek().kind;
    return k === 'word' || k === 'phrase' || k === 'list' || k === 'lparen' || k === 'not' || k === 'field';
  }

  private and(): PlanNode {
    const children = [this.unary()];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'and') {
        this.pos++;
        if (!this.startsOperand()) this.fail('AND 后面缺少内容 / AND needs something on its right', t.column);
        children.push(this.unary());
      } else if (this.startsOperand()) {
        children.push(this.unary());
      } else break;
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private unary(): PlanNode {
    const t = this.peek();
    if (t.kind === 'not') {
      this.pos++;
      if (!this.startsOperand()) this.fail('NOT 后面缺少内容 / NOT needs something on its right', t.column);
      return { type: 'not', child: this.nested(() => this.unary(), t.column) };
    }
    return this.near();
  }

  private near(): PlanNode {
    let left = this.primary('any');
    while (this.peek().kind === 'near') {
      const op = this.peek();
      this.pos++;
      if (!this.startsOperand()) this.fail('NEAR 后面缺少词语 / NEAR needs a word on its right', op.column);
      const right = this.primary('any');
      if (!nearOperand(left) || !nearOperand(right)) {
        this.fail('NEAR 两边只能是词语、短语或词表 / NEAR joins words, phrases or @lists only', op.column);
      }
      left = { type: 'near', left, right, distance: op.n ?? 10, column: op.column };
    }
    return left;
  }

  private nested<T>(f: () => T, column: number): T {
    if (++this.depth > MAX_DEPTH) this.fail(`嵌套太深（最多 ${MAX_DEPTH} 层）/ nesting deeper than ${MAX_DEPTH}`, column);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  private primary(field: FieldScope): PlanNode {
    const t = this.peek();
    switch (t.kind) {
      case 'lparen': {
        this.pos++;
        if (this.peek().kind === 'rparen') this.fail('括号里没有内容 / empty parentheses', t.column);
        const inner = this.nested(() => this.or(), t.column);
        if (this.peek().kind !== 'rparen') this.fail('缺少右括号 ) / missing closing parenthesis for this one', t.column);
        this.pos++;
        return field === 'any' ? inner : scope(inner, field);
      }
      case 'field': {
        this.pos++;
        const next = this.peek();
        if (next.kind !== 'word' && next.kind !== 'phrase' && next.kind !== 'list' && next.kind !== 'lparen') {
          this.fail(`${t.text}: 后面要写词语、短语或括号 / ${t.text}: needs a word, phrase or parentheses`, t.column);
        }
        return this.nested(() => this.primary(t.text as FieldScope), t.column);
      }
      case 'word':
      case 'phrase': {
        this.pos++;
        const value = normalizeTerm(t.text);
        if (!value) this.fail(`“${t.text}” 规范化后为空 / “${t.text}” is empty after normalisation`, t.column);
        return { type: 'term', value, field, quoted: t.kind === 'phrase', column: t.column };
      }
      case 'list': {
        this.pos++;
        const words = this.opts.lists?.[t.text];
        if (!words) {
          const known = Object.keys(this.opts.lists ?? {});
          this.fail(`未知词表 @${t.text}${known.length ? '，可用 ' + known.map((k) => '@' + k).join(' ') : ''} / unknown word list @${t.text}`, t.column);
        }
        const clean = [...new Set(words.map(normalizeTerm).filter((w) => w.length > 0))];
        if (clean.length === 0) this.fail(`词表 @${t.text} 是空的 / word list @${t.text} is empty`, t.column);
        return { type: 'list', name: t.text, words: clean, field, column: t.column };
      }
      case 'rparen':
        return this.fail('这里不该有右括号 ) / unexpected closing parenthesis', t.column);
      case 'end':
        return this.fail('表达式不完整 / the expression ends too early', t.column);
      default:
        return this.fail(`“${t.text}” 前面缺少词语 / “${t.text}” needs a word before it`, t.column);
    }
  }
}

function nearOperand(n: PlanNode): boolean {
  return n.type === 'term' || n.type === 'list';
}

/** Apply a field scope to every leaf that has none yet. */
function scope(n: PlanNode, field: FieldScope): PlanNode {
  switch (n.type) {
    case 'term':
    case 'list':
      return n.field === 'any' ? { ...n, field } : n;
    case 'and':
    case 'or':
      return { type: n.type, children: n.children.map((c) => scope(c, field)) };
    case 'not':
      return { type: 'not', child: scope(n.child, field) };
    case 'near':
      return { ...n, left: scope(n.left, field), right: scope(n.right, field) };
  }
}

/** Parse a plan expression. Never throws. */
export function parsePlan(src: unknown, opts: ParseOptions = {}): ParseResult {
  try {
    if (typeof src !== 'string') return { ok: false, error: { code: 'TF_ERR_PLAN_SYNTAX', message: '表达式必须是文本 / the expression must be text', column: 1 } };
    if (src.length > MAX_LENGTH) {
      return { ok: false, error: { code: 'TF_ERR_PLAN_SYNTAX', message: `表达式太长（最多 ${MAX_LENGTH} 字符）/ expression longer than ${MAX_LENGTH} characters`, column: MAX_LENGTH + 1 } };
    }
    const lexed = lex(src);
    if (!lexed.ok) return { ok: false, error: { code: 'TF_ERR_PLAN_SYNTAX', message: lexed.message, column: lexed.column } };
    return { ok: true, ast: new Parser(lexed.tokens, opts).parse() };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, error: err.error };
    return { ok: false, error: { code: 'TF_ERR_PLAN_SYNTAX', message: `无法解析 / cannot parse: ${String(err)}`, column: 1 } };
  }
}
