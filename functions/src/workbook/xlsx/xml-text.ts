/** Text in XML as the streaming writer writes it: element text and attribute values escaped. */
const TEXT = /[&<>]/g;
const HAS_TEXT = /[&<>]/;
const ATTR = /[&<>"\n\r\t]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

export function xmlText(s: string): string {
  return HAS_TEXT.test(s) ? s.replace(TEXT, (c) => ENTITIES[c]!) : s;
}

export function xmlAttr(s: string): string {
  return s.replace(ATTR, (c) => ENTITIES[c]!);
}
