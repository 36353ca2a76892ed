package dev.ktrdr.research.data;

class InMemoryDatasetStoreTest extends DatasetStoreContractTest {
  @Override
  DatasetStore store() {
    return new InMemoryDatasetStore();
  }
}
