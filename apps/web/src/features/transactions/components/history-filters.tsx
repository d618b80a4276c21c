import { useEffect, useRef, useState } from 'react';
import type { Category } from '@moneta/schema';
import { Field } from '@/components/ui/field';
import { useShortcut } from '@/lib/shortcuts';
import { hasFilters } from '../filters';
import type { HistoryFilters as Filters } from '../search';

export const SEARCH_DEBOUNCE_MS = 300;

interface HistoryFiltersProps {
  filters: Filters;
  categories: readonly Category[];
  onChange: (filters: Filters) => void;
}

function without(filters: Filters, key: keyof Filters): Filters {
  return Object.fromEntries(Object.entries(filters).filter(([name]) => name !== key));
}

/**
 * The filter bar of the history (the period above narrows it too). Controlled by the URL; the
 * search box waits for a pause in typing, and `/` anywhere outside a field focuses it.
 */
export function HistoryFilters({ filters, categories, onChange }: HistoryFiltersProps) {
  const [search, setSearch] = useState(filters.q ?? '');
  const [syncedQ, setSyncedQ] = useState(filters.q);
  // The URL changed under us (back button, clear): show its search text.
  if (filters.q !== syncedQ) {
    setSyncedQ(filters.q);
    setSearch(filters.q ?? '');
  }

  const searchBox = useRef<HTMLInputElement>(null);
  useShortcut('/', () => {
    searchBox.current?.focus();
  });

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

  const set = <K extends keyof Filters>(key: K, value: Filters[K] | undefined) => {
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
            ref={searchBox}
            type="search"
            name="q"
            aria-keyshortcuts="/"
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
