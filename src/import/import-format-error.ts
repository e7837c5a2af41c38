import { UserError } from '../errors.js';

/** A file that cannot be imported; names the file and where. */
export class ImportFormatError extends UserError {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${file}: ${where}: ${detail}; nothing was imported from this file`);
    this.name = 'ImportFormatError';
  }
}
