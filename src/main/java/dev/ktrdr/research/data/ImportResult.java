package dev.ktrdr.research.data;

/** A dataset read from a file, and what the import noticed on the way. */
public record ImportResult(Dataset dataset, ImportReport report) {}
