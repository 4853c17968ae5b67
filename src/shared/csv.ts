/** CSV text for exports (RFC 4180 quoting), safe to open in a spreadsheet. Pure, so unit tests run it in Node. */
export interface CsvColumn<T> {
  header: string;
  value(row: T): string | number | null | undefined;
}

/**
 * A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab/CR that some
 * apps strip first) gets a leading apostrophe: lead names and messages come from strangers, and
 * `=HYPERLINK(...)` in a lead's name must stay text when the operator opens the export (OWASP CSV
 * injection). Numbers are ours and stay numbers, negative ones included.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: string | number | null | undefined): string {
  const text = value == null ? '' : typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return lines.join('\n');
}

