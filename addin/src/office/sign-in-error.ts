/**
 * A sign-in that failed (office/sign-in.ts): its problem, a catalogue code, and its text already rendered in the
 * pane's language. Apart from sign-in.ts so that the API client can let it through without carrying the
 * catalogues into every bundle that uses the client (docs/architecture.md, "Signing in").
 */
import type { Problem } from '../../../shared/src';

export class SignInError extends Error {
  constructor(
    readonly problem: Problem,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}
