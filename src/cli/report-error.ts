// How an error that reached the top of a command is told to the user, and its exit code.
import { UserError } from '../errors.js';

export function reportError(err: unknown): number {
  if (err instanceof UserError) {
    process.stderr.write(`framewatch: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`framewatch: unexpected error (this is a bug; please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
  return 1;
}
