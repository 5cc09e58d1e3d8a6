import { AuthError, BaseError, type BaseErrorOptions } from '@omnifolio/shared/errors';

/**
 * The errors of the credential store. Each one says what happened in one sentence and what
 * to do next in `hints`; none ever carries a key, a passphrase or a decrypted value.
 */

/** The key file (or salt) can be read by other users, so we refuse to trust it. */
export class InsecureKeyFileError extends BaseError {
  override name = 'InsecureKeyFileError';
  readonly path: string;
  constructor(path: string, mode: number) {
    const fix = `chmod 600 ${shellQuote(path)}`;
    super(`The key file ${path} can be read by other users of this computer (mode ${formatMode(mode)}); run: ${fix}`, {
      hints: [
        `Run \`${fix}\` and start the companion again.`,
        'If someone else could have copied the file, also re-enter your exchange and broker credentials: they were only as safe as this file.',
      ],
    });
    this.path = path;
  }
}

/** A key, salt or verifier file exists but is not what we wrote. */
export class DamagedKeyFileError extends BaseError {
  override name = 'DamagedKeyFileError';
  constructor(path: string, problem: string, options: BaseErrorOptions = {}) {
    super(`The key file ${path} is damaged: ${problem}.`, {
      ...options,
      hints: options.hints ?? [
        'Restore the file from a backup of this data directory.',
        'If you have no backup, move the file away; the companion then creates a new one and you re-enter your credentials.',
      ],
    });
  }
}

export class WrongPassphraseError extends AuthError {
  override name = 'WrongPassphraseError';
  constructor() {
    super('The passphrase does not open this data directory.', {
      hints: [
        'Check the passphrase (OMNIFOLIO_PASSPHRASE) for typing errors and keyboard layout.',
        'Each data directory keeps the passphrase it was first opened with.',
      ],
    });
  }
}

export class PassphraseRequiredError extends AuthError {
  override name = 'PassphraseRequiredError';
  constructor(dataDir: string) {
    super(`The data directory ${dataDir} is protected by a passphrase, and none was given.`, {
      hints: ['Start the companion with the passphrase in OMNIFOLIO_PASSPHRASE.'],
    });
  }
}

/** The row names a key other than the one we hold. */
export class SecretKeyMismatchError extends AuthError {
  override name = 'SecretKeyMismatchError';
  readonly sealedWith: string;
  constructor(sealedWith: string, current: string) {
    super(`This secret was sealed with another key (${sealedWith}); ${restoreAdvice(sealedWith)} or re-enter the credentials.`, {
      details: `sealed with ${sealedWith}, current key ${current}`,
      hints: [hintFor(sealedWith), "Or delete the connection's credentials and enter them again; they are then sealed with the current key."],
    });
    this.sealedWith = sealedWith;
  }
}

/** Same key, but the authentication tag does not match: the row was altered or moved. */
export class SecretIntegrityError extends AuthError {
  override name = 'SecretIntegrityError';
  constructor(id: string) {
    super(`The stored secret ${id} failed its integrity check: it was changed, or copied from another row; re-enter the credentials.`, {
      hints: ["Delete the connection's credentials and enter them again.", 'If you did not edit the database, check the disk and your backups.'],
    });
  }
}

function restoreAdvice(keyId: string): string {
  if (keyId.startsWith('passphrase:')) return 'start with the passphrase it was sealed with';
  if (keyId.startsWith('keyring:')) return 'unlock the OS keyring that holds that key';
  return 'restore that key file';
}

function hintFor(keyId: string): string {
  if (keyId.startsWith('passphrase:')) return 'Start the companion with the passphrase that was in use when these credentials were saved.';
  if (keyId.startsWith('keyring:')) return 'Log in to the desktop session whose keyring holds the Omnifolio key, and unlock it.';
  return 'Put back the secret.key file from a backup of this data directory.';
}

function formatMode(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/** Quotes a path for a POSIX shell only when it needs it, so the command can be pasted as is. */
export function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}
