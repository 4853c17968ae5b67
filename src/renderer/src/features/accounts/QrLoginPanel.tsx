import { Image, Loader, Stack, Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginState } from '../../../../shared/rpc/accounts';
import { callRpc } from '../../rpc/hooks';

/**
 * The QR code of a QR login. The main side replaces the token before it expires; this panel polls
 * accounts.loginStatus once a second, redraws when the token changes and hands any other state
 * (password needed, signed in, failed) back to the wizard.
 */
export function QrLoginPanel({ loginId, url, onState }: { loginId: string; url: string; onState(state: LoginState): void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(url);
  const [image, setImage] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void QRCode.toDataURL(current, { margin: 1, width: 240, errorCorrectionLevel: 'M' }).then((data) => !cancelled && setImage(data));
    return () => {
      cancelled = true;
    };
  }, [current]);

  useEffect(() => {
    const timer = setInterval(() => {
      void callRpc('accounts.loginStatus', { loginId })
        .then((state) => {
          if (state.state === 'qr') setCurrent(state.url);
          else onState(state);
        })
        .catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [loginId, onState]);

  return (
    <Stack align="center" gap="xs" data-testid="qr-login">
      {image ? <Image src={image} w={240} h={240} alt="QR" data-testid="qr-image" data-url={current} /> : <Loader />}
      <Text size="sm" ta="center">
        {t('accountsImport.qr.scan')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('accountsImport.qr.refreshes')}
      </Text>
    </Stack>
  );
}
