export { stored, storedEntries, storedNote, storeProvenance, storedResultFile, storeFingerprint, STORE_DIR, type StoredEntry, type StoreMeasure, type StoreProvenance, type StoreSettings } from './store';
export { STORABLE, type StorableName, type StorableOptions, type StorableResult } from './registry';
export { toStoredForm, fromStoredForm } from './codec';
export { moduleGraph } from './sources';
