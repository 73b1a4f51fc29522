// What happened to profiles, shown where the user lands: the outcome of a sign-out or token
// replacement (a polite status), a profile that failed to open, and problems found at start
// (the last profile could not be reopened, the profiles file was unreadable, no keychain).
import '../../components/notices.css';
import { useAuthStore } from '../../stores/context.ts';
import { FormError } from './FormError.tsx';

export function AuthNotices({ startup = false }: { startup?: boolean }) {
  const notice = useAuthStore((s) => s.notice);
  const failure = useAuthStore((s) => s.failure);
  const list = useAuthStore((s) => s.list);
  const dismissFailure = useAuthStore((s) => s.dismissFailure);
  const restore = startup ? (list?.restoreProblem ?? null) : null;

  return (
    <>
      {/* Always present (empty when quiet), so screen readers announce a new outcome. */}
      <div role="status" className="auth-notice">
        {notice}
      </div>
      {failure && (
        <FormError title={failure.title}>
          <p>{failure.error.message}</p>
          <button type="button" className="button button--quiet button--small" onClick={dismissFailure}>
            Dismiss
          </button>
        </FormError>
      )}
      {restore && !failure && (
        <FormError title={`Could not reopen ${restore.profileName}`}>
          <p>{restore.message}</p>
        </FormError>
      )}
      {startup && list?.fileProblem && (
        <FormError title="The saved profiles could not be read">
          <p>{list.fileProblem}</p>
        </FormError>
      )}
      {startup && list?.keychainProblem && (
        <FormError title="The system keychain is not available">
          <p>Saved tokens cannot be read right now. {list.keychainProblem.hint}</p>
        </FormError>
      )}
    </>
  );
}
