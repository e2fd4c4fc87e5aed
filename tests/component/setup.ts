import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { useAppStore } from '../../src/store/app-store.ts';
import { usePersistenceStatus } from '../../src/store/persistence-status.ts';

beforeEach(() => {
  window.localStorage.clear();
  window.location.hash = '';
  useAppStore.setState(useAppStore.getInitialState(), true);
  usePersistenceStatus.setState({ loadFailure: null, writeError: null, writesSuspended: false });
});

afterEach(() => {
  cleanup();
});
