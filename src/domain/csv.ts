/**
 * Characters a spreadsheet may read as the start of a formula: the ASCII four, their full-width
 * forms (some spreadsheets fold them to ASCII before parsing), and tab and line ends.
 */
const FORMULA_SIGNS = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\t\r\n]/;

/**
 * Spreadsheets skip leading spaces and quotes before deciding a cell is a formula, so `  =1+1` and
 * `"=1+1` are formulas too: look past them.
 */
const LEADING_PADDING = /^[\s"'\u3000]+/;

/**
 * One CSV cell that a spreadsheet shows as text. A note such as `=HYPERLINK(…)` typed by anyone
 * who could edit the assessment would otherwise run on the reader's machine (OWASP: CSV
 * injection). The guard is a leading apostrophe, which spreadsheets hide and read as "text".
 */
export function csvCell(value: string): string {
  const looksLikeFormula =
    FORMULA_SIGNS.test(value) || FORMULA_SIGNS.test(value.replace(LEADING_PADDING, ''));
  const safe = looksLikeFormula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells as CSV with CRLF line ends (RFC 4180), every cell guarded. */
export function csvRows(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
