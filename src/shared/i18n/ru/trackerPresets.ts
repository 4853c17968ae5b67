import type { trackerPresetsEn } from '../en/trackerPresets';
import type { SameKeys } from '../sameKeys';

export const trackerPresetsRu: SameKeys<typeof trackerPresetsEn> = {
  keitaro: 'Keitaro',
  binom: 'Binom',
  voluum: 'Voluum',
  bemob: 'BeMob',
  redtrack: 'RedTrack',
  igaming: 'Партнёрка iGaming',
  custom: 'Свой',
};
