package dev.ktrdr.agent.inprocess;

import dev.ktrdr.workers.stub.FaultInjection;
import dev.ktrdr.workers.stub.StubTiming;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A design that takes the stub delay and names a strategy after the brief (2500/1800 tokens). */
public final class StubDesignAgent implements DesignAgent {
  public static final int INPUT_TOKENS = 2500;
  public static final int OUTPUT_TOKENS = 1800;

  private final StubTiming timing;

  public StubDesignAgent(StubTiming timing) {
    this.timing = timing;
  }

  @Override
  public InProcessWork design(String brief, String modelId) {
    return new PacedWork() {
      @Override
      public StubTiming timing() {
        return timing;
      }

      @Override
      public boolean holds() {
        return FaultInjection.holdsAt(brief, FaultInjection.Stage.DESIGN);
      }

      @Override
      public String step(int percent) {
        return "Drafting strategy (" + percent + "%)";
      }

      @Override
      public Map<String, Object> result() {
        if (FaultInjection.failsAt(brief, FaultInjection.Stage.DESIGN)) {
          throw new IllegalStateException(FaultInjection.message(FaultInjection.Stage.DESIGN));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("strategy_name", strategyName(brief));
        r.put("indicators", java.util.List.of("rsi", "macd", "atr"));
        r.put("input_tokens", INPUT_TOKENS);
        r.put("output_tokens", OUTPUT_TOKENS);
        r.put("model", modelId);
        return r;
      }
    };
  }

  static String strategyName(String brief) {
    String base =
        brief == null
            ? ""
            : brief
                .toLowerCase(Locale.ROOT)
                .replaceAll("inject_[a-z_]+(:[a-z]+)?", " ")
                .replaceAll("[^a-z0-9]+", " ")
                .trim();
    String[] words = base.isEmpty() ? new String[] {"strategy"} : base.split(" ");
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < Math.min(2, words.length); i++) {
      name.append(words[i], 0, Math.min(10, words[i].length())).append('_');
    }
    return name + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }
}
