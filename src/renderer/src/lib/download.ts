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

/** Saves base64 bytes, given in one or more pieces, as one file (a script's media next to its JSON). */
export function downloadBase64(fileName: string, base64: string | readonly string[]): void {
  const parts = typeof base64 === 'string' ? [base64] : base64;
  downloadBlob(fileName, new Blob(parts.map((part) => Uint8Array.from(atob(part), (c) => c.charCodeAt(0)))));
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
