import { Button, Group, NumberInput, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProxyInput, ProxyTest } from '../../../../shared/rpc/accounts';
import { callRpc } from '../../rpc/hooks';

export type ProxyDraft = { type: 'none' | 'socks5' | 'mtproxy'; host: string; port: number | string; username: string; password: string; secret: string };

export const emptyProxy: ProxyDraft = { type: 'none', host: '', port: 1080, username: '', password: '', secret: '' };

/** null = no proxy; secrets left empty are not sent (the stored ones stay). */
export function toProxyInput(d: ProxyDraft): ProxyInput | null {
  if (d.type === 'none') return null;
  const port = Number(d.port) || 0;
  if (d.type === 'mtproxy') return { type: 'mtproxy', host: d.host, port, secret: d.secret };
  return { type: 'socks5', host: d.host, port, ...(d.username ? { username: d.username } : {}), ...(d.password ? { password: d.password } : {}) };
}

/** Fake-TLS secrets: teleproto cannot speak them, so they are refused before saving. */
const isEeSecret = (d: ProxyDraft): boolean => d.type === 'mtproxy' && /^ee[0-9a-f]{32}/i.test(d.secret.trim());

/** SOCKS5 or MTProxy settings of one account, with "Test proxy" before saving. */
export function ProxyFields({ value, onChange }: { value: ProxyDraft; onChange(next: ProxyDraft): void }) {
  const { t } = useTranslation();
  const [test, setTest] = useState<ProxyTest | null>(null);
  const [testing, setTesting] = useState(false);
  const set = (patch: Partial<ProxyDraft>): void => {
    setTest(null);
    onChange({ ...value, ...patch });
  };
  const input = toProxyInput(value);
  const runTest = async (): Promise<void> => {
    if (!input) return;
    setTesting(true);
    try {
      setTest(await callRpc('accounts.testProxy', { proxy: input }));
    } catch (e) {
      setTest({ ok: false, problem: 'failed', detail: e instanceof Error ? e.message : String(e), elapsedMs: null });
    } finally {
      setTesting(false);
    }
  };
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        value={value.type}
        onChange={(type) => set({ type: type as ProxyDraft['type'] })}
        data={[
          { value: 'none', label: t('accounts.noProxy') },
          { value: 'socks5', label: 'SOCKS5' },
          { value: 'mtproxy', label: 'MTProxy' },
        ]}
      />
      {value.type !== 'none' && (
        <Group grow>
          <TextInput size="xs" label={t('accounts.proxyHost')} value={value.host} onChange={(e) => set({ host: e.currentTarget.value })} />
          <NumberInput size="xs" label={t('accounts.proxyPort')} min={1} max={65535} value={value.port} onChange={(port) => set({ port })} />
        </Group>
      )}
      {value.type === 'socks5' && (
        <Group grow>
          <TextInput size="xs" label={t('accounts.proxyUser')} value={value.username} onChange={(e) => set({ username: e.currentTarget.value })} />
          <PasswordInput size="xs" label={t('accounts.proxyPassword')} value={value.password} onChange={(e) => set({ password: e.currentTarget.value })} />
        </Group>
      )}
      {value.type === 'mtproxy' && (
        <TextInput
          size="xs"
          label={t('accounts.proxySecret')}
          value={value.secret}
          error={isEeSecret(value) ? t('accountsImport.proxyTest.eeSecret') : undefined}
          onChange={(e) => set({ secret: e.currentTarget.value })}
          data-testid="proxy-secret"
        />
      )}
      {value.type !== 'none' && (
        <Group gap="sm" wrap="nowrap">
          <Button size="xs" variant="light" loading={testing} disabled={!value.host || isEeSecret(value)} onClick={() => void runTest()} data-testid="test-proxy">
            {t('accountsImport.proxyTest.button')}
          </Button>
          {test && (
            <Text size="xs" c={test.ok ? 'teal' : 'red'} data-testid="proxy-test-result">
              {test.ok ? t('accountsImport.proxyTest.ok', { ms: test.elapsedMs ?? 0 }) : t(`accountsImport.proxyTest.${test.problem ?? 'failed'}`, { detail: test.detail ?? '' })}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
