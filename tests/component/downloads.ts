import { vi } from 'vitest';

/**
 * Captures what the page downloads: jsdom has no object URLs and does not follow a link's
 * download. Left in place after the test: the page revokes URLs on a timer, and each test file
 * runs in its own environment.
 */
export function captureDownloads(): { readonly blobs: Blob[]; readonly names: string[] } {
  const blobs: Blob[] = [];
  const names: string[] = [];
  URL.createObjectURL = (blob: Blob) => {
    blobs.push(blob);
    return 'blob:test';
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download);
  });
  return { blobs, names };
}
