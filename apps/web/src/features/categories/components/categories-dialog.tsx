import { useState, type SubmitEvent } from 'react';
import { CategoryName, type Category, type CategoryKind } from '@moneta/schema';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { ErrorMessage } from '@/components/ui/error-message';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiError, errorMessage } from '@/lib/api-client';
import { useCategories } from '../api/get-categories';
import { useCreateCategory } from '../api/create-category';
import { useUpdateCategory } from '../api/update-category';
import { useDeleteCategory } from '../api/delete-category';

const KIND_LABELS: Record<CategoryKind, string> = {
  expense: 'Expense categories',
  income: 'Income categories',
};

export function CategoriesDialog({ onClose }: { onClose: () => void }) {
  const categories = useCategories();
  return (
    <Dialog title="Categories" onClose={onClose} testId="categories-dialog">
      <AddCategoryForm />
      {categories.isPending ? (
        <Skeleton label="Loading categories" className="skeleton-row" />
      ) : categories.isError ? (
        <ErrorMessage
          title="Your categories could not be loaded."
          message={errorMessage(categories.error)}
          onRetry={() => void categories.refetch()}
        />
      ) : (
        (['expense', 'income'] as const).map((kind) => {
          const list = categories.data.filter((category) => category.kind === kind);
          return (
            <section key={kind} className="category-group" aria-label={KIND_LABELS[kind]}>
              <h3 className="category-group-title">{KIND_LABELS[kind]}</h3>
              {list.length === 0 ? (
                <p className="muted">None yet.</p>
              ) : (
                <ul className="category-list">
                  {list.map((category) => (
                    <CategoryItem key={category.id} category={category} all={categories.data} />
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
    </Dialog>
  );
}

function AddCategoryForm() {
  const create = useCreateCategory();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CategoryKind>('expense');
  const [error, setError] = useState<string | undefined>();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = CategoryName.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    create.mutate(
      { name: parsed.data, kind },
      {
        onSuccess: () => {
          setName('');
        },
        onError: (e) => {
          setError(
            e instanceof ApiError ? (e.fieldErrors.name ?? errorMessage(e)) : errorMessage(e),
          );
        },
      },
    );
  };

  return (
    <form className="category-add" onSubmit={onSubmit} noValidate aria-label="Add a category">
      <Field label="New category" error={error}>
        {(control) => (
          <input
            {...control}
            name="name"
            data-autofocus=""
            autoComplete="off"
            maxLength={50}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Kind">
        {(control) => (
          <select
            {...control}
            name="kind"
            value={kind}
            onChange={(event) => {
              setKind(event.target.value === 'income' ? 'income' : 'expense');
            }}
          >
            <option value="expense">Expense</option>
            <option value="income">Income</option>
          </select>
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        Add category
      </button>
    </form>
  );
}

function CategoryItem({ category, all }: { category: Category; all: readonly Category[] }) {
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  // Leaving a step puts focus back on the button that opened it.
  const [returnTo, setReturnTo] = useState<'rename' | 'delete' | null>(null);
  const back = (from: 'rename' | 'delete') => {
    setError(undefined);
    setReturnTo(from);
    setMode('view');
  };
  const [name, setName] = useState(category.name);
  const [error, setError] = useState<string | undefined>();
  const targets = all.filter((c) => c.kind === category.kind && c.id !== category.id);
  const [moveTo, setMoveTo] = useState<string>(targets[0] ? String(targets[0].id) : '');
  const inUse = category.transactionCount > 0;

  const onRename = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = CategoryName.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    update.mutate(
      { id: category.id, name: parsed.data },
      {
        onSuccess: () => {
          back('rename');
        },
        onError: (e) => {
          setError(
            e instanceof ApiError ? (e.fieldErrors.name ?? errorMessage(e)) : errorMessage(e),
          );
        },
      },
    );
  };

  const onDelete = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inUse && !moveTo) return;
    remove.mutate(
      { id: category.id, ...(inUse ? { moveTo: Number(moveTo) } : {}) },
      {
        onError: (e) => {
          setError(
            e instanceof ApiError ? (e.fieldErrors.moveTo ?? errorMessage(e)) : errorMessage(e),
          );
        },
      },
    );
  };

  const count = `${category.transactionCount} transaction${category.transactionCount === 1 ? '' : 's'}`;

  if (mode === 'rename') {
    return (
      <li className="category-item">
        <form
          className="category-inline"
          onSubmit={onRename}
          noValidate
          aria-label={`Rename ${category.name}`}
        >
          <Field label={`New name for ${category.name}`} error={error}>
            {(control) => (
              <input
                {...control}
                name="name"
                autoComplete="off"
                maxLength={50}
                autoFocus
                value={name}
                onChange={(event) => {
                  setName(event.target.value);
                }}
              />
            )}
          </Field>
          <div className="inline-actions">
            <button
              type="submit"
              className="button button-primary button-small"
              disabled={update.isPending}
            >
              Save
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setName(category.name);
                back('rename');
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }

  if (mode === 'delete') {
    return (
      <li className="category-item">
        <form
          className="category-inline"
          onSubmit={onDelete}
          noValidate
          aria-label={`Delete ${category.name}`}
        >
          {inUse ? (
            targets.length > 0 ? (
              <Field label={`Move its ${count} to`} error={error}>
                {(control) => (
                  <select
                    {...control}
                    name="moveTo"
                    autoFocus
                    value={moveTo}
                    onChange={(event) => {
                      setMoveTo(event.target.value);
                    }}
                  >
                    {targets.map((target) => (
                      <option key={target.id} value={String(target.id)}>
                        {target.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <p className="form-error" role="alert">
                “{category.name}” is used by {count}. Add another {category.kind} category first, so
                they have somewhere to go.
              </p>
            )
          ) : (
            <p>Delete “{category.name}”? No transaction uses it.</p>
          )}
          {error && !inUse && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="inline-actions">
            <button
              type="submit"
              className="button button-danger-solid button-small"
              disabled={remove.isPending || (inUse && targets.length === 0)}
              autoFocus={!inUse}
            >
              Delete {category.name}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                back('delete');
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="category-item" data-testid="category-item">
      <span className="category-name">{category.name}</span>
      <span className="category-count muted">{count}</span>
      <span className="inline-actions">
        <button
          type="button"
          className="button button-ghost button-small"
          aria-label={`Rename ${category.name}`}
          autoFocus={returnTo === 'rename'}
          onClick={() => {
            setMode('rename');
          }}
        >
          Rename
        </button>
        <button
          type="button"
          className="button button-ghost button-small button-danger"
          aria-label={`Delete ${category.name}`}
          autoFocus={returnTo === 'delete'}
          onClick={() => {
            setMode('delete');
          }}
        >
          Delete
        </button>
      </span>
    </li>
  );
}
