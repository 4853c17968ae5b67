import { downloadText } from './download';

export interface CsvColumn<T> {
  header: string;
  value(row: T): string | number | null | undefined;
}

function cell(value: string | number | null | undefined): string {
  const text = value == null ? '' : String(value);
  return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return lines.join('\n');
}

/** A BOM first so Excel opens UTF-8 Cyrillic correctly. */
export function downloadCsv<T>(fileName: string, rows: readonly T[], columns: readonly CsvColumn<T>[]): void {
  downloadText(fileName, `\uFEFF${toCsv(rows, columns)}`, 'text/csv');
}
