/** Syntax tree and errors of the monitoring-plan (监测方案) expression language. See parser.ts for the grammar. */

export type PlanField = 'title' | 'text' | 'source' | 'author';
/** `any` = no field scope: title or text. */
export type FieldScope = PlanField | 'any';

export type PlanNode =
  | { type: 'term'; value: string; field: FieldScope; quoted: boolean; column: number }
  | { type: 'list'; name: string; words: string[]; field: FieldScope; column: number }
  | { type: 'and'; children: PlanNode[] }
  | { type: 'or'; children: PlanNode[] }
  | { type: 'not'; child: PlanNode }
  | { type: 'near'; left: PlanNode; right: PlanNode; distance: number; column: number };

export interface PlanSyntaxError {
  code: 'TF_ERR_PLAN_SYNTAX';
  /** Chinese then English, saying what to fix. */
  message: string;
  /** 1-based column (in characters) where the problem is. */
  column: number;
}

export type ParseResult = { ok: true; ast: PlanNode } | { ok: false; error: PlanSyntaxError };
