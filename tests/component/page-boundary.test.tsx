import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PageBoundary } from '../../src/app/PageBoundary.tsx';

describe('a page that fails to draw', () => {
  it('says why, keeps what is around it, and draws the page again on Try again', async () => {
    // React reports a caught error on the console; the test reads the page instead.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let fail = true;
    function Page() {
      if (fail) throw new Error('Failed to fetch dynamically imported module');
      return <h1>Report</h1>;
    }
    render(
      <>
        <nav aria-label="Main">navigation</nav>
        <PageBoundary>
          <Page />
        </PageBoundary>
      </>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'This page could not be shown: Failed to fetch dynamically imported module.',
    );
    expect(alert).toHaveTextContent('Your saved assessments are not affected.');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Report' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    quiet.mockRestore();
  });
});
