package dev.ktrdr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
  @Test
  void noVariablesMeansNoTokenAndLoopback() {
    ApiAccess a = Settings.defaults().apiAccess();
    assertThat(a.tokens().required()).isFalse();
    assertThat(a.bindHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void namedAndSharedTokensIdentifyTheirHolder() {
    ApiTokens t =
        ApiTokens.parse("s".repeat(20), "alice:" + "a".repeat(16) + ",worker-1:" + "w".repeat(30));
    assertThat(t.required()).isTrue();
    assertThat(t.identify("s".repeat(20))).contains(ApiTokens.Identity.shared());
    assertThat(t.identify("a".repeat(16)).orElseThrow().name()).isEqualTo("alice");
    assertThat(t.identify("w".repeat(30)).orElseThrow().name()).isEqualTo("worker-1");
    assertThat(t.identify("a".repeat(15))).isEmpty();
    assertThat(t.identify(null)).isEmpty();
    assertThat(t.toString()).doesNotContain("aaaa");
  }

  @Test
  void badValuesAreRefusedByNameWithoutShowingTheToken() {
    String secret = "short-secret";
    assertThatThrownBy(() -> Settings.from(Map.of("KTRDR_API_TOKEN", secret)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KTRDR_API_TOKEN")
        .hasMessageContaining("at least 16")
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> Settings.from(Map.of("KTRDR_API_TOKENS", "nocolon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("name:token");
    assertThatThrownBy(
            () ->
                Settings.from(
                    Map.of("KTRDR_API_TOKENS", "a:" + "x".repeat(16) + ",b:" + "x".repeat(16))))
        .hasMessageContaining("share one token");
    assertThatThrownBy(
            () ->
                Settings.from(
                    Map.of("KTRDR_API_TOKENS", "a:" + "x".repeat(16) + ",a:" + "y".repeat(16))))
        .hasMessageContaining("'a' twice");
    assertThatThrownBy(
            () -> Settings.from(Map.of("KTRDR_API_TOKENS", "bad name:" + "x".repeat(16))))
        .hasMessageContaining("may only have");
  }

  @Test
  void theHostComesFromTheEnvironment() {
    ApiAccess a =
        Settings.from(Map.of("KTRDR_HOST", "0.0.0.0", "KTRDR_API_TOKEN", "t".repeat(16)))
            .apiAccess();
    assertThat(a.bindHost()).isEqualTo("0.0.0.0");
    a.requireTokenIfExposed(); // has one: fine
    assertThatThrownBy(
            () ->
                Settings.from(Map.of("KTRDR_HOST", "0.0.0.0")).apiAccess().requireTokenIfExposed())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Refusing to listen on 0.0.0.0 without a token");
  }
}
