import type { Language } from '../settings';
import { en } from './en';
import { ru } from './ru';

export const messages: Record<Language, typeof ru> = { ru, en };
