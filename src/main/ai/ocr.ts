import eng from '@tesseract.js-data/eng';
import { createWorker, type Worker } from 'tesseract.js';

/**
 * Local OCR for screenshots when no AI provider can read them: tesseract.js with the English data
 * shipped in @tesseract.js-data/eng, so it works without internet. Digits and Latin text read well;
 * Cyrillic labels come out as noise, which the step's ID pattern filters out.
 */
export class LocalOcr {
  private worker: Promise<Worker> | undefined;

  async read(image: Buffer | string): Promise<string> {
    this.worker ??= createWorker(eng.code, 1, { langPath: eng.langPath, gzip: eng.gzip, cacheMethod: 'none', logger: () => {} });
    const worker = await this.worker;
    const { data } = await worker.recognize(image);
    return data.text;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await (await worker).terminate();
  }
}
