package io.junction.nats.auth;

/**
 * What a user may publish and subscribe to. {@code responses} is null unless {@code allow_responses} was set.
 */
public record Permissions(SubjectPermission publish, SubjectPermission subscribe, ResponsePermission responses) {
    public static final Permissions ALL = new Permissions(SubjectPermission.ANY, SubjectPermission.ANY, null);

    public boolean isUnrestricted() {
        return publish.isUnrestricted() && subscribe.isUnrestricted() && responses == null;
    }
}
