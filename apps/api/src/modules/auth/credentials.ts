import type { UserRow } from '../../db/schema.js';
import type { UsersRepository } from './users.repository.js';
import { AppError } from '../../errors.js';
import { FailureThrottle } from './failure-throttle.js';
import { verifyPassword } from './passwords.js';

/** A client that signed in to an account is trusted by it for this long. */
const TRUST_MS = 30 * 24 * 3_600_000;
const MAX_TRUSTED = 10_000;

/**
 * Every password check (login, headless token, password change) goes through here, so they share
 * one throttle: failures per account and client, and per account from anywhere. A throttled
 * attempt is refused before any hashing; successful checks never count.
 *
 * The per-account budget holds however many addresses an attacker has, so it would also lock the
 * owner out; a client that signed in to the account successfully in the last 30 days is therefore
 * judged by its own per-client budget only.
 */
export class CredentialChecker {
  // Per account and client: 10 free failures, then one a minute (at most 70 in the first hour).
  private readonly perClient: FailureThrottle;
  // Per account from anywhere: 50 free failures, then one every 72 s (at most 100 in an hour).
  private readonly perAccount: FailureThrottle;
  /** `account NUL client` -> time of its last successful check; oldest first, for eviction. */
  private readonly trusted = new Map<string, number>();

  constructor(
    private readonly users: UsersRepository,
    private readonly now: () => number,
  ) {
    this.perClient = new FailureThrottle(10, 60_000, now);
    this.perAccount = new FailureThrottle(50, 72_000, now);
  }

  private isTrusted(clientKey: string): boolean {
    const since = this.trusted.get(clientKey);
    return since !== undefined && this.now() - since < TRUST_MS;
  }

  private trust(clientKey: string): void {
    this.trusted.delete(clientKey);
    this.trusted.set(clientKey, this.now());
    if (this.trusted.size > MAX_TRUSTED) {
      const oldest = this.trusted.keys().next().value;
      if (oldest !== undefined) this.trusted.delete(oldest);
    }
  }

  /** The user when the password is right; 429 while throttled, else 401 (or `onWrong`). */
  async verify(
    username: string,
    password: string,
    clientIp: string,
    onWrong: () => AppError = () => new AppError(401, 'Invalid username or password.'),
  ): Promise<UserRow> {
    const clientKey = `${username}\u0000${clientIp}`;
    const trusted = this.isTrusted(clientKey);
    const wait = Math.max(
      this.perClient.retryAfterSeconds(clientKey),
      trusted ? 0 : this.perAccount.retryAfterSeconds(username),
    );
    if (wait > 0) {
      throw new AppError(429, 'Too many failed attempts. Try again later.', undefined, {
        'retry-after': String(wait),
      });
    }
    // Charged before hashing, so attempts sent all at once cannot all pass the check above;
    // a right password gives the charge back.
    this.perClient.fail(clientKey);
    if (!trusted) this.perAccount.fail(username);
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!ok || !user) throw onWrong();
    this.perClient.reset(clientKey);
    if (!trusted) this.perAccount.refund(username);
    this.trust(clientKey);
    return user;
  }
}
