package dev.ktrdr.research.data;

class InMemoryDatasetStoreTest extends DatasetStoreContractTest {
  @Override
  protected DatasetStore store() {
    return new InMemoryDatasetStore();
  }
}
