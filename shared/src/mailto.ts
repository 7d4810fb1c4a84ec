/**
 * `mailto:` links (RFC 6068), for reminders sent from the progress screen: addresses, subject and body
 * percent-encoded as UTF-8 (RFC 6068 §2: non-ASCII text is encoded as UTF-8 and then percent-encoded;
 * §5: a line break in the body is `%0D%0A`; a space is `%20`, never `+`). Pure.
 */

export interface MailtoParts {
  to?: readonly string[];
  cc?: readonly string[];
  bcc?: readonly string[];
  subject?: string;
  body?: string;
}

/**
 * RFC 6068 sets no limit, but browsers and mail programs refuse or cut longer `mailto:` links (Chrome
 * near 2,000 characters, Internet Explorer's URLs 2,083: https://stackoverflow.com/questions/4473959).
 * Vietnamese text grows 3–9 times when percent-encoded, so a reminder past this goes by copy and paste.
 */
export const MAILTO_MAX_LENGTH = 2000;

/**
 * Percent-encodes text for a `mailto:` URL: UTF-8 bytes outside RFC 3986's unreserved characters
 * become `%XX` (encodeURIComponent, plus the few characters it leaves that RFC 6068 wants encoded).
 */
function encode(text: string): string {
  return encodeURIComponent(text.normalize('NFC')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** An address, with `@` kept (RFC 6068 §2 `addr-spec`); anything else not unreserved is encoded. */
function encodeAddress(address: string): string {
  return address.trim().split('@').map(encode).join('@');
}

/** `mailto:a@x.vn,b@y.vn?cc=…&subject=…&body=…` — line breaks in the body as CRLF. */
export function mailtoLink(parts: MailtoParts): string {
  const to = (parts.to ?? [])
    .filter((a) => a.trim())
    .map(encodeAddress)
    .join(',');
  const fields: string[] = [];
  const list = (name: string, addresses: readonly string[] | undefined) => {
    const kept = (addresses ?? []).filter((a) => a.trim());
    if (kept.length) fields.push(`${name}=${kept.map(encodeAddress).join(',')}`);
  };
  list('cc', parts.cc);
  list('bcc', parts.bcc);
  if (parts.subject) fields.push(`subject=${encode(parts.subject.replace(/\r?\n/g, ' '))}`);
  if (parts.body) fields.push(`body=${encode(parts.body.replace(/\r\n|\r|\n/g, '\r\n'))}`);
  return `mailto:${to}${fields.length ? `?${fields.join('&')}` : ''}`;
}
