import { Alert, Button, Group, Modal, NumberInput, PasswordInput, Select, Stack, Stepper, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginState } from '../../../../shared/rpc/accounts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callRpc, useRpcQuery } from '../../rpc/hooks';
import { emptyProxy, ProxyFields, toProxyInput, type ProxyDraft } from './ProxyFields';

type Stage = { step: 'start' } | { step: 'code'; loginId: string; phone: string; via: string } | { step: 'password'; loginId: string; hint: string } | { step: 'done'; name: string };

/** Phone → code → 2FA password, or an existing session string. Wrong codes keep the wizard on its step. */
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
  const [busy, setBusy] = useState(false);

  const apply = (state: LoginState): void => {
    setSecret('');
    if (state.state === 'code_sent') setStage({ step: 'code', loginId: state.loginId, phone: state.phone, via: state.via });
    else if (state.state === 'password_needed') setStage({ step: 'password', loginId: state.loginId, hint: state.hint });
    else if (state.state === 'signed_in') {
      setStage({ step: 'done', name: state.account.displayName ?? state.account.username ?? state.account.phone ?? `#${state.account.id}` });
      void client.invalidateQueries({ queryKey: ['accounts.list'] });
    } else if (state.state === 'failed') {
      setFailure(t(`accounts.failure.${state.reason}`, { seconds: state.retryAfterSeconds ?? 0, defaultValue: state.message }));
      if (!state.loginId) setStage({ step: 'start' });
    }
  };

  const run = async (action: () => Promise<LoginState>): Promise<void> => {
    setBusy(true);
    setFailure(null);
    setError(null);
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
    if (stage.step === 'code' || stage.step === 'password') void callRpc('accounts.cancelLogin', { loginId: stage.loginId }).catch(() => undefined);
    setStage({ step: 'start' });
    setFailure(null);
    onClose();
  };
  const active = { start: 0, code: 1, password: 2, done: 3 }[stage.step];

  return (
    <Modal opened={opened} onClose={close} title={t('accounts.addAccount')} size="lg" data-testid="login-wizard">
      <Stepper active={active} size="xs" mb="md">
        <Stepper.Step label={t('accounts.stepCredentials')} />
        <Stepper.Step label={t('accounts.stepCode')} />
        <Stepper.Step label={t('accounts.stepPassword')} />
        <Stepper.Completed>{null}</Stepper.Completed>
      </Stepper>
      <Stack gap="sm">
        {failure && <Alert color="red" variant="light">{failure}</Alert>}
        {error && <ErrorAlert error={error} />}
        {stage.step === 'start' && (
          <>
            <Tabs value={mode} onChange={setMode}>
              <Tabs.List>
                <Tabs.Tab value="phone">{t('accounts.byPhone')}</Tabs.Tab>
                <Tabs.Tab value="session">{t('accounts.bySession')}</Tabs.Tab>
              </Tabs.List>
            </Tabs>
            {mode === 'phone' ? (
              <TextInput label={t('accounts.phone')} placeholder="+7 900 000-00-00" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
            ) : (
              <Textarea label={t('accounts.session')} description={t('accounts.sessionHint')} autosize minRows={2} value={session} onChange={(e) => setSession(e.currentTarget.value)} />
            )}
            <Group grow>
              <NumberInput label="API id" value={apiId} onChange={setApiId} hideControls />
              <TextInput label="API hash" value={apiHash} onChange={(e) => setApiHash(e.currentTarget.value)} />
            </Group>
            <Text size="xs" c="dimmed">{t('accounts.apiHint')}</Text>
            <Select label={t('accounts.script')} clearable data={(scripts.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))} value={scriptId} onChange={setScriptId} />
            <ProxyFields value={proxy} onChange={setProxy} />
            <Group justify="flex-end">
              <Button
                loading={busy}
                disabled={!apiId || !apiHash || (mode === 'phone' ? !phone.trim() : !session.trim())}
                onClick={() => void run(() => (mode === 'phone' ? callRpc('accounts.startLogin', { phone: phone.trim(), ...common() }) : callRpc('accounts.importSession', { session: session.trim(), ...common() })))}
              >
                {mode === 'phone' ? t('accounts.sendCode') : t('accounts.importSession')}
              </Button>
            </Group>
          </>
        )}
        {stage.step === 'code' && (
          <>
            <Text size="sm">{t(stage.via === 'app' ? 'accounts.codeSentApp' : 'accounts.codeSentSms', { phone: stage.phone })}</Text>
            <TextInput label={t('accounts.code')} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} data-autofocus />
            <Group justify="flex-end">
              <Button loading={busy} disabled={!secret.trim()} onClick={() => void run(() => callRpc('accounts.submitCode', { loginId: stage.loginId, code: secret.trim() }))}>
                {t('accounts.confirm')}
              </Button>
            </Group>
          </>
        )}
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
