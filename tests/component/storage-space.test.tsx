import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageSpace } from '../../src/components/StorageSpace.tsx';

// jsdom has no StorageManager: each test gives the page one that answers as a browser would.
function withStorageManager(manager: Partial<StorageManager> | undefined): void {
  Object.defineProperty(navigator, 'storage', { value: manager, configurable: true });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'storage');
});

describe('the storage space shown in the footer', () => {
  it('asks to keep the data and shows what is used and left', async () => {
    const asked: string[] = [];
    withStorageManager({
      estimate: () => Promise.resolve({ usage: 2_400_000, quota: 300_000_000 }),
      persist: () => {
        asked.push('persist');
        return Promise.resolve(true);
      },
    });
    render(<StorageSpace />);
    expect(
      await screen.findByText(
        'Storage in this browser: 2.4 MB used, 298 MB left; kept even when the disk runs low.',
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual(['persist']);
  });

  it('warns when the browser may clear the data, and works without persist()', async () => {
    withStorageManager({
      estimate: () => Promise.resolve({ usage: 12_000_000, quota: 50_000_000 }),
      persist: () => Promise.resolve(false),
    });
    const { unmount } = render(<StorageSpace />);
    expect(
      await screen.findByText(/12 MB used, 38 MB left; the browser may clear it/),
    ).toBeVisible();
    unmount();
    withStorageManager({ estimate: () => Promise.resolve({ usage: 0, quota: 1_000_000 }) });
    render(<StorageSpace />);
    expect(
      await screen.findByText('Storage in this browser: 0.0 MB used, 1.0 MB left.'),
    ).toBeVisible();
  });

  it('says nothing where the browser has no StorageManager', async () => {
    withStorageManager(undefined);
    const { container } = render(<StorageSpace />);
    await Promise.resolve();
    expect(container).toBeEmptyDOMElement();
  });
});
