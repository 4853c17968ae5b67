/**
 * The file name a script's media file is saved under next to its exported JSON, and matched by on
 * import. Made from the whole path inside the media folder, so `media/a/x.jpg` and `media/b/x.jpg`
 * are two files (`a__x.jpg`, `b__x.jpg`), not one; a library file keeps its content-hash name
 * (`media/library/<hash>.jpg` → `<hash>.jpg`), as exports always named it.
 */
export function mediaExportName(path: string): string {
  const inside = path.replace(/^media\//, '');
  const library = /^library\/([^/]+)$/.exec(inside);
  return library?.[1] ?? inside.split('/').join('__');
}
