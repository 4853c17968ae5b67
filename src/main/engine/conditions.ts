import type { ConditionRule } from '../../shared/script';
import { minutesOf, wallClock } from './time/zonedTime';
import type { LeadSnapshot } from './types';

/** Evaluates one condition rule for a lead at `now` in the script's timezone. */
export function ruleHolds(rule: ConditionRule, lead: LeadSnapshot, now: number, zone: string): boolean {
  switch (rule.kind) {
    case 'tag':
      return lead.tags.includes(rule.tag) === (rule.op === 'has');
    case 'field':
      return compare(lead.fields[rule.key], rule.op, rule.value);
    case 'tracker':
      return compare(lead.tracker[rule.key], rule.op, rule.value);
    case 'time': {
      const { minutes, weekday } = wallClock(now, zone);
      const from = minutesOf(rule.from);
      const to = minutesOf(rule.to);
      // A range like 22:00–06:00 wraps past midnight.
      const inside = from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
      const dayOk = !rule.days || rule.days.includes(weekday);
      return (inside && dayOk) === (rule.op === 'between');
    }
    case 'event':
      return (lead.leadEvents[rule.event]?.count ?? 0) > 0 === (rule.op === 'received');
    case 'deposit': {
      const sale = lead.leadEvents.sale;
      const resale = lead.leadEvents.resale;
      const value =
        rule.metric === 'count'
          ? (sale?.count ?? 0) + (resale?.count ?? 0)
          : rule.metric === 'total'
            ? (sale?.amount ?? 0) + (resale?.amount ?? 0)
            : (sale?.firstAmount ?? 0);
      return compareNumbers(value, rule.op, rule.value);
    }
  }
}

function compare(actual: string | number | undefined, op: string, expected: string | number | undefined): boolean {
  const present = actual !== undefined && actual !== '';
  switch (op) {
    case 'exists':
      return present;
    case 'missing':
      return !present;
    case 'is':
      return present && normalise(actual) === normalise(expected);
    case 'not':
      return !present || normalise(actual) !== normalise(expected);
    case 'contains':
      return present && normalise(actual).includes(normalise(expected));
    case 'gt':
    case 'lt': {
      const a = Number(actual);
      return present && !Number.isNaN(a) && compareNumbers(a, op, Number(expected));
    }
    default:
      return false;
  }
}

function compareNumbers(a: number, op: string, b: number): boolean {
  switch (op) {
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    default:
      return a === b;
  }
}

const normalise = (v: string | number | undefined): string => String(v ?? '').trim().toLowerCase();
