// Copies an agent's handle (what the API calls the "pilot") to the clipboard and says so:
// the button reads "Copied" for a moment, and a polite live region announces it.
import { useEffect, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';
const feedbackMs = 2000;

interface CopyHandleButtonProps {
  handle: string;
  agentName: string;
  /** Announces the result in the page's live region. */
  announce(message: string): void;
}

export function CopyHandleButton({ handle, agentName, announce }: CopyHandleButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function copy() {
    window.clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(handle);
      setState('copied');
      announce(`Copied the handle of ${agentName}: ${handle}`);
    } catch {
      setState('failed');
      announce(`Could not copy the handle of ${agentName}. Select it and copy it by hand.`);
    }
    timer.current = window.setTimeout(() => setState('idle'), feedbackMs);
  }

  // Visible words first (they start the accessible name), the agent's name for screen readers.
  const [label, suffix] =
    state === 'copied'
      ? ['Copied', ` handle of ${agentName}`]
      : state === 'failed'
        ? ['Copy failed', `: handle of ${agentName}`]
        : ['Copy handle', ` of ${agentName}`];
  return (
    <button
      type="button"
      className={`button button--small button--secondary button--copy button--copy-${state}`}
      onClick={() => void copy()}
    >
      {label}
      <span className="visually-hidden">{suffix}</span>
    </button>
  );
}
