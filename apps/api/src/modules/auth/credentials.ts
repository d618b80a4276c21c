import type { UserRow } from '../../db/schema.js';
import type { UsersRepository } from './users.repository.js';
import { AppError } from '../../errors.js';
import { FailureThrottle } from './failure-throttle.js';
import { verifyPassword } from './passwords.js';

/**
 * Every password check (login, headless token, password change) goes through here, so they share
 * one throttle: failures per account and client, and per account from anywhere. A throttled
 * attempt is refused before any hashing; successful checks never count.
 */
export class CredentialChecker {
  // Per account and client: 10 free failures, then one a minute (at most 70 in the first hour).
  private readonly perClient: FailureThrottle;
  // Per account from anywhere: caps a distributed guess at about 1,000 an hour.
  private readonly perAccount: FailureThrottle;

  constructor(
    private readonly users: UsersRepository,
    now: () => number,
  ) {
    this.perClient = new FailureThrottle(10, 60_000, now);
    this.perAccount = new FailureThrottle(200, 3_600, now);
  }

  /** The user when the password is right; 429 while throttled, else 401 (or `onWrong`). */
  async verify(
    username: string,
    password: string,
    clientIp: string,
    onWrong: () => AppError = () => new AppError(401, 'Invalid username or password.'),
  ): Promise<UserRow> {
    const clientKey = `${username}\u0000${clientIp}`;
    const wait = Math.max(
      this.perClient.retryAfterSeconds(clientKey),
      this.perAccount.retryAfterSeconds(username),
    );
    if (wait > 0) {
      throw new AppError(429, 'Too many failed attempts. Try again later.', undefined, {
        'retry-after': String(wait),
      });
    }
    const user = this.users.findByUsername(username);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!ok || !user) {
      this.perClient.fail(clientKey);
      this.perAccount.fail(username);
      throw onWrong();
    }
    this.perClient.reset(clientKey);
    return user;
  }
}
