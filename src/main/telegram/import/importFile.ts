/** A file of an import batch, in memory: its path inside what was dropped, and its bytes. */
export interface ImportFile {
  path: string;
  bytes: Buffer;
}

/** Forward slashes, no leading `./` or `/`: dropped folders, zips and disk paths all look alike. */
export function normalizeImportPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/|\/)+/, '');
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
