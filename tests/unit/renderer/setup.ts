// fake-indexeddb must be installed before Dexie is imported.
import 'fake-indexeddb/auto'
