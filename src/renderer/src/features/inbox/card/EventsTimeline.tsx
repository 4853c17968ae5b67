import { eventLabel } from '../../../lib/eventLabel';
import { Code, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/LoadingState';
import { formatDateTime } from '../../../lib/format';
import { messageText } from '../../../lib/messageText';
import { isAppMessage, type AppMessage } from '../../../../../shared/appMessage';
import { useRpcQuery } from '../../../rpc/hooks';

/** The lead's timeline (transitions, AI calls, postbacks…), newest first; details on click. */
export function EventsTimeline({ leadId }: { leadId: number }) {
  const { t } = useTranslation();
  const events = useRpcQuery('leads.events', { id: leadId, limit: 200 });
  if (events.isLoading) return <LoadingState />;
  if (events.error) return <ErrorAlert error={events.error} />;
  const list = [...(events.data ?? [])].sort((a, b) => b.ts - a.ts);
  if (!list.length)
    return (
      <Text size="xs" c="dimmed">
        {t('common.none')}
      </Text>
    );
  return (
    <Timeline bulletSize={10} lineWidth={1} data-testid="lead-timeline">
      {list.map((e) => (
        <Timeline.Item key={e.id} title={<Text span fz="xs" fw={600}>{eventLabel(t, e.type)}</Text>}>
          <Text size="10px" c="dimmed">
            {formatDateTime(e.ts)}
          </Text>
          {/* A deposit whose payout nobody could read is not in the totals: say so on the lead. */}
          {e.type === 'lead.event' && e.payload.payoutUnparsed === true && (
            <Text size="10px" c="orange" data-testid="lead-payout-unparsed">
              {t('tracker.payoutUnparsed', { raw: String(e.payload.payoutRaw ?? '') })}
            </Text>
          )}
          {/* Webhooks and tracker events: one entry per attempt, with its outcome and when the next one runs. */}
          {typeof e.payload.attempt === 'number' && (
            <Text size="10px" c="dimmed" data-testid="outbound-attempt">
              {t('inbox.attempt', {
                attempt: e.payload.attempt,
                of: Number(e.payload.of ?? e.payload.attempt),
                outcome: e.payload.status != null ? `HTTP ${String(e.payload.status)}` : String(e.payload.reason ?? ''),
                duration: Number(e.payload.durationMs ?? 0),
              })}
              {typeof e.payload.retryAt === 'number' && ` · ${t('inbox.nextAttempt', { time: formatDateTime(e.payload.retryAt) })}`}
            </Text>
          )}
          {/* A call that will not be made: its target, so the operator can make it by hand. */}
          {e.type === 'tracker.s2s_dropped' && typeof e.payload.url === 'string' && (
            <Text size="10px" c="orange" style={{ wordBreak: 'break-all' }} data-testid="outbound-dropped">
              {String(e.payload.method ?? 'GET')} {e.payload.url}
            </Text>
          )}
          {/* Why (a hand-over, a stop, an AI failure): the coded reason from main, in the UI language. */}
          {reasonOf(e.payload) && (
            <Text size="10px" data-testid="timeline-reason">
              {messageText(t, reasonOf(e.payload) as AppMessage)}
            </Text>
          )}
          <details>
            <summary style={{ fontSize: 11, cursor: 'pointer' }}>{t('inbox.details')}</summary>
            <Code block fz="10px">
              {JSON.stringify(e.payload, null, 2)}
            </Code>
          </details>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function reasonOf(payload: Record<string, unknown>): AppMessage | undefined {
  if (isAppMessage(payload.detail)) return payload.detail;
  return isAppMessage(payload.reason) ? payload.reason : undefined;
}
