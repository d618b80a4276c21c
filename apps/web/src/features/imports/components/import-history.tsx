import { useState } from 'react';
import type { Import } from '@moneta/schema';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorMessage } from '@/components/ui/error-message';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { formatInstant } from '@/lib/dates';
import { useImports } from '../api/get-imports';
import { useUndoImport } from '../api/undo-import';
import { formatCount } from '@/lib/locale';

const fileLabel = (item: Import) => item.filename ?? `import #${String(item.id)}`;

/** "1 duplicate", "2 duplicates". */
const count = (n: number, noun: string) => `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;

export function ImportHistory({ fallbackFocus }: { fallbackFocus: () => HTMLElement | null }) {
  const imports = useImports();
  const [undoing, setUndoing] = useState<Import | null>(null);

  return (
    <section className="panel" aria-labelledby="imports-heading" data-testid="import-history">
      <h2 id="imports-heading" className="section-title">
        Past imports
      </h2>
      {imports.isPending ? (
        <Skeleton label="Loading imports" className="skeleton-row" />
      ) : imports.isError ? (
        <ErrorMessage
          title="Past imports could not be loaded."
          message={errorMessage(imports.error)}
          onRetry={() => void imports.refetch()}
        />
      ) : imports.data.length === 0 ? (
        <p className="empty-state" data-testid="imports-empty">
          Nothing imported yet.
        </p>
      ) : (
        <ul className="import-list">
          {imports.data.map((item) => (
            <li key={item.id} className="import-item" data-testid="import-item" data-id={item.id}>
              <div className="import-item-text">
                <span className="token-name">{fileLabel(item)}</span>
                <span className="muted">
                  {formatInstant(item.createdAt)} · {formatCount(item.inserted)} added
                  {item.duplicates > 0 ? ` · ${count(item.duplicates, 'duplicate')} skipped` : ''}
                  {item.errors > 0 ? ` · ${count(item.errors, 'row')} with errors skipped` : ''}
                </span>
              </div>
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => {
                  setUndoing(item);
                }}
              >
                Undo import “{fileLabel(item)}”
              </button>
            </li>
          ))}
        </ul>
      )}
      {undoing && (
        <UndoImportDialog
          item={undoing}
          fallbackFocus={fallbackFocus}
          onClose={() => {
            setUndoing(null);
          }}
        />
      )}
    </section>
  );
}

function UndoImportDialog({
  item,
  onClose,
  fallbackFocus,
}: {
  item: Import;
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}) {
  const undo = useUndoImport();
  return (
    <ConfirmDialog
      title="Undo import"
      message={`This deletes the ${formatCount(item.inserted)} transactions that “${fileLabel(item)}” added.`}
      confirmLabel="Undo import"
      busyLabel="Undoing…"
      onConfirm={async () => {
        await undo.mutateAsync(item.id);
        toast.show({
          id: 'import-undone',
          message: `Import undone: ${formatCount(item.inserted)} transactions removed.`,
          durationMs: 6000,
        });
      }}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
      testId="undo-import-dialog"
    />
  );
}
