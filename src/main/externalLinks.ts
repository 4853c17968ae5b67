/**
 * Sites the desktop app opens in the browser without asking: Telegram, and the documentation of the
 * trackers, AI providers and tunnels the UI links to. Anything else (a link in a lead's message, in
 * an imported script) is opened only after the user confirms it.
 */
const allowedHosts = [
  't.me', 'telegram.org', 'my.telegram.org', 'core.telegram.org',
  'keitaro.io', 'docs.keitaro.io', 'binom.org', 'docs.binom.org', 'voluum.com', 'doc.voluum.com', 'bemob.com', 'docs.bemob.com', 'redtrack.io', 'help.redtrack.io',
  'platform.openai.com', 'openrouter.ai', 'ollama.com', 'lmstudio.ai', 'docs.vllm.ai',
  'developers.cloudflare.com', 'ngrok.com',
];

export function isAllowedExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  return allowedHosts.includes(parsed.hostname.toLowerCase());
}
