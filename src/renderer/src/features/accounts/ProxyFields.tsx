import { Group, NumberInput, PasswordInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProxyInput } from '../../../../shared/rpc/accounts';

export type ProxyDraft = { type: 'none' | 'socks5' | 'mtproxy'; host: string; port: number | string; username: string; password: string; secret: string };

export const emptyProxy: ProxyDraft = { type: 'none', host: '', port: 1080, username: '', password: '', secret: '' };

/** null = no proxy; secrets left empty are not sent (the stored ones stay). */
export function toProxyInput(d: ProxyDraft): ProxyInput | null {
  if (d.type === 'none') return null;
  const port = Number(d.port) || 0;
  if (d.type === 'mtproxy') return { type: 'mtproxy', host: d.host, port, secret: d.secret };
  return { type: 'socks5', host: d.host, port, ...(d.username ? { username: d.username } : {}), ...(d.password ? { password: d.password } : {}) };
}

/** SOCKS5 or MTProxy settings of one account. */
export function ProxyFields({ value, onChange }: { value: ProxyDraft; onChange(next: ProxyDraft): void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ProxyDraft>): void => onChange({ ...value, ...patch });
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
      {value.type === 'mtproxy' && <TextInput size="xs" label={t('accounts.proxySecret')} value={value.secret} onChange={(e) => set({ secret: e.currentTarget.value })} />}
    </Stack>
  );
}
