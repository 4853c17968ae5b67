import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../src/shared/i18n';
import { messageText } from '../../../src/renderer/src/lib/messageText';
import { msg } from '../../../src/shared/appMessage';

// Error texts as Node, undici and the openai SDK really produce them.
const cases: [string, string, string][] = [
  ['connect ECONNREFUSED 127.0.0.1:11434', 'соединение отклонено: по этому адресу никто не отвечает (ECONNREFUSED 127.0.0.1:11434)', 'connection refused: nothing answers at that address (ECONNREFUSED 127.0.0.1:11434)'],
  ['getaddrinfo ENOTFOUND api.openai.example', 'имя хоста не найдено: проверьте адрес и подключение к интернету (ENOTFOUND api.openai.example)', 'host name not found: check the address and the internet connection (ENOTFOUND api.openai.example)'],
  ['Request timed out.', 'нет ответа вовремя', 'no answer in time'],
  ['read ECONNRESET', 'соединение оборвалось (ECONNRESET)', 'the connection was dropped (ECONNRESET)'],
  ['self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN)', 'TLS-сертификат сервера не принят (SELF_SIGNED_CERT_IN_CHAIN)', "the server's TLS certificate was not accepted (SELF_SIGNED_CERT_IN_CHAIN)"],
  ['listen EADDRINUSE: address already in use 127.0.0.1:8080', 'порт уже занят другой программой (EADDRINUSE)', 'the port is already used by another program (EADDRINUSE)'],
  ['Connection error.', 'не удалось подключиться', 'could not connect'],
];

describe('a coded message’s technical detail in the UI language', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'ru', resources: { ru: { translation: messages.ru }, en: { translation: messages.en } }, interpolation: { escapeValue: false } });
  });

  it.each(cases)('%s', async (detail, ru, en) => {
    await i18next.changeLanguage('ru');
    expect(messageText(i18next.t, msg('aiCallFailed', { detail }))).toBe(`Вызов AI не удался: ${ru}`);
    await i18next.changeLanguage('en');
    expect(messageText(i18next.t, msg('aiCallFailed', { detail }))).toContain(en);
  });

  it('leaves a detail it does not know as it is (a provider’s own words, a parser’s message)', async () => {
    await i18next.changeLanguage('ru');
    expect(messageText(i18next.t, msg('aiCallFailed', { detail: '401 Incorrect API key provided' }))).toBe('Вызов AI не удался: 401 Incorrect API key provided');
  });
});
