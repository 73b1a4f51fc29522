// The spaces of the current organization; choosing one makes it the current space (the space
// picker in the top bar follows, since both read the workspace state).
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { NotSet } from '../../components/NotSet.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { titleCase } from '../../lib/format.ts';
import './spaces.css';
import { useSpacesStore, useWorkspaceStore } from '../../stores/context.ts';

export function SpacesPage() {
  const organization = useWorkspaceStore((s) => s.state?.organization ?? null);
  const currentToken = useWorkspaceStore((s) => s.state?.space?.token ?? null);
  const pendingToken = useWorkspaceStore((s) => s.pendingSpace);
  const selectSpace = useWorkspaceStore((s) => s.selectSpace);
  const spaces = useSpacesStore((s) => s.items);
  const status = useSpacesStore((s) => s.status);

  return (
    <>
      <PageHeader
        title="Spaces"
        description={
          organization ? (
            <>
              The spaces of <strong>{organization.name}</strong>. Tasks are read from and created in the
              current space.
            </>
          ) : (
            'Choose an organization to see its spaces.'
          )
        }
      />

      {/* A load error is shown (with Retry) by the frame's notices, just above this page. */}
      {status === 'loading' && spaces.length === 0 && <LoadingStatus>Loading spaces…</LoadingStatus>}
      {status === 'ready' && spaces.length === 0 && (
        <div className="empty">
          <p>This organization has no spaces yet.</p>
        </div>
      )}

      {spaces.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="spaces-table-caption" tabIndex={0}>
          <table className="data-table spaces-table" aria-busy={status === 'loading' || undefined}>
            <caption id="spaces-table-caption" className="visually-hidden">
              Spaces
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Privacy</th>
                <th scope="col">
                  <span className="visually-hidden">Current space</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {spaces.map((space) => {
                const isCurrent = space.token === currentToken;
                const isPending = space.token === pendingToken;
                return (
                  <tr key={space.token} aria-current={isCurrent ? 'true' : undefined}>
                    <th scope="row">
                      <span className="spaces-table__name">{space.name}</span>
                      {space.description && (
                        <span className="spaces-table__description">{space.description}</span>
                      )}
                    </th>
                    <td>
                      {titleCase(space.spaceType) ?? <NotSet />}
                      {space.contentType && (
                        <span className="spaces-table__content">{titleCase(space.contentType)}</span>
                      )}
                    </td>
                    <td>
                      {space.privacyType ? (
                        <span
                          className={`privacy privacy--${space.privacyType === 'private' ? 'private' : 'shared'}`}
                        >
                          {titleCase(space.privacyType)}
                        </span>
                      ) : (
                        <NotSet />
                      )}
                    </td>
                    <td className="spaces-table__action">
                      {isCurrent ? (
                        <span className="badge badge--current">Current space</span>
                      ) : (
                        <button
                          type="button"
                          className="button button--small button--secondary"
                          aria-disabled={isPending || undefined}
                          onClick={() => {
                            if (!isPending) void selectSpace(space.token);
                          }}
                        >
                          {isPending ? 'Switching…' : 'Make current'}
                          <span className="visually-hidden">: {space.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
