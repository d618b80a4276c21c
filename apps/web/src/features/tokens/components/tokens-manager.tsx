import { useEffect, useRef, useState } from 'react';
import { CreateTokenBody, type ApiToken, type CreatedApiToken } from '@moneta/schema';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorMessage } from '@/components/ui/error-message';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { formatExpiry, formatInstant, today } from '@/lib/dates';
import { useForm } from '@/lib/form';
import { issuesToFieldErrors } from '@/lib/form-errors';
import { useCreateToken } from '../api/create-token';
import { useDeleteToken } from '../api/delete-token';
import { useTokens } from '../api/get-tokens';

function tomorrow(): string {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  return today(date);
}

/**
 * Create, list and revoke personal access tokens. A new token's secret lives only in this
 * component's state: it is not cached, and leaving the page or pressing Done forgets it.
 */
export function TokensManager() {
  const tokens = useTokens();
  const create = useCreateToken();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const [now] = useState(() => Date.now());
  const focusNameNext = useRef(false);

  // After Done the form comes back; focus goes to its first field, not to the page.
  useEffect(() => {
    if (created === null && focusNameNext.current) {
      focusNameNext.current = false;
      nameRef.current?.focus();
    }
  }, [created]);

  const form = useForm({
    initialValues: { name: '', expiresAt: '' },
    validate: ({ name, expiresAt }) => {
      const parsed = CreateTokenBody.safeParse({ name, ...(expiresAt ? { expiresAt } : {}) });
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, errors: issuesToFieldErrors(parsed.error.issues) };
    },
    submit: create.mutateAsync,
    onSuccess: (token) => {
      setCreated(token);
      form.reset({ name: '', expiresAt: '' });
      // The mutation keeps its answer for a while; the secret must not outlive this panel.
      create.reset();
    },
  });

  return (
    <>
      <section className="panel" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className="section-title">
          New token
        </h2>
        {created ? (
          <NewTokenSecret
            token={created}
            onDone={() => {
              focusNameNext.current = true;
              setCreated(null);
            }}
          />
        ) : (
          <form className="token-form" {...form.formProps} aria-label="Create token">
            {form.formError && <FormError>{form.formError}</FormError>}
            <Field
              label="Token name"
              error={form.errors.name}
              hint="What will use it, such as “rent cron job”."
            >
              {(control) => (
                <input
                  {...control}
                  {...form.field('name')}
                  ref={nameRef}
                  maxLength={100}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field
              label="Expires on"
              error={form.errors.expiresAt}
              hint="Optional. The token stops working when this day begins (UTC)."
            >
              {(control) => (
                <input {...control} {...form.field('expiresAt')} type="date" min={tomorrow()} />
              )}
            </Field>
            <button type="submit" className="button button-primary" disabled={form.pending}>
              {form.pending ? 'Creating…' : 'Create token'}
            </button>
          </form>
        )}
      </section>
      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="section-title">
          Your tokens
        </h2>
        {tokens.isPending ? (
          <Skeleton label="Loading tokens" className="skeleton-row" />
        ) : tokens.isError ? (
          <ErrorMessage
            title="Your tokens could not be loaded."
            message={errorMessage(tokens.error)}
            onRetry={() => void tokens.refetch()}
          />
        ) : tokens.data.length === 0 ? (
          <p className="empty-state" data-testid="tokens-empty">
            No tokens yet. Create one above to use the API from scripts.
          </p>
        ) : (
          <ul className="token-list" data-testid="token-list">
            {tokens.data.map((token) => (
              <TokenItem
                key={token.id}
                token={token}
                now={now}
                onRevoke={() => {
                  setRevoking(token);
                }}
              />
            ))}
          </ul>
        )}
      </section>
      {revoking && (
        <RevokeTokenDialog
          token={revoking}
          onClose={() => {
            setRevoking(null);
          }}
          onRevoked={(id) => {
            // A revoked token's secret is of no use: it leaves the screen with the token.
            if (created?.id === id) setCreated(null);
          }}
          fallbackFocus={() => nameRef.current}
        />
      )}
    </>
  );
}

function NewTokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard (plain http on a LAN address): the text is selected for Ctrl+C instead.
      inputRef.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div className="token-secret" data-testid="token-secret">
      <p className="notice notice-warning">
        <strong>Copy your new token “{token.name}” now. You won’t see it again.</strong> Moneta
        keeps only a hash of it.
      </p>
      <label className="field-label" htmlFor="new-token-value">
        New token
      </label>
      <div className="token-secret-row">
        <input
          ref={inputRef}
          id="new-token-value"
          className="token-secret-value"
          data-testid="token-value"
          readOnly
          spellCheck={false}
          value={token.token}
          onFocus={(event) => {
            event.target.select();
          }}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy token
        </button>
      </div>
      <p role="status" className="field-hint">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Copying failed: press Ctrl+C (⌘C).'
            : ''}
      </p>
      <p className="field-hint">
        Use it as <code>Authorization: Bearer …</code> in your scripts.
      </p>
      <button type="button" className="button button-primary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

function TokenItem({
  token,
  now,
  onRevoke,
}: {
  token: ApiToken;
  now: number;
  onRevoke: () => void;
}) {
  const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= now;
  return (
    <li className="token-item" data-testid="token-item" data-id={token.id}>
      <div className="token-item-head">
        <span className="token-name">{token.name}</span>
        <code className="token-prefix" data-testid="token-prefix">
          {token.prefix}…
        </code>
      </div>
      <dl className="token-meta">
        <div>
          <dt>Created</dt>
          <dd>{formatInstant(token.createdAt)}</dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>{token.lastUsedAt ? formatInstant(token.lastUsedAt) : 'Never'}</dd>
        </div>
        <div>
          <dt>{expired ? 'Expired' : 'Expires'}</dt>
          <dd>{token.expiresAt ? formatExpiry(token.expiresAt) : 'Never'}</dd>
        </div>
      </dl>
      <button type="button" className="button button-small button-danger" onClick={onRevoke}>
        Revoke “{token.name}”
      </button>
    </li>
  );
}

function RevokeTokenDialog({
  token,
  onClose,
  onRevoked,
  fallbackFocus,
}: {
  token: ApiToken;
  onClose: () => void;
  onRevoked: (id: number) => void;
  fallbackFocus: () => HTMLElement | null;
}) {
  const revoke = useDeleteToken();
  return (
    <ConfirmDialog
      title="Revoke token"
      message={
        <>
          Scripts using “{token.name}” (<code>{token.prefix}…</code>) stop working at once. This
          cannot be undone.
        </>
      }
      confirmLabel="Revoke"
      busyLabel="Revoking…"
      onConfirm={async () => {
        await revoke.mutateAsync(token.id);
        onRevoked(token.id);
        toast.show({
          id: 'token-revoked',
          message: `Token “${token.name}” revoked.`,
          durationMs: 5000,
        });
      }}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
      testId="revoke-token-dialog"
    />
  );
}
