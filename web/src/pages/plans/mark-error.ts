// Splits an expression around the span a syntax error points at (1-based column, optional length). Pure.
export interface MarkedExpression {
  before: string;
  bad: string;
  after: string;
}

export function markError(expression: string, column: number, length = 1): MarkedExpression {
  const chars = Array.from(expression);
  const start = Math.min(Math.max(0, Math.floor(column) - 1), chars.length);
  const end = Math.min(chars.length, start + Math.max(1, Math.floor(length)));
  return {
    before: chars.slice(0, start).join(''),
    bad: chars.slice(start, end).join(''),
    after: chars.slice(end).join(''),
  };
}
