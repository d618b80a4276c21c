import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateReconciliationBody,
  IdParams,
  Reconciliation,
  ReconciliationList,
  ReconciliationPreview,
  ReconciliationPreviewQuery,
  currencyDecimals,
  formatMinor,
  localDate,
  parseSignedAmount,
} from '@moneta/schema';
import { currentUser } from '../../plugins/auth.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { problemResponses } from '../../lib/responses.js';
import { recordAnswerOf } from '../../plugins/idempotency.js';
import { StatementMismatchError, type ReconciliationRow } from './reconciliation.repository.js';

export const reconciliationRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.reconciliation;

  const accountOf = async (userId: number, id: number) => {
    const account = await app.repos.accounts.find(userId, id);
    if (!account) throw notFound('Account');
    return account;
  };
  const minorOf = (text: string, currency: string) => {
    const parsed = parseSignedAmount(text, currencyDecimals(currency));
    if (!parsed.ok) throw badRequest('statementBalance', parsed.message);
    return parsed.minor;
  };
  const toReconciliation = (row: ReconciliationRow, decimals: number): Reconciliation => ({
    id: row.id,
    accountId: row.accountId,
    date: row.date,
    statementBalance: formatMinor(row.statementBalance, decimals),
    reconciledCount: row.reconciledCount,
    createdAt: row.createdAt,
  });

  app.get(
    '/accounts/:id/reconciliation',
    {
      schema: {
        operationId: 'previewReconciliation',
        summary: "Compare an account's cleared balance with a bank statement",
        params: IdParams,
        querystring: ReconciliationPreviewQuery,
        response: { 200: ReconciliationPreview, ...problemResponses },
      },
    },
    async (request) => {
      const auth = currentUser(request);
      const account = await accountOf(auth.userId, request.params.id);
      const decimals = currencyDecimals(account.currency);
      const date = request.query.date ?? localDate(app.now(), auth.timeZone);
      const statement =
        request.query.statementBalance === undefined
          ? null
          : minorOf(request.query.statementBalance, account.currency);
      const standing = await repo.standing(account.id, date);
      const last = (await repo.list(auth.userId, account.id))[0];
      return {
        accountId: account.id,
        currency: account.currency,
        date,
        clearedBalance: formatMinor(standing.cleared, decimals),
        balance: formatMinor(standing.balance, decimals),
        statementBalance: statement === null ? null : formatMinor(statement, decimals),
        difference: statement === null ? null : formatMinor(statement - standing.cleared, decimals),
        unclearedCount: standing.uncleared,
        lastReconciliation: last
          ? {
              id: last.id,
              date: last.date,
              statementBalance: formatMinor(last.statementBalance, decimals),
              createdAt: last.createdAt,
            }
          : null,
      };
    },
  );

  app.get(
    '/accounts/:id/reconciliations',
    {
      schema: {
        operationId: 'listReconciliations',
        summary: "An account's reconciliations, newest first",
        params: IdParams,
        response: { 200: ReconciliationList, ...problemResponses },
      },
    },
    async (request) => {
      const auth = currentUser(request);
      const account = await accountOf(auth.userId, request.params.id);
      const decimals = currencyDecimals(account.currency);
      return {
        items: (await repo.list(auth.userId, account.id)).map((row) =>
          toReconciliation(row, decimals),
        ),
      };
    },
  );

  app.post(
    '/accounts/:id/reconciliations',
    {
      schema: {
        operationId: 'reconcileAccount',
        summary: 'Agree with a bank statement: lock the cleared rows up to its date',
        description:
          'Succeeds only when the cleared balance at the end of `date` equals `statementBalance`; ' +
          'otherwise 409 names the difference and nothing changes. Locked rows refuse changes to ' +
          'amount, date, type, account and cleared until unlocked with `reconciled: false`.',
        params: IdParams,
        body: CreateReconciliationBody,
        response: { 201: Reconciliation, ...problemResponses },
      },
    },
    async (request, reply) => {
      const auth = currentUser(request);
      const account = await accountOf(auth.userId, request.params.id);
      const decimals = currencyDecimals(account.currency);
      const statementBalance = Number(minorOf(request.body.statementBalance, account.currency));
      try {
        const record = recordAnswerOf(request);
        const created = await repo.create(
          auth.userId,
          account.id,
          { date: request.body.date, statementBalance },
          app.now().toISOString(),
          async (tx, row) => record?.(tx, 201, toReconciliation(row, decimals)),
        );
        return await reply.code(201).send(toReconciliation(created, decimals));
      } catch (error) {
        if (error instanceof StatementMismatchError) {
          const difference = formatMinor(error.difference, decimals);
          throw conflict(
            `The statement differs from the cleared balance by ${difference} ${account.currency}: clear or correct rows until the difference is 0.`,
            [
              {
                path: 'statementBalance',
                message: `differs from the cleared balance by ${difference}`,
              },
            ],
          );
        }
        throw error;
      }
    },
  );
};
