import { useEffect, useState } from 'react';

interface Space {
  readonly used: number;
  readonly quota: number;
  /** True when the browser agreed not to clear this site's data under storage pressure. */
  readonly persisted: boolean | null;
}

function megabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return mb >= 100 ? `${Math.round(mb)} MB` : `${mb.toFixed(mb >= 10 ? 0 : 1)} MB`;
}

/**
 * Asks the browser to keep this site's data (so a full disk never evicts saved assessments) and
 * shows the space used and left. Says nothing where the browser has no StorageManager.
 */
export function StorageSpace() {
  const [space, setSpace] = useState<Space | null>(null);
  useEffect(() => {
    const manager = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (manager === undefined || typeof manager.estimate !== 'function') return;
    let live = true;
    const persisted =
      typeof manager.persist === 'function'
        ? manager.persist().catch(() => null)
        : Promise.resolve(null);
    void Promise.all([manager.estimate(), persisted]).then(([estimate, kept]) => {
      if (!live || estimate.quota === undefined) return;
      setSpace({ used: estimate.usage ?? 0, quota: estimate.quota, persisted: kept });
    });
    return () => {
      live = false;
    };
  }, []);
  if (space === null) return null;
  return (
    <p className="storage-space">
      Storage in this browser: {megabytes(space.used)} used, {megabytes(space.quota - space.used)}{' '}
      left
      {space.persisted === true
        ? '; kept even when the disk runs low.'
        : space.persisted === false
          ? '; the browser may clear it when the disk runs low, so download your assessments.'
          : '.'}
    </p>
  );
}
