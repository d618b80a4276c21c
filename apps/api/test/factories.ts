import type { Category, Transaction } from '@moneta/schema';
import type { Session } from './build-test-app.js';

export async function categoryOf(session: Session, kind: 'income' | 'expense'): Promise<Category> {
  const response = await session.request({ method: 'GET', url: '/api/v1/categories' });
  const category = response.json<{ items: Category[] }>().items.find((c) => c.kind === kind);
  if (!category) throw new Error(`no ${kind} category`);
  return category;
}

export async function createTransaction(
  session: Session,
  overrides: Record<string, unknown> = {},
): Promise<Transaction> {
  const response = await session.request({
    method: 'POST',
    url: '/api/v1/transactions',
    payload: { type: 'expense', amount: '12.50', title: 'Lunch', date: '2026-11-02', ...overrides },
  });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`);
  return response.json<Transaction>();
}
