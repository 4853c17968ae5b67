/** A dropped or chosen file with its path inside what was dropped, as the import RPC takes it. */
export interface PickedFile {
  path: string;
  file: File;
}

/** Telegram Desktop keeps caches next to the account files; they are never needed and can be huge. */
const skippedDirs = /(^|\/)(user_data|emoji|dumps|tdummy|webview|temp)(\/|$)/i;
const maxFileBytes = 16 * 1024 * 1024;

export function keepFile(path: string, size: number): boolean {
  return size <= maxFileBytes && !skippedDirs.test(path);
}

/** Files from an <input type=file> (a folder pick fills webkitRelativePath). */
export function fromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [])
    .map((file) => ({ path: file.webkitRelativePath || file.name, file }))
    .filter((f) => keepFile(f.path, f.file.size));
}

/** Files and whole folders from a drop, walking directories through the entries API. */
export async function fromDrop(items: DataTransferItemList): Promise<PickedFile[]> {
  const entries = Array.from(items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      if (keepFile(path, file.size)) out.push({ path, file });
      return;
    }
    if (skippedDirs.test(path)) return;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in batches until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, path);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}

export async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
