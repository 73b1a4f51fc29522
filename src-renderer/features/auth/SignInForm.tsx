// Signing in with an API token: server address, token and profile name; main checks the token
// with a real call and lists its organizations; the user picks one (when there are several) and
// the profile opens. The token lives in this form's memory only until main has it: it is never
// put in storage, a URL or a log, and the field is emptied as soon as main accepted it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { IpcError, PendingSignIn, SecretStorage } from '../../../src-main/ipc/contract.ts';
import { DEFAULT_BASE_URL, validateBaseUrl } from '../../../src-main/shared/base-url.ts';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { settle } from '../../lib/ipc.ts';
import { useStores } from '../../stores/context.ts';
import { failureField, failureOf, failureTitle, isFieldMistake, type AuthField } from './authErrors.ts';
import { FormError } from './FormError.tsx';
import { KeychainChoice } from './KeychainChoice.tsx';
import { TextField } from './TextField.tsx';
import { useKeychainStatus } from './useKeychainStatus.ts';
import './auth.css';

type Step =
  | { name: 'form' }
  | { name: 'validating' }
  | { name: 'choose'; pending: PendingSignIn }
  | { name: 'opening'; pending: PendingSignIn; domainHandle: string };

type FocusTarget = AuthField | 'storage' | 'organization';
type FieldErrors = Partial<Record<FocusTarget, string>>;

interface SignInFormProps {
  /** Makes the element ids unique where two forms could exist (welcome screen, dialog). */
  idPrefix: string;
  /** The id of the heading that names the form (rendered by the caller). */
  labelledBy: string;
  /** Leaves the form (back to the welcome choices, or closes the dialog). */
  onCancel(): void;
  /** The new profile is the open workspace. */
  onSignedIn?(): void;
}

const TOKEN_MISSING = 'Paste the API token from the Unpod dashboard (API Keys).';
const STORAGE_MISSING =
  'Tick "Keep the token for this session only" to go on without the keychain, or make the keychain available and check again.';

function keychainDetails(error: IpcError): { reason: string | null; hint: string | null } {
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as {
    reason?: unknown;
    hint?: unknown;
  };
  return {
    reason: typeof details.reason === 'string' ? details.reason : null,
    hint: typeof details.hint === 'string' ? details.hint : null,
  };
}

