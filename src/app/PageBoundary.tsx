import { Component, Fragment, type ReactNode } from 'react';

interface State {
  readonly error: unknown;
  /** Bumped by Try again, so the page is drawn afresh and asks for its code again. */
  readonly attempt: number;
}

/**
 * Holds a page that failed to draw, most often because its code or the catalogue's details did
 * not arrive (a first visit on a network that dropped). Without it React unmounts the whole app
 * and leaves a blank window; with it the header, the navigation and everything saved stay, and
 * the page can be asked for again. A failed load is forgotten by the page's loader
 * (src/app/routes.ts), so Try again fetches anew.
 */
export class PageBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (error === null) return <Fragment key={attempt}>{this.props.children}</Fragment>;
    const reason = error instanceof Error ? error.message : 'it stopped with an error';
    return (
      <div role="alert" className="callout error">
        <p>
          This page could not be shown: {reason}. Your saved assessments are not affected. Check the
          connection and try again.
        </p>
        <button
          type="button"
          onClick={() => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }))}
        >
          Try again
        </button>
      </div>
    );
  }
}
