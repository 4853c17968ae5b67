/** The editor's attachment picker (message steps): files are copied into the data folder. */
export const mediaPickerEn = {
  drop: 'Drop a photo, video, voice note or file here',
  pick: 'Pick a file',
  replace: 'Replace',
  remove: 'Remove',
  storing: 'Copying into the data folder…',
  stored: 'In the data folder: {{size}}',
  tooLarge: 'The file is larger than {{mb}} MB',
  failed: 'The file could not be stored: {{message}}',
  media_missing: 'The file is missing from the media folder: pick it again',
  media_outside: 'This path is outside the media folder: pick the file again',
  importWithMedia: 'Pick the script’s .json file together with its media files (photos, videos…).',
  noPreview: 'No preview for this kind of file',
  problemPath: 'An attachment must be a file in the media folder (media/…): pick the file instead of typing a path',
  problemOutside: 'Attachment "{{a}}" is not a file in the media folder',
  problemMissing: 'Attachment file "{{a}}" is missing: add it with the script or pick it again',
};
