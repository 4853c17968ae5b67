import { toCsv, type CsvColumn } from '../../../shared/csv';
import { downloadText } from './download';

export type { CsvColumn };

/** A BOM first so Excel opens UTF-8 Cyrillic correctly. */
export function downloadCsv<T>(fileName: string, rows: readonly T[], columns: readonly CsvColumn<T>[]): void {
  downloadText(fileName, `\uFEFF${toCsv(rows, columns)}`, 'text/csv');
}
