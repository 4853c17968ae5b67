import type { TFunction } from 'i18next';

/**
 * Node's and the HTTP clients' error texts that end up in a coded message's `{detail}` ("connect
 * ECONNREFUSED 127.0.0.1:11434", "getaddrinfo ENOTFOUND api.example", "Request timed out.") are
 * English; the operator gets what happened in the UI language, with the technical code kept in
 * brackets for whoever helps them. A detail not recognised shows as it is.
 */
const known: { pattern: RegExp; key: string }[] = [
  { pattern: /\bECONNREFUSED\b/, key: 'refused' },
  { pattern: /\b(ENOTFOUND|EAI_AGAIN)\b/, key: 'notFound' },
  { pattern: /\b(ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT)\b|timed? ?out/i, key: 'timedOut' },
  { pattern: /\bECONNRESET\b|\bEPIPE\b|socket hang up|other side closed/i, key: 'dropped' },
  { pattern: /\b(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)\b/, key: 'unreachable' },
  { pattern: /\b(CERT_[A-Z_]+|[A-Z_]*SELF_SIGNED[A-Z_]*|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_TLS_CERT_ALTNAME_INVALID)\b/, key: 'certificate' },
  { pattern: /\bEADDRINUSE\b/, key: 'portBusy' },
  { pattern: /\b(EACCES|EPERM)\b/, key: 'noPermission' },
  { pattern: /\bENOSPC\b/, key: 'diskFull' },
  { pattern: /\bENOENT\b/, key: 'noFile' },
  { pattern: /^(Connection error\.?|fetch failed)$/i, key: 'connectFailed' },
];

/** The technical code and address to keep ("ECONNREFUSED 127.0.0.1:11434"); none for a plain-English text. */
function codeOf(detail: string): string {
  return /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+|CERT_[A-Z_]+|[A-Z_]*SELF_SIGNED[A-Z_]*|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_[A-Z_]+)\b( [\w.:[\]-]+)?/.exec(detail)?.[0] ?? '';
}

export function technicalDetailText(t: TFunction, detail: string): string {
  const match = known.find(({ pattern }) => pattern.test(detail));
  if (!match) return detail;
  const code = codeOf(detail);
  const text = t(`technicalDetail.${match.key}`, { code });
  // "Request timed out." has no code worth keeping, and its English words would not help: no brackets.
  return code ? text : text.replace(/ \(\)$/, '');
}