export function SignInForm({ idPrefix, labelledBy, onCancel, onSignedIn }: SignInFormProps) {
  const { auth } = useStores();
  const keychain = useKeychainStatus();
  const [baseUrl, setBaseUrl] = useState(DEFAULT_BASE_URL);
  const [token, setToken] = useState('');
  const [profileName, setProfileName] = useState('');
  const [sessionOnly, setSessionOnly] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [invalidField, setInvalidField] = useState<AuthField | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [step, setStep] = useState<Step>({ name: 'form' });
  const [chosenOrg, setChosenOrg] = useState('');

  const baseUrlRef = useRef<HTMLInputElement>(null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const profileNameRef = useRef<HTMLInputElement>(null);
  const storageRef = useRef<HTMLInputElement>(null);
  const organizationRef = useRef<HTMLHeadingElement>(null);
  // The begun sign-in (its token sits in main's memory): forgotten when the user leaves.
  const pendingId = useRef<string | null>(null);
  const mounted = useRef(true);
  // Where focus goes after the next render (an error under a field, the next step's heading).
  const focusNext = useRef<FocusTarget | null>(null);
  const setFocusTarget = (target: FocusTarget) => {
    focusNext.current = target;
  };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      const id = pendingId.current;
      if (id !== null) void settle(() => window.unpod.auth.cancelSignIn({ pendingId: id }));
    };
  }, []);

  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    const elements = {
      baseUrl: baseUrlRef,
      token: tokenRef,
      profileName: profileNameRef,
      storage: storageRef,
      organization: organizationRef,
    };
    elements[target].current?.focus();
  });

  const busy = step.name === 'validating' || step.name === 'opening';
  const storage: SecretStorage = keychain.status?.available === false ? 'session' : 'keychain';

  function showFailure(failure: IpcError, stepAfter: Step) {
    setStep(stepAfter);
    if (failure.code === 'keychain_unavailable') {
      const { reason, hint } = keychainDetails(failure);
      keychain.markUnavailable(reason, hint);
      setSessionOnly(false);
      setError(null);
      setFieldErrors({ storage: STORAGE_MISSING });
      setFocusTarget('storage');
      return;
    }
    const field = failureField(failure);
    if (isFieldMistake(failure) && field) {
      setError(null);
      setFieldErrors({ [field]: failure.message });
      setFocusTarget(field);
      return;
    }
    setError(failure);
    setInvalidField(stepAfter.name === 'form' ? field : null);
    if (stepAfter.name === 'form' && field) setFocusTarget(field);
  }

  async function complete(pending: PendingSignIn, domainHandle: string, storageOverride?: SecretStorage) {
    setStep({ name: 'opening', pending, domainHandle });
    setChosenOrg(domainHandle);
    setError(null);
    const result = await settle(() =>
      window.unpod.auth.completeSignIn({
        pendingId: pending.pendingId,
        domainHandle,
        ...(storageOverride ? { storage: storageOverride } : {}),
      }),
    );
    if (!mounted.current) return;
    if (result.ok) {
      pendingId.current = null;
      auth.getState().applyWorkspace(result.data);
      onSignedIn?.();
      return;
    }
    if (failureOf(result.error) === 'sign_in_expired') {
      pendingId.current = null;
      showFailure(result.error, { name: 'form' });
      setFocusTarget('token');
      return;
    }
    showFailure(result.error, { name: 'choose', pending });
  }

  async function submitForm(event: FormEvent) {
    event.preventDefault();
    if (busy || keychain.status === null) return;
    const errors: FieldErrors = {};
    const checkedUrl = validateBaseUrl(baseUrl);
    if (!checkedUrl.ok) errors.baseUrl = checkedUrl.message;
    if (token.trim() === '') errors.token = TOKEN_MISSING;
    if (!keychain.status.available && !sessionOnly) errors.storage = STORAGE_MISSING;
    setFieldErrors(errors);
    setError(null);
    setInvalidField(null);
    const firstInvalid = (['baseUrl', 'token', 'storage'] as const).find((key) => errors[key]);
    if (firstInvalid) {
      setFocusTarget(firstInvalid);
      return;
    }

    setStep({ name: 'validating' });
    const result = await settle(() =>
      window.unpod.auth.beginSignIn({ baseUrl, token, profileName, storage }),
    );
    if (!mounted.current) {
      // The form was closed while main checked the token: drop the begun sign-in at once.
      if (result.ok) void settle(() => window.unpod.auth.cancelSignIn({ pendingId: result.data.pendingId }));
      return;
    }
    if (!result.ok) {
      showFailure(result.error, { name: 'form' });
      return;
    }
    // Main holds the token now; this page does not need it any more.
    setToken('');
    const pending = result.data;
    pendingId.current = pending.pendingId;
    const only = pending.organizations.length === 1 ? pending.organizations[0] : undefined;
    if (only) {
      await complete(pending, only.domainHandle);
    } else {
      setChosenOrg('');
      setStep({ name: 'choose', pending });
      setFocusTarget('organization');
    }
  }

  function submitChoice(event: FormEvent, pending: PendingSignIn) {
    event.preventDefault();
    if (busy) return;
    const errors: FieldErrors = {};
    if (chosenOrg === '') errors.organization = 'Choose the organization for this profile.';
    if (keychain.status?.available === false && !sessionOnly) errors.storage = STORAGE_MISSING;
    setFieldErrors(errors);
    if (errors.organization || errors.storage) {
      setFocusTarget(errors.storage && !errors.organization ? 'storage' : 'organization');
      return;
    }
    void complete(pending, chosenOrg, keychain.status?.available === false ? 'session' : undefined);
  }

  function backToForm() {
    const id = pendingId.current;
    pendingId.current = null;
    if (id !== null) void settle(() => window.unpod.auth.cancelSignIn({ pendingId: id }));
    setStep({ name: 'form' });
    setError(null);
    setFieldErrors({});
    setFocusTarget('token');
  }

  const errorNotice = error && (
    <FormError title={failureTitle(error, 'Could not sign in')}>
      <p>{error.message}</p>
    </FormError>
  );

  if (step.name === 'choose' || step.name === 'opening') {
    const { pending } = step;
    const opening = step.name === 'opening';
    const orgErrorId = `${idPrefix}-organization-error`;
    return (
      <form
        className="auth-form"
        aria-labelledby={labelledBy}
        noValidate
        onSubmit={(event) => submitChoice(event, pending)}
      >
        <h3 ref={organizationRef} tabIndex={-1} className="auth-form__step">
          {pending.organizations.length > 1 ? 'Choose the organization' : 'Opening the organization'}
        </h3>
        <p className="auth-form__lead">
          The token ending in {pending.tokenHint} works on {pending.baseUrl}.
          {pending.organizations.length > 1
            ? ' It can see several organizations; pick one for this profile.'
            : ''}
        </p>
        {errorNotice}
        <fieldset className="org-choice" aria-describedby={fieldErrors.organization ? orgErrorId : undefined}>
          <legend>Organization</legend>
          {pending.organizations.map((org) => {
            const id = `${idPrefix}-org-${org.domainHandle}`;
            return (
              <div className="radio" key={org.domainHandle}>
                <input
                  type="radio"
                  id={id}
                  name={`${idPrefix}-organization`}
                  value={org.domainHandle}
                  checked={chosenOrg === org.domainHandle}
                  onChange={() => setChosenOrg(org.domainHandle)}
                />
                <label htmlFor={id}>
                  {org.name}
                  <span className="radio__detail">
                    {org.domainHandle}
                    {org.role ? ` · ${org.role}` : ''}
                  </span>
                </label>
              </div>
            );
          })}
        </fieldset>
        {fieldErrors.organization && (
          <p id={orgErrorId} className="field__error">
            {fieldErrors.organization}
          </p>
        )}
        {keychain.status?.available === false && (
          <KeychainChoice
            idPrefix={idPrefix}
            keychain={keychain}
            sessionOnly={sessionOnly}
            onSessionOnlyChange={setSessionOnly}
            error={fieldErrors.storage}
            checkboxRef={storageRef}
          />
        )}
        {opening && <LoadingStatus>Opening the workspace…</LoadingStatus>}
        <div className="auth-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={opening || undefined}>
            {opening ? 'Opening…' : 'Continue'}
          </button>
          <button type="button" className="button button--secondary" onClick={backToForm}>
            Back
          </button>
        </div>
      </form>
    );
  }

  const validating = step.name === 'validating';
  const checkingKeychain = keychain.status === null;
  let host = baseUrl;
  const checkedUrl = validateBaseUrl(baseUrl);
  if (checkedUrl.ok) host = checkedUrl.baseUrl;

  return (
    <form className="auth-form" aria-labelledby={labelledBy} noValidate onSubmit={(e) => void submitForm(e)}>
      {errorNotice}
      <TextField
        id={`${idPrefix}-base-url`}
        ref={baseUrlRef}
        label="Unpod server address"
        type="text"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        value={baseUrl}
        hint="Keep https://unpod.dev for Unpod's own service. Addresses must start with https:// (http:// only for this computer)."
        error={fieldErrors.baseUrl ?? null}
        invalid={invalidField === 'baseUrl'}
        onChange={(value) => {
          setBaseUrl(value);
          // Once an error shows, it goes away as soon as the address is right.
          if (fieldErrors.baseUrl && validateBaseUrl(value).ok)
            setFieldErrors((e) => ({ ...e, baseUrl: undefined }));
          if (invalidField === 'baseUrl') setInvalidField(null);
        }}
        onBlur={() => {
          const checked = validateBaseUrl(baseUrl);
          setFieldErrors((e) => ({ ...e, baseUrl: checked.ok ? undefined : checked.message }));
        }}
      />
      <TextField
        id={`${idPrefix}-token`}
        ref={tokenRef}
        label="API token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        value={token}
        hint="From the Unpod dashboard, API Keys. It is checked with the server before it is saved."
        error={fieldErrors.token ?? null}
        invalid={invalidField === 'token'}
        onChange={(value) => {
          setToken(value);
          if (fieldErrors.token && value.trim() !== '') setFieldErrors((e) => ({ ...e, token: undefined }));
          if (invalidField === 'token') setInvalidField(null);
        }}
      />
      <TextField
        id={`${idPrefix}-profile-name`}
        ref={profileNameRef}
        label="Profile name (optional)"
        type="text"
        autoComplete="off"
        value={profileName}
        placeholder="e.g. Production"
        hint="How this profile appears in the profile switcher. Empty: the organization's name."
        error={fieldErrors.profileName ?? null}
        maxLength={200}
        onChange={setProfileName}
      />
      <KeychainChoice
        idPrefix={idPrefix}
        keychain={keychain}
        sessionOnly={sessionOnly}
        onSessionOnlyChange={(value) => {
          setSessionOnly(value);
          if (value) setFieldErrors((e) => ({ ...e, storage: undefined }));
        }}
        error={fieldErrors.storage}
        checkboxRef={storageRef}
      />
      {validating && <LoadingStatus>{`Checking the token with ${host}…`}</LoadingStatus>}
      <div className="auth-form__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={validating || checkingKeychain || undefined}
        >
          {validating ? 'Checking the token…' : 'Sign in'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
