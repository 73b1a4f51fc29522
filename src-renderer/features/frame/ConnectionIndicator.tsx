// Online / offline / token rejected, in words and colour, announced politely when it changes.
import { clockTime } from '../../lib/format.ts';
import { useConnectionStore } from '../../stores/context.ts';

const labels = { online: 'Online', offline: 'Offline', rejected: 'Token rejected' } as const;

export function ConnectionIndicator() {
  const connection = useConnectionStore((s) => s.connection);
  if (!connection) return null;
  const lastOnline = clockTime(connection.lastOnlineAt);
  const detail =
    connection.state === 'offline' ? (lastOnline ? `last online ${lastOnline}` : 'not yet connected') : null;
  return (
    <div role="status" aria-label="Connection" className={`connection connection--${connection.state}`}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{labels[connection.state]}</span>
      {detail && <span className="connection__detail">{detail}</span>}
      {connection.message && connection.state !== 'online' && (
        <span className="visually-hidden">{connection.message}</span>
      )}
    </div>
  );
}
