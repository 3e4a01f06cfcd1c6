// A mistake in what an editor asked for (an unknown key, a field that cannot be corrected, a value
// of the wrong kind): the CLI prints it as one line and exits 1.
import { TrackerError } from '../errors.ts';

export class EditorialError extends TrackerError {
  constructor(message: string, hint: string | null = null) { super('editorial', message, hint); }
}
