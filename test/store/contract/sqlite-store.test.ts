// The storage contract against the SQLite adapter (a file per store, removed after each test).
import { join } from 'node:path';
import { openTestStore, tempDir } from '../../helpers/temp-store.js';
import { defineStoreContract } from './store-contract.js';

defineStoreContract('sqlite', {
  create: async ({ timezone }) => openTestStore(join(tempDir(), 'contract.sqlite'), { timezone }),
  reopen: async (store, { timezone }) => openTestStore(store.location, { timezone }),
});
