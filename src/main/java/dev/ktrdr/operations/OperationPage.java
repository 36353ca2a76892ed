package dev.ktrdr.operations;

import java.util.List;

/** One page of a listing with the counts the API reports beside it. */
public record OperationPage(List<Operation> operations, int totalCount, int activeCount) {}
