package io.junction.nats.auth;

import java.util.List;

/**
 * Allow and deny lists of subjects, wildcards allowed. An empty allow list allows everything not denied; a
 * subscribe entry may be {@code "subject queue"} to allow only that queue group.
 */
public record SubjectPermission(List<String> allow, List<String> deny) {
    public static final SubjectPermission ANY = new SubjectPermission(List.of(), List.of());

    public SubjectPermission {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    public boolean isUnrestricted() {
        return allow.isEmpty() && deny.isEmpty();
    }
}
