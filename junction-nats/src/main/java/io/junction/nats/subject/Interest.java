package io.junction.nats.subject;

/** Something registered in a {@link SubjectIndex}: a subject, possibly with wildcards, and an optional queue group. */
public interface Interest {
    String subject();

    /** The queue group, or {@code null} for a plain subscription. */
    String queue();
}
