package dev.ktrdr.wire;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The reply to {@code POST /workers}: who the worker is now and how often it must poll. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"worker_id", "slots", "lease_seconds", "poll_seconds", "reclaimed", "stop"})
public record WorkerRegistered(
    String workerId,
    @JsonPropertyDescription("Its slots as they appear among the workers, one per unit of capacity")
        List<String> slots,
    @JsonPropertyDescription("Unheard for this long, the worker is lost and its jobs fail")
        double leaseSeconds,
    @JsonPropertyDescription("The longest a poll waits for news before answering empty")
        double pollSeconds,
    @JsonPropertyDescription("Reported jobs it keeps running (their results are still wanted)")
        List<String> reclaimed,
    @JsonPropertyDescription("Reported jobs it must stop: their research ended or was taken over")
        List<String> stop) {}
