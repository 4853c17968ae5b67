import { Alert, Button, Group, Modal, NumberInput, PasswordInput, Select, Stack, Stepper, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginState } from '../../../../shared/rpc/accounts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callRpc, useRpcQuery } from '../../rpc/hooks';
import { emptyProxy, ProxyFields, toProxyInput, type ProxyDraft } from './ProxyFields';
import { QrLoginPanel } from './QrLoginPanel';
import { scriptOptions } from './scriptOptions';

type CodeSent = Extract<LoginState, { state: 'code_sent' }>;
type Stage =
  | { step: 'start' }
  | { step: 'code'; sent: CodeSent }
  | { step: 'qr'; loginId: string; url: string }
  | { step: 'password'; loginId: string; hint: string }
  | { step: 'done'; name: string };

/** Seconds left of Telegram's countdown before "send the code another way" is allowed. */
function useCountdown(sent: CodeSent | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!sent?.resendAfterSeconds) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [sent]);
  if (!sent?.resendAfterSeconds) return 0;
  return Math.max(0, Math.ceil((sent.sentAt + sent.resendAfterSeconds * 1000 - now) / 1000));
}

/** Phone → code → 2FA password, a QR code scanned from a phone, or an existing session string. Wrong codes keep the wizard on its step. */
export function LoginWizard({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const scripts = useRpcQuery('scripts.list', {}, { enabled: opened });
  const [mode, setMode] = useState<string | null>('phone');
  const [phone, setPhone] = useState('');
  const [session, setSession] = useState('');
  const [apiId, setApiId] = useState<number | string>('');
  const [apiHash, setApiHash] = useState('');
  const [proxy, setProxy] = useState<ProxyDraft>(emptyProxy);
  const [scriptId, setScriptId] = useState<string | null>(null);
  const [secret, setSecret] = useState('');
  const [stage, setStage] = useState<Stage>({ step: 'start' });
  const [failure, setFailure] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  // The tab a failure came from: an error of the session tab is not shown on the phone tab.
  const [errorTab, setErrorTab] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = useCallback((state: LoginState): void => {
    setSecret('');
    if (state.state === 'code_sent') setStage({ step: 'code', sent: state });
    else if (state.state === 'qr') setStage({ step: 'qr', loginId: state.loginId, url: state.url });
    else if (state.state === 'password_needed') setStage({ step: 'password', loginId: state.loginId, hint: state.hint });
    else if (state.state === 'signed_in') {
      setStage({ step: 'done', name: state.account.displayName ?? state.account.username ?? state.account.phone ?? `#${state.account.id}` });
      void client.invalidateQueries({ queryKey: ['accounts.list'] });
    } else if (state.state === 'failed') {
      setFailure(t(`accounts.failure.${state.reason}`, { seconds: state.retryAfterSeconds ?? 0, defaultValue: state.message }));
      if (!state.loginId) setStage({ step: 'start' });
    }
  }, [client, t]);

  const run = async (action: () => Promise<LoginState>): Promise<void> => {
    setBusy(true);
    setFailure(null);
    setError(null);
    setErrorTab(mode);
    try {
      apply(await action());
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const common = () => ({ apiId: Number(apiId), apiHash: apiHash.trim(), proxy: toProxyInput(proxy), scriptId: scriptId ? Number(scriptId) : null });
  const close = (): void => {
    const pendingId = stage.step === 'code' ? stage.sent.loginId : stage.step === 'password' || stage.step === 'qr' ? stage.loginId : null;
    if (pendingId) void callRpc('accounts.cancelLogin', { loginId: pendingId }).catch(() => undefined);
    setStage({ step: 'start' });
    setFailure(null);
    onClose();
  };
  const active = { start: 0, code: 1, qr: 1, password: 2, done: 3 }[stage.step];
  const countdown = useCountdown(stage.step === 'code' ? stage.sent : null);

  return (
    <Modal opened={opened} onClose={close} title={t('accounts.addAccount')} size="lg" data-testid="login-wizard">
      <Stepper active={active} size="xs" mb="md">
        <Stepper.Step label={t('accounts.stepCredentials')} />
        <Stepper.Step label={t('accounts.stepCode')} />
        <Stepper.Step label={t('accounts.stepPassword')} />
        <Stepper.Completed>{null}</Stepper.Completed>
      </Stepper>
      <Stack gap="sm">
        {failure && (stage.step !== 'start' || errorTab === mode) && (
          <Alert color="red" variant="light" data-testid="login-failure">
            {failure}
          </Alert>
        )}
        {error && (stage.step !== 'start' || errorTab === mode) && <ErrorAlert error={error} />}
        {stage.step === 'start' && (
          <>
            <Tabs value={mode} onChange={setMode}>
              <Tabs.List>
                <Tabs.Tab value="phone" data-testid="tab-phone">{t('accounts.byPhone')}</Tabs.Tab>
                <Tabs.Tab value="qr" data-testid="tab-qr">{t('accountsImport.qr.tab')}</Tabs.Tab>
                <Tabs.Tab value="session" data-testid="tab-session">{t('accounts.bySession')}</Tabs.Tab>
              </Tabs.List>
            </Tabs>
            {mode === 'qr' ? null : mode === 'phone' ? (
              <TextInput label={t('accounts.phone')} placeholder="+7 900 000-00-00" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} data-testid="login-phone" />
            ) : (
              <Textarea label={t('accounts.session')} description={t('accounts.sessionHint')} autosize minRows={2} value={session} onChange={(e) => setSession(e.currentTarget.value)} data-testid="session-string" />
            )}
            <Group grow>
              <NumberInput label="API id" value={apiId} onChange={setApiId} hideControls data-testid="login-api-id" />
              <TextInput label="API hash" value={apiHash} onChange={(e) => setApiHash(e.currentTarget.value)} data-testid="login-api-hash" />
            </Group>
            <Text size="xs" c="dimmed">{t('accounts.apiHint')}</Text>
            <Select label={t('accounts.script')} clearable data={scriptOptions(t, scripts.data)} value={scriptId} onChange={setScriptId} />
            <ProxyFields value={proxy} onChange={setProxy} />
            <Group justify="flex-end">
              <Button
                loading={busy}
                disabled={!apiId || !apiHash || (mode === 'phone' ? !phone.trim() : mode === 'session' ? !session.trim() : false)}
                onClick={() =>
                  void run(() =>
                    mode === 'phone'
                      ? callRpc('accounts.startLogin', { phone: phone.trim(), ...common() })
                      : mode === 'qr'
                        ? callRpc('accounts.startQrLogin', common())
                        : callRpc('accounts.importSession', { session: session.trim(), ...common() }),
                  )
                }
                data-testid="login-start"
              >
                {mode === 'phone' ? t('accounts.sendCode') : mode === 'qr' ? t('accountsImport.qr.start') : t('accounts.importSession')}
              </Button>
            </Group>
          </>
        )}
        {stage.step === 'code' && (
          <>
            <Text size="sm" data-testid="code-sent">{t(`accountsImport.code.${stage.sent.via}`, { phone: `+${stage.sent.phone}`, email: stage.sent.emailPattern ?? '' })}</Text>
            <TextInput label={t('accounts.code')} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus maxLength={stage.sent.length ?? 16} />
            <Group justify="space-between">
              {stage.sent.nextVia ? (
                <Button variant="subtle" size="xs" disabled={countdown > 0 || busy} onClick={() => void run(() => callRpc('accounts.resendCode', { loginId: stage.sent.loginId }))} data-testid="resend-code">
                  {countdown > 0 ? t('accountsImport.code.resendIn', { seconds: countdown }) : t(`accountsImport.code.resend_${stage.sent.nextVia === 'sms' || stage.sent.nextVia === 'call' ? stage.sent.nextVia : 'other'}`)}
                </Button>
              ) : (
                <span />
              )}
              <Button loading={busy} disabled={!secret.trim()} onClick={() => void run(() => callRpc('accounts.submitCode', { loginId: stage.sent.loginId, code: secret.trim() }))}>
                {t('accounts.confirm')}
              </Button>
            </Group>
          </>
        )}
        {stage.step === 'qr' && <QrLoginPanel loginId={stage.loginId} url={stage.url} onState={apply} />}
        {stage.step === 'password' && (
          <>
            <PasswordInput label={t('accounts.password')} description={stage.hint ? t('accounts.passwordHint', { hint: stage.hint }) : undefined} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus />
            <Group justify="flex-end">
              <Button loading={busy} disabled={!secret} onClick={() => void run(() => callRpc('accounts.submitPassword', { loginId: stage.loginId, password: secret }))}>
                {t('accounts.confirm')}
              </Button>
            </Group>
          </>
        )}
        {stage.step === 'done' && (
          <>
            <Alert color="teal" variant="light">{t('accounts.signedIn', { name: stage.name })}</Alert>
            <Group justify="flex-end">
              <Button onClick={close}>{t('common.close')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
