/**
 * Preloaded into azurite-table (`node -r azurite-durable.cjs …/table/main.js`) by startAzurite({ durable: true }).
 *
 * Stock Azurite keeps its on-disk tables in LokiJS and writes the file every 5 seconds (autosave): a write
 * it has acknowledged lives only in memory until then, so a crash (SIGKILL) loses up to 5 seconds of
 * acknowledged writes — tables included. Azure Table Storage acknowledges a write only once it is durable,
 * and that is the contract the function app relies on. This module gives the emulator that contract:
 *
 * - every write outside a batch, and every batch as a whole, is saved before the response is sent;
 * - saves never capture half of a batch (a save waits until no batch is being applied);
 * - writes that finish while a save is running share the next save (group commit);
 * - the file is written to `<name>~` and renamed (LokiJS's own fs adapter), so a crash mid-save leaves the
 *   previous complete file.
 *
 * It survives the emulator's process dying, not the machine losing power (there is no fsync).
 * Plain JavaScript: it runs inside the Azurite process, without a TypeScript loader.
 */
'use strict';

const storeModule = require('azurite/dist/src/table/persistence/LokiTableMetadataStore');

const Store = storeModule.default;
const proto = Store.prototype;

/** Writes that are complete in themselves when they are not part of a batch (batchId empty). */
const ENTITY_WRITES = {
  insertTableEntity: 4,
  insertOrUpdateTableEntity: 5,
  insertOrMergeTableEntity: 5,
  updateTableEntity: 5,
  mergeTableEntity: 5,
  deleteTableEntity: 6,
};
const TABLE_WRITES = ['createTable', 'deleteTable', 'setTableACL', 'setServiceProperties'];

/** Batches being applied (begun, not yet ended), by id. */
const activeBatches = new Set();
let saving = false;
/** Writers waiting for a save that starts after their write. */
let waiting = [];

function pump(store) {
  if (saving || activeBatches.size > 0 || waiting.length === 0 || store.inMemory) return;
  const batch = waiting;
  waiting = [];
  saving = true;
  // saveDatabaseInternal serialises synchronously, here, then writes the file asynchronously.
  store.db.saveDatabaseInternal((err) => {
    saving = false;
    for (const w of batch) {
      if (err) w.reject(err);
      else w.resolve();
    }
    pump(store);
  });
}

function persisted(store) {
  return new Promise((resolve, reject) => {
    waiting.push({ resolve, reject });
    pump(store);
  });
}

const originalInit = proto.init;
proto.init = async function init() {
  this.inMemory = this.db.persistenceMethod === 'memory';
  await originalInit.apply(this, arguments);
  // Saves happen at consistent points only (below), never on a timer in the middle of a batch.
  if (!this.inMemory) this.db.autosaveDisable();
};

for (const [name, batchIdIndex] of Object.entries(ENTITY_WRITES)) {
  const original = proto[name];
  proto[name] = async function durableWrite() {
    const result = await original.apply(this, arguments);
    const batchId = arguments[batchIdIndex];
    if (batchId === undefined || batchId === '') await persisted(this);
    return result;
  };
}

for (const name of TABLE_WRITES) {
  const original = proto[name];
  proto[name] = async function durableTableWrite() {
    const result = await original.apply(this, arguments);
    await persisted(this);
    return result;
  };
}

const beginBatch = proto.beginBatchTransaction;
proto.beginBatchTransaction = async function beginBatchTransaction(batchId) {
  activeBatches.add(batchId);
  try {
    return await beginBatch.apply(this, arguments);
  } catch (err) {
    activeBatches.delete(batchId);
    pump(this);
    throw err;
  }
};

// Called for every batch, also one refused before it began (then there is nothing new to save).
const endBatch = proto.endBatchTransaction;
proto.endBatchTransaction = async function endBatchTransaction(_account, _table, batchId) {
  const begun = activeBatches.has(batchId);
  try {
    await endBatch.apply(this, arguments);
  } finally {
    activeBatches.delete(batchId);
  }
  if (begun) await persisted(this);
  else pump(this);
};
