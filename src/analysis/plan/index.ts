export type { FieldScope, ParseResult, PlanField, PlanNode, PlanSyntaxError } from './ast.ts';
export { parsePlan, normalizeTerm, type ParseOptions } from './parser.ts';
export { PlanSet, type PlanDefinition, type PlanDocument, type PlanError, type PlanMatch } from './plan-set.ts';
export { AhoCorasick } from './aho-corasick.ts';
