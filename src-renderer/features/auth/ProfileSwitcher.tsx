// The profile switcher in the top bar: a menu button (WAI-ARIA menu pattern) listing the saved
// profiles and the demo as radio items, then "Add profile…". Arrow keys, Home and End move
// between items, Enter or Space picks one, Escape closes and returns focus to the button.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Profile } from '../../../src-main/ipc/contract.ts';
import { selectProfiles } from '../../stores/auth.ts';
import { useAuthStore, useWorkspaceStore } from '../../stores/context.ts';
import { AddProfileDialog } from './AddProfileDialog.tsx';
import { TokenDialog } from './TokenDialog.tsx';
import { useProfiles } from './useProfiles.ts';
import './auth.css';

const hostOf = (baseUrl: string): string => {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
};

export function ProfileSwitcher() {
  useProfiles();
  const profiles = useAuthStore(selectProfiles);
  const opening = useAuthStore((s) => s.opening);
  const openProfile = useAuthStore((s) => s.open);
  const kind = useWorkspaceStore((s) => s.state?.kind ?? 'none');
  const currentId = useWorkspaceStore((s) => s.state?.profileId ?? null);
  const currentName = useWorkspaceStore((s) => s.state?.profileName ?? null);
  const openDemo = useWorkspaceStore((s) => s.openDemo);
  const demoBusy = useWorkspaceStore((s) => s.busy === 'openDemo');

  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'token'; profile: Profile } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const menuId = useId();
  const buttonId = useId();

  const currentLabel = kind === 'demo' ? 'Demo workspace' : (currentName ?? 'No profile');
  const busyLabel =
    opening !== null
      ? (profiles.find((p) => p.id === opening)?.name ?? null)
      : demoBusy
        ? 'Demo workspace'
        : null;

  const shownLabel = busyLabel ? `Opening ${busyLabel}…` : currentLabel;

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open || focusIndex === null) return;
    const all = items();
    all[(focusIndex + all.length) % all.length]?.focus();
  }, [open, focusIndex]);

  // A click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    setFocusIndex(null);
    if (refocus) buttonRef.current?.focus();
  };
  const openAt = (index: number) => {
    setOpen(true);
    setFocusIndex(index);
  };

  function choose(action: () => void) {
    close(true);
    action();
  }

  function onButtonKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(-1);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent) {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: all.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      const next = (moves[event.key]! + all.length) % all.length;
      all[next]?.focus();
      setFocusIndex(next);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  }

  return (
    <div className="profile-switcher">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="button button--secondary profile-switcher__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        // The visible words, with a colon for the ear: what a speech-input user reads on the
        // button is in its name (WCAG 2.5.3), also while another profile opens.
        aria-label={`Profile: ${shownLabel}`}
        aria-busy={busyLabel !== null || undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        <span className="profile-switcher__caption">Profile</span>{' '}
        <span className="profile-switcher__name">{shownLabel}</span>
        <span className="profile-switcher__chevron" aria-hidden="true" />
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          className="profile-menu"
          onKeyDown={onMenuKeyDown}
        >
          {profiles.map((profile) => {
            const current = kind === 'profile' && profile.id === currentId;
            return (
              <li role="none" key={profile.id}>
                <button
                  type="button"
                  role="menuitemradio"
                  aria-checked={current}
                  tabIndex={-1}
                  className="profile-menu__item"
                  onClick={() =>
                    choose(() => {
                      if (current) return;
                      if (profile.hasToken) void openProfile(profile);
                      else setDialog({ kind: 'token', profile });
                    })
                  }
                >
                  <span className="profile-menu__name">{profile.name}</span>
                  <span className="profile-menu__detail">
                    {profile.orgName} · {hostOf(profile.baseUrl)}
                    {profile.hasToken ? '' : ' · signed out'}
                  </span>
                </button>
              </li>
            );
          })}
          <li role="none">
            <button
              type="button"
              role="menuitemradio"
              aria-checked={kind === 'demo'}
              tabIndex={-1}
              className="profile-menu__item"
              onClick={() =>
                choose(() => {
                  if (kind !== 'demo') void openDemo();
                })
              }
            >
              <span className="profile-menu__name">Demo workspace</span>
              <span className="profile-menu__detail">Local sandbox, no real calls</span>
            </button>
          </li>
          <li role="separator" className="profile-menu__separator" />
          <li role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="profile-menu__item"
              onClick={() => choose(() => setDialog({ kind: 'add' }))}
            >
              Add profile…
            </button>
          </li>
        </ul>
      )}
      {dialog?.kind === 'add' && <AddProfileDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'token' && (
        <TokenDialog profile={dialog.profile} mode="reopen" onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
