import type { Language } from '../../shared/src';

/** The language of a script's problems: English when `LANG` says so (`en_US.UTF-8`), Vietnamese otherwise. */
export function cliLanguage(env: Record<string, string | undefined>): Language {
  return /^en(?:[_.@-]|$)/i.test(env.LANG ?? '') ? 'en' : 'vi';
}
