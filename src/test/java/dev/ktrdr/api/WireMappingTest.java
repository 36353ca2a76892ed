package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ktrdr.agent.reply.CancelRefused;
import dev.ktrdr.agent.reply.Cancelled;
import dev.ktrdr.agent.reply.TriggerRefused;
import dev.ktrdr.agent.reply.Triggered;
import dev.ktrdr.operations.OperationStatus;
import dev.ktrdr.wire.TriggerRequest;
import org.junit.jupiter.api.Test;

/** Service results become the SPEC §6 JSON exactly; the wire mapper reads strictly. */
class WireMappingTest {
  private static final ObjectMapper JSON = ApiJson.mapper();

  private static String json(WireMapping.Answer a) throws Exception {
    return a.status() + " " + JSON.writeValueAsString(a.body());
  }

  @Test
  void cancelRepliesHaveTheSpecShapeAndStatus() throws Exception {
    assertThat(json(WireMapping.cancel(new Cancelled("op_1", null))))
        .isEqualTo(
            "200 {\"success\":true,\"operation_id\":\"op_1\",\"child_cancelled\":null,"
                + "\"message\":\"Research cancelled\"}");
    assertThat(json(WireMapping.cancel(CancelRefused.notFound("op_x"))))
        .isEqualTo(
            "404 {\"success\":false,\"reason\":\"not_found\","
                + "\"message\":\"Operation not found: op_x\"}");
    assertThat(json(WireMapping.cancel(CancelRefused.notResearch("op_t"))))
        .startsWith("404 {\"success\":false,\"reason\":\"not_research\"");
    assertThat(json(WireMapping.cancel(CancelRefused.notCancellable(OperationStatus.COMPLETED))))
        .isEqualTo(
            "409 {\"success\":false,\"reason\":\"not_cancellable\","
                + "\"message\":\"Cannot cancel completed operation\"}");
  }

  @Test
  void triggerRepliesHaveTheSpecShapeAndStatus() throws Exception {
    assertThat(json(WireMapping.trigger(new Triggered("op_1", "claude-x"))))
        .isEqualTo(
            "202 {\"triggered\":true,\"operation_id\":\"op_1\",\"model\":\"claude-x\","
                + "\"message\":\"Research cycle started\"}");
    assertThat(json(WireMapping.trigger(TriggerRefused.atCapacity(5, 5))))
        .isEqualTo(
            "409 {\"triggered\":false,\"reason\":\"at_capacity\",\"active_count\":5,\"limit\":5,"
                + "\"message\":\"At capacity: 5 active researches, limit is 5\"}");
    assertThat(json(WireMapping.trigger(TriggerRefused.budgetExhausted("Spent"))))
        .isEqualTo(
            "409 {\"triggered\":false,\"reason\":\"budget_exhausted\",\"message\":\"Spent\"}");
  }

  @Test
  void readingIsStrictAboutTypesAndFields() throws Exception {
    assertThat(JSON.readValue("{\"force\": true}", TriggerRequest.class).forceOrFalse()).isTrue();
    assertThat(JSON.readValue("{\"force\": null}", TriggerRequest.class).forceOrFalse()).isFalse();
    for (String bad :
        new String[] {
          "{\"force\": \"yes\"}",
          "{\"force\": \"true\"}",
          "{\"force\": 1}",
          "{\"brief\": 42}",
          "{\"brief\": true}",
          "{\"brief\": [\"a\"]}"
        }) {
      assertThatThrownBy(() -> JSON.readValue(bad, TriggerRequest.class))
          .as(bad)
          .isInstanceOf(MismatchedInputException.class);
    }
    assertThatThrownBy(() -> JSON.readValue("{\"admin\": true}", TriggerRequest.class))
        .isInstanceOf(UnrecognizedPropertyException.class);
  }
}
