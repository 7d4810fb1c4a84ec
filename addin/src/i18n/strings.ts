/** Every text of the task pane, from the catalogue of the chosen language (shared/src/i18n). */
import { catalogue, type Catalogue, type Language } from '../../../shared/src';

export type Strings = Catalogue['pane'];

export function strings(lang: Language): Strings {
  return catalogue(lang).pane;
}
