import type { TFunction } from 'i18next';
import type { Step } from '../../../../../../shared/script';

/** One or two lines that say what a step does, for its canvas node. */
export function stepSummary(step: Step, t: TFunction): string {
  switch (step.type) {
    case 'message':
      return (step.messages ?? []).map((m) => m.text || (m.media ? `📎 ${m.media.kind}` : '')).join(' · ');
    case 'ai_reply':
      return step.goal || step.requirements || (step.endless ? t('summary.endless') : '');
    case 'ab_router':
      return step.mode === 'auto' ? t('summary.abAuto', { event: step.goalEvent ?? '?' }) : t('summary.abFixed');
    case 'condition':
      return t('summary.branches', { count: (step.branches ?? []).length });
    case 'wait': {
      const u = step.until;
      if (u?.kind === 'duration') return t('summary.waitFor', { d: u.duration });
      if (u?.kind === 'clock') return t('summary.waitUntil', { time: u.time });
      if (u?.kind === 'lead_time') return t('summary.waitLeadTime', { d: u.fallback });
      if (u?.kind === 'event') return t('summary.waitEvent', { events: u.events.join(', ') });
      return '';
    }
    case 'tag':
      return [...(step.add ?? []).map((x) => `+${x}`), ...(step.remove ?? []).map((x) => `−${x}`)].join(' ');
    case 'set_field':
      return (step.assignments ?? []).map((a) => `${a.key} = ${a.value}`).join(', ');
    case 'image_check':
      return step.prompt || (step.tasks ?? []).map((x) => x.field).join(', ');
    case 'manual':
      return step.reason;
    case 'webhook':
      return `${step.method} ${step.url}`;
    case 'goto':
    case 'end':
    case 'change_flow':
      return '';
    case 'note':
      return step.text;
  }
}
