import { useRef, useState } from 'react';
import type { Account, CsvInspection, ImportResult } from '@moneta/schema';
import { Field } from '@/components/ui/field';
import { ApiError, errorMessage } from '@/lib/api-client';
import { useInspectCsv } from '../api/inspect-csv';
import { useCommitImport, usePreviewImport, type ImportProgress } from '../api/run-import';
import {
  checkMapping,
  initialMapping,
  mappingQuery,
  rememberMapping,
  type Encoding,
  type MappingDraft,
} from '../mapping';
import { ImportHistory } from './import-history';
import { ImportPreview } from './import-preview';
import { MappingForm, SampleTable } from './mapping-form';
import { formatCount } from '@/lib/locale';

const DELIMITERS = [
  ['', 'Detect automatically'],
  [',', 'Comma ( , )'],
  [';', 'Semicolon ( ; )'],
  ['\t', 'Tab'],
  ['|', 'Pipe ( | )'],
] as const;

const FILE_FIELDS = new Set(['accountId', 'file', 'encoding', 'delimiter']);
const MAPPING_FIELDS = new Set([
  'date',
  'dateFormat',
  'amount',
  'type',
  'debit',
  'credit',
  'sign',
  'decimal',
  'title',
  'description',
  'category',
]);

/** API messages are phrases ("no column named …"); shown alone next to a field they read as sentences. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * Splits an API problem into messages next to the fields it names and a message for the rest.
 * The mapping's "amount or debit and credit" rule names `amount`, which the split mode hides.
 */
function placeErrors(
  error: unknown,
  draft: MappingDraft | null,
): { file: Record<string, string>; mapping: Record<string, string>; form: string | null } {
  const placed = {
    file: {} as Record<string, string>,
    mapping: {} as Record<string, string>,
    form: null as string | null,
  };
  const fields = error instanceof ApiError ? error.fieldErrors : {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const field = path === 'amount' && draft?.amountMode === 'split' ? 'debit' : path;
    if (FILE_FIELDS.has(field)) placed.file[field] = sentence(message);
    else if (MAPPING_FIELDS.has(field)) placed.mapping[field] = sentence(message);
    else rest.push(`${path}: ${message}`);
  }
  if (Object.keys(fields).length === 0) placed.form = errorMessage(error);
  else if (rest.length > 0) placed.form = rest.join(' ');
  return placed;
}

/** What a long commit is doing, from the API's progress lines. */
export function progressLabel(progress: ImportProgress | null): string {
  if (!progress) return 'Importing…';
  if (progress.phase === 'writing') return `Writing ${formatCount(progress.total)} rows…`;
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
  return `Checking rows… ${percent}%`;
}

