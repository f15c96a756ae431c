package io.junction.jetstream.api;

/** An API subject pattern, the response type its errors carry, and its handler. */
public record ApiRoute(String subject, String responseType, ApiHandler handler) {}
