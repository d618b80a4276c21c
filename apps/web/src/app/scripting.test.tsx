import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createQueryClient } from '@/lib/query-client';
import { toast } from '@/components/ui/toast';
import { layoutKey } from '@/features/imports/mapping';
import { rangeOf, shiftPeriod, thisMonth, type Period } from '@/features/transactions/period';
import { today } from '@/lib/dates';
import { FakeApi } from '@/test/fake-api';
import { AppProvider } from './provider';
import { AppRoutes } from './routes';
// Loaded up front: the routes are lazy, and a cold transform would outlast findBy's timeout.
import './routes/signed-in';
import './routes/tokens';
import './routes/import';

vi.mock('@/components/charts/charts', () => ({
  CategoriesChart: () => null,
  MonthsChart: () => null,
  BalanceChart: () => null,
}));

let api: FakeApi;

function renderApp(url: string) {
  window.history.replaceState(null, '', url);
  const queryClient = createQueryClient();
  render(
    <AppProvider queryClient={queryClient}>
      <AppRoutes />
    </AppProvider>,
  );
  return queryClient;
}

beforeEach(() => {
  api = new FakeApi().install();
  toast.clear();
  localStorage.clear();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('export and report links', () => {
  it('carry the one period and the history filters in their URLs', async () => {
    renderApp('/alice?month=2026-02&type=expense&category=2&q=rent');
    const csv = await screen.findByTestId('export-csv');
    const url = new URL(csv.getAttribute('href') ?? '', 'http://localhost');
    expect(url.pathname).toBe('/api/v1/transactions/export.csv');
    // The CSV holds exactly the rows the history lists: the period's, under the filters.
    expect(Object.fromEntries(url.searchParams)).toEqual({
      type: 'expense',
      categoryId: '2',
      from: '2026-02-01',
      to: '2026-02-28',
      q: 'rent',
    });
    expect(csv.hasAttribute('download')).toBe(true);
    expect(api.callsTo('GET', '/transactions')[0]?.query.get('from')).toBe('2026-02-01');

    const pdf = new URL(
      screen.getByTestId('report-pdf').getAttribute('href') ?? '',
      'http://localhost',
    );
    expect(pdf.pathname).toBe('/api/v1/reports/summary.pdf');
    expect(Object.fromEntries(pdf.searchParams)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('follow the period as it steps and the filters as they change', async () => {
    const user = userEvent.setup();
    renderApp('/alice');
    const csv = await screen.findByTestId('export-csv');
    const month = rangeOf(thisMonth(today()), today());
    expect(csv.getAttribute('href')).toBe(
      `/api/v1/transactions/export.csv?from=${month.from}&to=${month.to}`,
    );
    await user.selectOptions(screen.getByLabelText('Filter by type'), 'income');
    await waitFor(() => {
      expect(screen.getByTestId('export-csv').getAttribute('href')).toBe(
        `/api/v1/transactions/export.csv?type=income&from=${month.from}&to=${month.to}`,
      );
    });
    // `[` outside a field steps to the month before, for every link at once.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('[[');
    const before = rangeOf(shiftPeriod(thisMonth(today()), -1, today()) as Period, today());
    await waitFor(() => {
      expect(screen.getByTestId('export-csv').getAttribute('href')).toBe(
        `/api/v1/transactions/export.csv?type=income&from=${before.from}&to=${before.to}`,
      );
    });
    const pdf = new URL(
      screen.getByTestId('report-pdf').getAttribute('href') ?? '',
      'http://localhost',
    );
    expect(Object.fromEntries(pdf.searchParams)).toEqual(before);
    expect(window.location.search).toBe(`?month=${before.from?.slice(0, 7)}&type=income`);
  });
});

describe('tokens page', () => {
  it('takes a new token’s secret off the screen once that token is revoked', async () => {
    const user = userEvent.setup();
    renderApp('/alice/tokens');
    await screen.findByTestId('tokens-empty');
    await user.type(screen.getByLabelText('Token name'), 'oops{Enter}');
    await screen.findByTestId('token-secret');
    await user.click(await screen.findByRole('button', { name: 'Revoke “oops”' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke token' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await screen.findByTestId('tokens-empty');
    expect(screen.queryByTestId('token-secret')).toBeNull();
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByLabelText('Token name'));
    });
  });

  it('shows a new token once, then only its prefix', async () => {
    const user = userEvent.setup();
    const queryClient = renderApp('/alice/tokens');
    await screen.findByTestId('tokens-empty');

    await user.type(screen.getByLabelText('Token name'), 'rent cron{Enter}');
    const secret = await screen.findByTestId('token-secret');
    const value = within(secret).getByLabelText('New token');
    const token = (value as HTMLInputElement).value;
    expect(token).toMatch(/^mnt_/);
    expect(secret.textContent).toContain('You won’t see it again');
    expect(document.activeElement).toBe(value);
    expect(api.callsTo('POST', '/tokens')[0]?.body).toEqual({ name: 'rent cron' });

    // The list shows the new token by name and prefix, never the secret.
    const item = await screen.findByTestId('token-item');
    expect(item.textContent).toContain('rent cron');
    expect(item.textContent).not.toContain(token);
    // Nothing cached holds the secret.
    expect(
      JSON.stringify(
        queryClient
          .getQueryCache()
          .getAll()
          .map((q) => q.state.data),
      ),
    ).not.toContain(token);
    await waitFor(() => {
      expect(
        JSON.stringify(
          queryClient
            .getMutationCache()
            .getAll()
            .map((m) => m.state.data),
        ),
      ).not.toContain(token);
    });

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('token-secret')).toBeNull();
    expect(document.body.textContent).not.toContain(token);
    expect(document.activeElement).toBe(screen.getByLabelText('Token name'));
  });

  it('revokes a token after confirmation and shows API field errors by the field', async () => {
    const user = userEvent.setup();
    api.tokens = [
      {
        id: 7,
        name: 'old',
        prefix: 'mnt_old1',
        createdAt: '2026-01-01T00:00:00.000Z',
        lastUsedAt: null,
        expiresAt: null,
      },
    ];
    renderApp('/alice/tokens');
    await user.click(await screen.findByRole('button', { name: 'Revoke “old”' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke token' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await screen.findByTestId('tokens-empty');
    expect(api.callsTo('DELETE', '/tokens/7')).toHaveLength(1);

    api.refuse('POST', '/tokens', 400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [{ path: 'expiresAt', message: 'must be in the future' }],
    });
    await user.type(screen.getByLabelText('Token name'), 'late');
    await user.type(screen.getByLabelText('Expires on'), '2026-01-01');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Expires on must be in the future')).toBeTruthy();
    expect(screen.getByLabelText('Expires on').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('import page', () => {
  const columns = ['Datum', 'Omschrijving', 'Bedrag'];

  beforeEach(() => {
    api.inspection = {
      delimiter: ';',
      columns,
      sample: [['21/11/2026', 'Bakker', '-3,50']],
      rows: 3,
    };
    api.importResult = {
      summary: { new: 1, duplicate: 1, error: 1 },
      rows: [
        {
          line: 2,
          status: 'new',
          date: '2026-11-21',
          type: 'expense',
          amount: '3.50',
          title: 'Bakker',
        },
        {
          line: 3,
          status: 'duplicate',
          date: '2026-11-22',
          type: 'income',
          amount: '2500.00',
          title: 'Salaris',
          duplicateOf: 4,
          message: 'matches transaction 4',
        },
        { line: 4, status: 'error', message: 'date "31/02/2026" is not a valid DD/MM/YYYY date' },
      ],
    };
  });

  it('imports into the account the dashboard showed, or the one picked; a new pick needs a new preview', async () => {
    const user = userEvent.setup();
    const euro = api.openAccount({ name: 'Euro card', currency: 'EUR' }).id;
    const closed = api.openAccount({ name: 'Old', closed: true }).id;
    renderApp(`/alice/import?account=${String(euro)}`);
    const picker = await screen.findByLabelText<HTMLSelectElement>('Into account');
    expect(picker.value).toBe(String(euro));
    // Closed accounts take no rows.
    expect([...picker.options].map((option) => option.value)).not.toContain(String(closed));
    const file = new File(['Datum;Omschrijving;Bedrag\r\n'], 'bank.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('CSV file'), file);
    const form = await screen.findByTestId('import-mapping');
    await user.click(within(form).getByRole('button', { name: 'Preview import' }));
    await screen.findByTestId('import-summary');
    expect(api.callsTo('POST', '/imports')[0]?.query.get('accountId')).toBe(String(euro));

    await user.selectOptions(picker, 'Main account · USD');
    expect(screen.queryByTestId('import-summary')).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Preview import' }));
    await screen.findByTestId('import-summary');
    expect(api.callsTo('POST', '/imports')[1]?.query.get('accountId')).toBe('1');
  });

  it('guesses the mapping, previews, commits, remembers the layout and refreshes the dashboard data', async () => {
    const user = userEvent.setup();
    const queryClient = renderApp('/alice/import');
    const file = new File(
      ['Datum;Omschrijving;Bedrag\r\n21/11/2026;Bakker;-3,50\r\n'],
      'bank.csv',
      { type: 'text/csv' },
    );
    await user.upload(await screen.findByLabelText('CSV file'), file);

    const form = await screen.findByTestId('import-mapping');
    expect(screen.getByTestId('mapping-source').getAttribute('data-remembered')).toBe('false');
    expect(within(form).getByLabelText<HTMLSelectElement>('Date column').value).toBe('Datum');
    expect(within(form).getByLabelText<HTMLSelectElement>('Date format').value).toBe('DD/MM/YYYY');
    expect(within(form).getByLabelText<HTMLSelectElement>('Amount column').value).toBe('Bedrag');
    expect(within(form).getByLabelText<HTMLSelectElement>('Decimal separator').value).toBe(',');
    expect(within(form).getByLabelText<HTMLSelectElement>('Title column').value).toBe(
      'Omschrijving',
    );

    await user.selectOptions(within(form).getByLabelText('Sign'), 'positive-is-expense');
    await user.click(within(form).getByRole('button', { name: 'Preview import' }));
    const summary = await screen.findByTestId('import-summary');
    expect(summary.dataset).toMatchObject({ new: '1', duplicate: '1', error: '1' });
    const previewCall = api.callsTo('POST', '/imports')[0];
    expect(Object.fromEntries(previewCall?.query ?? [])).toMatchObject({
      date: 'Datum',
      dateFormat: 'DD/MM/YYYY',
      amount: 'Bedrag',
      sign: 'positive-is-expense',
      decimal: ',',
      title: 'Omschrijving',
      delimiter: ';',
      encoding: 'utf-8',
      filename: 'bank.csv',
      dryRun: 'true',
    });
    // Errors are shown first, with their line and message.
    const errorRow = screen.getAllByTestId('import-row')[0];
    expect(errorRow?.dataset.status).toBe('error');
    expect(errorRow?.textContent).toContain('Line 4');
    expect(errorRow?.textContent).toContain('is not a valid DD/MM/YYYY date');
    await user.click(screen.getByLabelText('Duplicates'));
    expect(screen.getAllByTestId('import-row')[0]?.textContent).toContain('matches transaction 4');

    expect(JSON.parse(localStorage.getItem(layoutKey(columns)) ?? 'null')).toMatchObject({
      sign: 'positive-is-expense',
    });

    const before = api.callsTo('GET', '/summary').length;
    queryClient.setQueryData(['summary', {}], { stale: true });
    await user.click(screen.getByRole('button', { name: 'Import 1 transaction' }));
    expect((await screen.findByTestId('import-done')).textContent).toContain(
      'Imported 1 transaction from bank.csv',
    );
    expect(api.callsTo('POST', '/imports')[1]?.query.has('dryRun')).toBe(false);
    expect(queryClient.getQueryState(['summary', {}])?.isInvalidated).toBe(true);
    expect(api.callsTo('GET', '/summary').length).toBe(before);
    const item = await screen.findByTestId('import-item');
    expect(item.textContent).toContain('bank.csv');

    // The same layout again: the remembered mapping, not a fresh guess.
    await user.upload(screen.getByLabelText('CSV file'), file);
    await screen.findByTestId('import-mapping');
    expect(screen.getByTestId('mapping-source').getAttribute('data-remembered')).toBe('true');
    expect(screen.getByLabelText<HTMLSelectElement>('Sign').value).toBe('positive-is-expense');

    // Undo, after confirmation.
    await user.click(screen.getByRole('button', { name: 'Undo import “bank.csv”' }));
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Undo import' })).getByRole('button', {
        name: 'Undo import',
      }),
    );
    await screen.findByTestId('imports-empty');
  });

  it('shows the API’s errors next to the mapping field they name', async () => {
    const user = userEvent.setup();
    renderApp('/alice/import');
    await user.upload(
      await screen.findByLabelText('CSV file'),
      new File(['x'], 'bank.csv', { type: 'text/csv' }),
    );
    await screen.findByTestId('import-mapping');
    api.refuse('POST', '/imports', 400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [{ path: 'title', message: 'no column named "Omschrijving" in the header' }],
    });
    await user.click(screen.getByRole('button', { name: 'Preview import' }));
    expect(await screen.findByText('No column named "Omschrijving" in the header')).toBeTruthy();
    expect(screen.getByLabelText('Title column').getAttribute('aria-invalid')).toBe('true');
  });
});