/** Upload a bank's CSV, map its columns, preview every row, then commit or leave it. */
export function ImportFlow({
  accounts,
  initialAccountId,
}: {
  /** The open accounts an import may go into. */
  accounts: readonly Account[];
  /** The account picked at first: the one the dashboard showed, else the default. */
  initialAccountId: number | undefined;
}) {
  const inspect = useInspectCsv();
  const preview = usePreviewImport();
  const commit = useCommitImport();
  const fileInputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('utf-8');
  const [delimiter, setDelimiter] = useState('');
  const [inspection, setInspection] = useState<CsvInspection | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [remembered, setRemembered] = useState(false);
  const [fileErrors, setFileErrors] = useState<Record<string, string>>({});
  const [mappingErrors, setMappingErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [committed, setCommitted] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [pickedAccount, setPickedAccount] = useState<number | undefined>(undefined);
  const account =
    accounts.find((candidate) => candidate.id === pickedAccount) ??
    accounts.find((candidate) => candidate.id === initialAccountId) ??
    accounts.find((candidate) => candidate.isDefault) ??
    accounts[0];
  // Amounts are read in the account's currency, and duplicates matched within it.
  const currency = account?.currency ?? 'USD';

  const fail = (error: unknown) => {
    const placed = placeErrors(error, draft);
    setFileErrors(placed.file);
    setMappingErrors(placed.mapping);
    setFormError(placed.form);
  };

  const runInspect = (next: { file: File | null; encoding: Encoding; delimiter: string }) => {
    setInspection(null);
    setDraft(null);
    setResult(null);
    setFileErrors({});
    setMappingErrors({});
    setFormError(null);
    if (!next.file) return;
    setCommitted(null);
    inspect.mutate(
      { file: next.file, encoding: next.encoding, delimiter: next.delimiter || undefined },
      {
        onSuccess: (found) => {
          if (found.columns.length === 0) {
            setFileErrors({ file: 'The file is empty.' });
            return;
          }
          const initial = initialMapping(found);
          setInspection(found);
          setDraft(initial.draft);
          setRemembered(initial.remembered);
        },
        onError: fail,
      },
    );
  };

  const fileOptions = () => ({
    ...(account ? { accountId: String(account.id) } : {}),
    encoding,
    delimiter: inspection?.delimiter ?? delimiter,
    filename: file?.name ?? '',
  });

  const onPreview = () => {
    if (!file || !inspection || !draft) return;
    const problems = checkMapping(draft);
    setMappingErrors(problems);
    setFormError(null);
    setResult(null);
    if (Object.keys(problems).length > 0) return;
    preview.mutate(
      { file, mapping: mappingQuery(draft, fileOptions()) },
      {
        onSuccess: (answer) => {
          setResult(answer);
          // The API accepted this mapping: the next file with these columns starts from it.
          rememberMapping(inspection.columns, draft);
        },
        onError: fail,
      },
    );
  };

  const onCommit = () => {
    if (!file || !draft) return;
    setProgress(null);
    commit.mutate(
      { file, mapping: mappingQuery(draft, fileOptions()), onProgress: setProgress },
      {
        onSettled: () => {
          setProgress(null);
        },
        onSuccess: (answer) => {
          const inserted = answer.import?.inserted ?? answer.summary.new;
          setCommitted(
            `Imported ${formatCount(inserted)} transaction${inserted === 1 ? '' : 's'} from ${file.name}.` +
              (answer.summary.duplicate + answer.summary.error > 0
                ? ` Skipped: ${formatCount(answer.summary.duplicate)} duplicate, ${formatCount(answer.summary.error)} with errors.`
                : ''),
          );
          setFile(null);
          setInspection(null);
          setDraft(null);
          setResult(null);
          if (fileInputRef.current) fileInputRef.current.value = '';
          fileInputRef.current?.focus();
        },
        onError: fail,
      },
    );
  };

  const changeDraft = (next: MappingDraft) => {
    setDraft(next);
    // A preview describes the mapping it was made with; a changed mapping needs a new one.
    setResult(null);
  };

  const busy = inspect.isPending || preview.isPending || commit.isPending;
  const rowCount = inspection ? formatCount(inspection.rows) : '';

  return (
    <>
      <section className="panel" aria-labelledby="import-file-heading">
        <h2 id="import-file-heading" className="section-title">
          1. Choose a file
        </h2>
        {committed && (
          <p className="notice notice-success" role="status" data-testid="import-done">
            {committed}
          </p>
        )}
        <div className="mapping-grid">
          {accounts.length > 1 && (
            <Field
              label="Into account"
              error={fileErrors.accountId}
              hint="Duplicates are looked for in this account."
            >
              {(control) => (
                <select
                  {...control}
                  value={account ? String(account.id) : ''}
                  onChange={(event) => {
                    setPickedAccount(Number(event.target.value));
                    // A preview was of the other account: its duplicates are not these.
                    setResult(null);
                  }}
                >
                  {accounts.map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.name} · {choice.currency}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label="CSV file" error={fileErrors.file} hint="Your bank’s export, up to 64 MB.">
            {(control) => (
              <input
                {...control}
                ref={fileInputRef}
                type="file"
                accept=".csv,.txt,text/csv"
                onChange={(event) => {
                  const chosen = event.target.files?.[0] ?? null;
                  setFile(chosen);
                  runInspect({ file: chosen, encoding, delimiter });
                }}
              />
            )}
          </Field>
          <Field
            label="Encoding"
            error={fileErrors.encoding}
            hint="Older bank exports are often Windows-1252."
          >
            {(control) => (
              <select
                {...control}
                value={encoding}
                onChange={(event) => {
                  const next: Encoding =
                    event.target.value === 'windows-1252' ? 'windows-1252' : 'utf-8';
                  setEncoding(next);
                  runInspect({ file, encoding: next, delimiter });
                }}
              >
                <option value="utf-8">UTF-8</option>
                <option value="windows-1252">Windows-1252 (Western European)</option>
              </select>
            )}
          </Field>
          <Field label="Delimiter" error={fileErrors.delimiter}>
            {(control) => (
              <select
                {...control}
                value={delimiter}
                onChange={(event) => {
                  setDelimiter(event.target.value);
                  runInspect({ file, encoding, delimiter: event.target.value });
                }}
              >
                {DELIMITERS.map(([value, label]) => (
                  <option key={label} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <p role="status" className="muted" data-testid="import-file-status">
          {inspect.isPending
            ? 'Reading the file…'
            : inspection && file
              ? `${file.name}: ${rowCount} rows, ${String(inspection.columns.length)} columns, separated by ${
                  DELIMITERS.find(([value]) => value === inspection.delimiter)?.[1] ??
                  inspection.delimiter
                }.`
              : ''}
        </p>
        {formError && !inspection && (
          <p className="form-error" role="alert" data-testid="import-error">
            {formError}
          </p>
        )}
      </section>

      {inspection && draft && (
        <section className="panel" aria-labelledby="import-mapping-heading">
          <h2 id="import-mapping-heading" className="section-title">
            2. Map the columns
          </h2>
          <SampleTable inspection={inspection} />
          <MappingForm
            inspection={inspection}
            draft={draft}
            remembered={remembered}
            errors={mappingErrors}
            busy={busy}
            onChange={changeDraft}
            onSubmit={onPreview}
          />
          {preview.isPending && (
            <p role="status" className="muted">
              Checking {rowCount} rows against your transactions…
            </p>
          )}
          {formError && (
            <p className="form-error" role="alert" data-testid="import-error">
              {formError}
            </p>
          )}
        </section>
      )}

      {inspection && result && (
        <section className="panel" aria-labelledby="import-preview-heading">
          <h2 id="import-preview-heading" className="section-title">
            3. Preview
          </h2>
          <ImportPreview result={result} currency={currency} />
          <div className="inline-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy || result.summary.new === 0}
              onClick={onCommit}
            >
              {commit.isPending
                ? progressLabel(progress)
                : `Import ${formatCount(result.summary.new)} transaction${result.summary.new === 1 ? '' : 's'}`}
            </button>
            {result.summary.new === 0 && <span className="muted">Nothing new to import.</span>}
            {commit.isPending && progress && (
              <span role="status" className="muted" data-testid="import-progress">
                <progress
                  max={progress.total || 1}
                  value={progress.phase === 'writing' ? undefined : progress.done}
                  aria-label="Import progress"
                />{' '}
                {progressLabel(progress)}
              </span>
            )}
          </div>
        </section>
      )}

      <ImportHistory fallbackFocus={() => fileInputRef.current} />
    </>
  );
}
