import {
  IconArrowsSplit,
  IconClockPause,
  IconCornerDownRight,
  IconExternalLink,
  IconFlag,
  IconForms,
  IconGitBranch,
  IconMessage,
  IconNote,
  IconPhotoScan,
  IconSparkles,
  IconTag,
  IconUserShare,
  IconWebhook,
  type Icon,
} from '@tabler/icons-react';
import type { StepType } from '../../../../../shared/script';

export interface StepMeta {
  icon: Icon;
  color: string;
}

/** Icon and accent colour per step type, shared by the palette, the canvas and the inspector. */
export const stepMeta: Record<StepType, StepMeta> = {
  message: { icon: IconMessage, color: 'blue' },
  ai_reply: { icon: IconSparkles, color: 'violet' },
  ab_router: { icon: IconArrowsSplit, color: 'orange' },
  condition: { icon: IconGitBranch, color: 'yellow' },
  wait: { icon: IconClockPause, color: 'cyan' },
  change_flow: { icon: IconExternalLink, color: 'grape' },
  goto: { icon: IconCornerDownRight, color: 'gray' },
  tag: { icon: IconTag, color: 'teal' },
  set_field: { icon: IconForms, color: 'teal' },
  image_check: { icon: IconPhotoScan, color: 'pink' },
  manual: { icon: IconUserShare, color: 'red' },
  webhook: { icon: IconWebhook, color: 'indigo' },
  end: { icon: IconFlag, color: 'dark' },
  note: { icon: IconNote, color: 'lime' },
};

/** Palette order: talking first, then logic, then plumbing. */
export const paletteOrder: StepType[] = [
  'message', 'ai_reply', 'ab_router', 'condition', 'wait', 'image_check', 'tag', 'set_field',
  'change_flow', 'goto', 'manual', 'webhook', 'end', 'note',
];
