import { useEffect, useState } from 'react';
import type { Category } from '@moneta/schema';
import { Field } from '@/components/ui/field';
import type { TransactionFilters } from '@/lib/query-keys';
import { hasFilters } from '../filters';

export const SEARCH_DEBOUNCE_MS = 300;

interface HistoryFiltersProps {
  filters: TransactionFilters;
  categories: readonly Category[];
  onChange: (filters: TransactionFilters) => void;
}

/**
 * A date as typed is complete once its year has four digits: typing 03152026 passes through
 * 0002-03-15, 0020-03-15 and 0202-03-15 first, and none of those should be a request.
 */
export function isCompleteDate(value: string): boolean {
  return value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && value >= '1000-01-01');
}

/** A date filter that keeps what is typed and reports only a complete date, or an empty one. */
function DateFilter({
  value,
  onCommit,
  ...rest
}: {
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
  name: string;
  min?: string | undefined;
  max?: string | undefined;
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
}) {
  const [text, setText] = useState(value ?? '');
  const [synced, setSynced] = useState(value);
  // The URL changed under us (back button, clear): show its date.
  if (value !== synced) {
    setSynced(value);
    setText(value ?? '');
  }
  return (
    <input
      {...rest}
      type="date"
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (isCompleteDate(next) && next !== (value ?? '')) onCommit(next || undefined);
      }}
    />
  );
}

function without(filters: TransactionFilters, key: keyof TransactionFilters): TransactionFilters {
  return Object.fromEntries(Object.entries(filters).filter(([name]) => name !== key));
}

/** Filters are controlled by the URL; the search box waits for a pause in typing. */
export function HistoryFilters({ filters, categories, onChange }: HistoryFiltersProps) {
  const [search, setSearch] = useState(filters.q ?? '');
  const [syncedQ, setSyncedQ] = useState(filters.q);
  // The URL changed under us (back button, clear): show its search text.
  if (filters.q !== syncedQ) {
    setSyncedQ(filters.q);
    setSearch(filters.q ?? '');
  }

  useEffect(() => {
    const q = search.trim();
    if (q === (filters.q ?? '')) return;
    const timer = setTimeout(() => {
      onChange(q ? { ...filters, q } : without(filters, 'q'));
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [search, filters, onChange]);

  const set = <K extends keyof TransactionFilters>(
    key: K,
    value: TransactionFilters[K] | undefined,
  ) => {
    onChange(value === undefined ? without(filters, key) : { ...filters, [key]: value });
  };

  const visibleCategories = filters.type
    ? categories.filter((c) => c.kind === filters.type)
    : categories;

  return (
    <form
      role="search"
      aria-label="Filter history"
      className="filters"
      onSubmit={(event) => {
        event.preventDefault();
        const q = search.trim();
        onChange(q ? { ...filters, q } : without(filters, 'q'));
      }}
    >
      <Field label="Search" className="filter-search">
        {(control) => (
          <input
            {...control}
            type="search"
            name="q"
            placeholder="Title or description"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Filter by type">
        {(control) => (
          <select
            {...control}
            name="type"
            value={filters.type ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              set('type', value === 'income' || value === 'expense' ? value : undefined);
            }}
          >
            <option value="">All types</option>
            <option value="income">Income</option>
            <option value="expense">Expense</option>
          </select>
        )}
      </Field>
      <Field label="Filter by category">
        {(control) => (
          <select
            {...control}
            name="category"
            value={filters.categoryId === undefined ? '' : String(filters.categoryId)}
            onChange={(event) => {
              set('categoryId', event.target.value ? Number(event.target.value) : undefined);
            }}
          >
            <option value="">All categories</option>
            {visibleCategories.map((category) => (
              <option key={category.id} value={String(category.id)}>
                {category.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="From">
        {(control) => (
          <DateFilter
            {...control}
            name="from"
            value={filters.from}
            max={filters.to}
            onCommit={(next) => {
              set('from', next);
            }}
          />
        )}
      </Field>
      <Field label="To">
        {(control) => (
          <DateFilter
            {...control}
            name="to"
            value={filters.to}
            min={filters.from}
            onCommit={(next) => {
              set('to', next);
            }}
          />
        )}
      </Field>
      <button
        type="button"
        className="button filter-clear"
        disabled={!hasFilters(filters) && search === ''}
        onClick={() => {
          setSearch('');
          onChange({});
        }}
      >
        Clear filters
      </button>
    </form>
  );
}
