package dev.ktrdr.research.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {
  private final InMemoryDatasetStore store = new InMemoryDatasetStore();
  private final DatasetCatalog catalog = new DatasetCatalog(store);

  @Test
  void listsBundledThenImported() {
    catalog.importFile(CsvImporterTest.fixture("basic.csv"), "MSFT", "1d", null, false);
    assertThat(catalog.list())
        .extracting(DatasetSummary::id)
        .containsExactly("aapl-1d", "btcusd-5m", "btcusd-1h", "ethusd-5m", "msft-1d");
    assertThat(catalog.get("msft-1d").symbol()).isEqualTo("MSFT");
  }

  @Test
  void aBadFileStoresNothing() {
    assertThatThrownBy(
            () ->
                catalog.importFile(
                    CsvImporterTest.fixture("bad_number.csv"), "X", "1d", null, false))
        .isInstanceOf(CsvImportException.class);
    assertThat(store.list()).isEmpty();
  }

  @Test
  void bundledIdsAndBadIdsAreRefused() {
    assertThatThrownBy(
            () -> catalog.importCsv(new StringReader("x"), "x.csv", "AAPL", "1d", "aapl-1d", true))
        .hasMessageContaining("belongs to a bundled dataset");
    assertThatThrownBy(
            () -> catalog.importCsv(new StringReader("x"), "x.csv", "AAPL", "1d", "Bad Id", false))
        .hasMessageContaining("must be 1-64 lower-case letters");
    assertThatThrownBy(
            () -> catalog.importCsv(new StringReader("x"), "x.csv", " ", "1d", null, false))
        .hasMessageContaining("a symbol is required");
  }

  @Test
  void anUnknownIdListsTheKnownOnes() {
    assertThatThrownBy(() -> catalog.get("nope"))
        .isInstanceOf(UnknownDatasetException.class)
        .hasMessage("unknown dataset 'nope' (known: aapl-1d, btcusd-5m, btcusd-1h, ethusd-5m)");
  }
}
