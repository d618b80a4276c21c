import { useEffect, useState } from 'react';
import { CategoryName, type Category, type CategoryKind } from '@moneta/schema';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ErrorMessage } from '@/components/ui/error-message';
import { Field, fieldMessage } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiError, errorMessage } from '@/lib/api-client';
import { useForm, type Checked } from '@/lib/form';
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

/** The category name's check, shared by the add and rename forms. */
function checkName(name: string): Checked<{ name: string }, string> {
  const parsed = CategoryName.safeParse(name);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: { name: parsed.error.issues[0]?.message ?? 'is not valid' } };
}

function AddCategoryForm() {
  const create = useCreateCategory();
  const form = useForm({
    initialValues: { name: '', kind: 'expense' as CategoryKind },
    validate: ({ name, kind }) => {
      const checked = checkName(name);
      return checked.ok ? { ok: true, value: { name: checked.value, kind } } : checked;
    },
    submit: create.mutateAsync,
    onSuccess: () => {
      // The kind stays: categories are often added in runs of one kind.
      form.setValue('name', '');
    },
  });

  return (
    <form className="category-add" {...form.formProps} aria-label="Add a category">
      {form.formError && <FormError>{form.formError}</FormError>}
      <Field label="New category" error={form.errors.name}>
        {(control) => (
          <input
            {...control}
            {...form.field('name')}
            data-autofocus=""
            autoComplete="off"
            maxLength={50}
          />
        )}
      </Field>
      <Field label="Kind">
        {(control) => (
          <select
            {...control}
            name="kind"
            value={form.values.kind}
            onChange={(event) => {
              form.setValue('kind', event.target.value === 'income' ? 'income' : 'expense');
            }}
          >
            <option value="expense">Expense</option>
            <option value="income">Income</option>
          </select>
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={form.pending}>
        Add category
      </button>
    </form>
  );
}

const countOf = (category: Category) =>
  `${category.transactionCount} transaction${category.transactionCount === 1 ? '' : 's'}`;

function CategoryItem({ category, all }: { category: Category; all: readonly Category[] }) {
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // Gone from the list at once, before the refetch: focus then goes back to the dialog itself.
  const [deleted, setDeleted] = useState(false);
  // Leaving the rename step puts focus back on its button (the delete dialog does so itself).
  const [returnFocus, setReturnFocus] = useState(false);

  if (deleted) return null;

  if (renaming) {
    return (
      <li className="category-item">
        <RenameCategoryForm
          category={category}
          onDone={() => {
            setReturnFocus(true);
            setRenaming(false);
          }}
        />
      </li>
    );
  }

  return (
    <li className="category-item" data-testid="category-item">
      <span className="category-name">{category.name}</span>
      <span className="category-count muted">{countOf(category)}</span>
      <span className="inline-actions">
        <button
          type="button"
          className="button button-ghost button-small"
          aria-label={`Rename ${category.name}`}
          autoFocus={returnFocus}
          onClick={() => {
            setRenaming(true);
          }}
        >
          Rename
        </button>
        <button
          type="button"
          className="button button-ghost button-small button-danger"
          aria-label={`Delete ${category.name}`}
          onClick={() => {
            setDeleting(true);
          }}
        >
          Delete
        </button>
      </span>
      {deleting && (
        <DeleteCategoryDialog
          category={category}
          targets={all.filter((c) => c.kind === category.kind && c.id !== category.id)}
          onDeleted={() => {
            setDeleted(true);
          }}
          onClose={() => {
            setDeleting(false);
          }}
        />
      )}
    </li>
  );
}

function RenameCategoryForm({ category, onDone }: { category: Category; onDone: () => void }) {
  const update = useUpdateCategory();
  const form = useForm({
    initialValues: { name: category.name },
    validate: ({ name }) => checkName(name),
    submit: (name) => update.mutateAsync({ id: category.id, name }),
    onSuccess: onDone,
  });
  // Escape cancels the rename, not the whole dialog: a native listener on the form runs before
  // the dialog's own (React's handlers would run after it).
  const formElement = form.formProps.ref;
  useEffect(() => {
    const element = formElement.current;
    if (!element) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onDone();
    };
    element.addEventListener('keydown', onKeyDown);
    return () => {
      element.removeEventListener('keydown', onKeyDown);
    };
  }, [formElement, onDone]);
  return (
    <form className="category-inline" {...form.formProps} aria-label={`Rename ${category.name}`}>
      {form.formError && <FormError>{form.formError}</FormError>}
      <Field label={`New name for ${category.name}`} error={form.errors.name}>
        {(control) => (
          <input {...control} {...form.field('name')} autoComplete="off" maxLength={50} autoFocus />
        )}
      </Field>
      <div className="inline-actions">
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={form.pending}
        >
          Save
        </button>
        <button type="button" className="button button-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * A confirmation above the categories dialog. A category in use needs somewhere for its
 * transactions to go: another category of the same kind.
 */
function DeleteCategoryDialog({
  category,
  targets,
  onDeleted,
  onClose,
}: {
  category: Category;
  targets: readonly Category[];
  onDeleted: () => void;
  onClose: () => void;
}) {
  const remove = useDeleteCategory();
  const [moveTo, setMoveTo] = useState(targets[0] ? String(targets[0].id) : '');
  const inUse = category.transactionCount > 0;
  const count = countOf(category);
  const moveLabel = `Move its ${count} to`;
  return (
    <ConfirmDialog
      title="Delete category"
      message={
        !inUse
          ? `Delete “${category.name}”? No transaction uses it.`
          : targets.length > 0
            ? `“${category.name}” is used by ${count}. They move to the category you choose.`
            : `“${category.name}” is used by ${count}. Add another ${category.kind} category first, so they have somewhere to go.`
      }
      confirmLabel={`Delete ${category.name}`}
      busyLabel="Deleting…"
      canConfirm={!inUse || moveTo !== ''}
      onConfirm={async () => {
        await remove.mutateAsync({ id: category.id, ...(inUse ? { moveTo: Number(moveTo) } : {}) });
        onDeleted();
      }}
      describeError={(error) => {
        const onMove = error instanceof ApiError ? error.fieldErrors.moveTo : undefined;
        return onMove ? fieldMessage(moveLabel, onMove) : errorMessage(error);
      }}
      onClose={onClose}
      testId="delete-category-dialog"
    >
      {inUse && targets.length > 0 && (
        <Field label={moveLabel}>
          {(control) => (
            <select
              {...control}
              name="moveTo"
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
      )}
    </ConfirmDialog>
  );
}
