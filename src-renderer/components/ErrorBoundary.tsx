// Catches a crash while rendering a screen and shows a readable message instead of a blank
// window. The technical details go to the console, not to the supervisor.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import './notices.css';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Where the crash happened, in the user's words: "this page". */
  area?: string;
}

interface ErrorBoundaryState {
  crashed: boolean;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { crashed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { crashed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Unpod Desk: a screen failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.crashed) return this.props.children;
    const area = this.props.area ?? 'this screen';
    return (
      <div role="alert" className="notice notice--error notice--crash">
        <div className="notice__body">
          <p className="notice__title">Something went wrong while showing {area}.</p>
          <p>
            Your data is safe. Try again; if this keeps happening, restart Unpod Desk and tell your
            administrator what you were doing.
          </p>
        </div>
        <div className="notice__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => this.setState({ crashed: false })}
          >
            Try again
          </button>
        </div>
      </div>
    );
  }
}
