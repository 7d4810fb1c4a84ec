/** What a catalogue entry receives: every parameter already turned into text in the reader's language (render.ts). */
export type RenderParams = Readonly<Record<string, string | undefined>>;
