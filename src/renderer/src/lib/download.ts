/** Saves a blob as a file through the browser's download (works in Electron and the headless host). */
function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Saves text as a file. */
export function downloadText(fileName: string, text: string, mime = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type: `${mime};charset=utf-8` }));
}

/** Bytes from base64 (a piece of a file main read for the renderer). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/**
 * Saves a file given as pieces (a script's media next to its JSON, read 3 MB at a time). Each piece
 * is its own Blob as soon as it arrives, so the renderer holds one piece as bytes at a time; the
 * browser keeps the blob data (and pages a large one out to disk) until the download is written.
 */
export function downloadPieces(fileName: string, pieces: readonly Blob[]): void {
  downloadBlob(fileName, new Blob(pieces as Blob[]));
}

/** Reads a picked file as a data URL (for photos sent to the emulator). */
export function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file'));
    reader.readAsDataURL(file);
  });
}
