/** Names of the postback presets (trackerPresetIds); the trackers' own names are product names. */
export const trackerPresetsEn = {
  keitaro: 'Keitaro',
  binom: 'Binom',
  voluum: 'Voluum',
  bemob: 'BeMob',
  redtrack: 'RedTrack',
  igaming: 'iGaming affiliate program',
  custom: 'Custom',
};
