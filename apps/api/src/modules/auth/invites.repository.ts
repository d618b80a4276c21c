import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { sqlGet, type Database, type Tx } from '../../db/database.js';
import { invites, users } from '../../db/schema.js';

export type RegistrationMode = 'open' | 'invite' | 'closed';

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** Why an account may not be created; the routes turn it into a 403 naming `inviteCode`. */
export class RegistrationRefusedError extends Error {
  override name = 'RegistrationRefusedError';
  constructor(readonly reason: 'closed' | 'invite-required' | 'invite-invalid') {
    super(reason);
  }
}

export interface InviteSummary {
  id: number;
  note: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
}

export class InvitesRepository {
  constructor(private readonly database: Database) {}

  /** A new single-use code (shown once; only its hash is kept). */
  async create(input: { now: Date; days: number; note?: string | undefined }): Promise<{
    id: number;
    code: string;
    expiresAt: string;
  }> {
    const code = randomBytes(12).toString('base64url');
    const expiresAt = new Date(input.now.getTime() + input.days * 86_400_000).toISOString();
    const [row] = await this.database.transaction((tx) =>
      tx
        .insert(invites)
        .values({
          codeHash: hashCode(code),
          note: input.note ?? null,
          createdAt: input.now.toISOString(),
          expiresAt,
        })
        .returning({ id: invites.id }),
    );
    if (!row) throw new Error('the invite was not stored');
    return { id: row.id, code, expiresAt };
  }

  async list(): Promise<InviteSummary[]> {
    return this.database
      .reader()
      .select({
        id: invites.id,
        note: invites.note,
        createdAt: invites.createdAt,
        expiresAt: invites.expiresAt,
        usedAt: invites.usedAt,
        usedBy: users.username,
      })
      .from(invites)
      .leftJoin(users, eq(users.id, invites.usedBy))
      .orderBy(desc(invites.id));
  }

  /** Whether the code would admit someone now (without spending it). */
  async isUsable(code: string, now: string): Promise<boolean> {
    const found = await this.database
      .reader()
      .select({ id: invites.id })
      .from(invites)
      .where(
        and(
          eq(invites.codeHash, hashCode(code)),
          isNull(invites.usedAt),
          gt(invites.expiresAt, now),
        ),
      )
      .limit(1);
    return found.length > 0;
  }

  /** Deletes an unused invite; false when there is none by that id. */
  async revoke(id: number): Promise<boolean> {
    const deleted = await this.database.transaction((tx) =>
      tx
        .delete(invites)
        .where(and(eq(invites.id, id), isNull(invites.usedAt)))
        .returning({ id: invites.id }),
    );
    return deleted.length > 0;
  }
}

/**
 * Who may register: the first account always; after it, `open` anyone, `closed` no one, and
 * `invite` whoever holds a valid code. Answers 'admitted', a refusal, or 'the code decides' (the
 * caller looks it up: a check before any work, or spending it inside the account's transaction).
 */
export function registrationRule(
  mode: RegistrationMode,
  inviteCode: string | undefined,
  accountsExist: boolean,
):
  | { decided: 'admitted' }
  | { decided: 'refused'; reason: RegistrationRefusedError['reason'] }
  | {
      decided: 'by-code';
      inviteCode: string;
    } {
  if (!accountsExist || mode === 'open') return { decided: 'admitted' };
  if (mode === 'closed') return { decided: 'refused', reason: 'closed' };
  if (inviteCode === undefined) return { decided: 'refused', reason: 'invite-required' };
  return { decided: 'by-code', inviteCode };
}

/**
 * Inside the transaction that creates the account: may it be created? A valid code is spent
 * here, so two registrations racing for one code cannot both pass.
 */
export async function admit(
  tx: Pick<Tx, 'get' | 'update'>,
  mode: RegistrationMode,
  inviteCode: string | undefined,
  now: string,
): Promise<{ inviteId: number | null }> {
  const existing = await sqlGet<{ count: number }>(tx, sql`SELECT COUNT(*) AS count FROM users`);
  const rule = registrationRule(mode, inviteCode, (existing?.count ?? 0) > 0);
  if (rule.decided === 'admitted') return { inviteId: null };
  if (rule.decided === 'refused') throw new RegistrationRefusedError(rule.reason);
  const [spent] = await tx
    .update(invites)
    .set({ usedAt: now })
    .where(
      and(
        eq(invites.codeHash, hashCode(rule.inviteCode)),
        isNull(invites.usedAt),
        gt(invites.expiresAt, now),
      ),
    )
    .returning({ id: invites.id });
  if (!spent) throw new RegistrationRefusedError('invite-invalid');
  return { inviteId: spent.id };
}

/** Records which account an invite created (in the same transaction as `admit`). */
export async function markInviteUsed(
  tx: Pick<Tx, 'update'>,
  inviteId: number,
  userId: number,
): Promise<void> {
  await tx.update(invites).set({ usedBy: userId }).where(eq(invites.id, inviteId));
}
