package io.junction.jetstream.store;

class MemoryStoreBehaviourTest extends MessageStoreBehaviourTest {
    @Override
    MessageStore open(StoreLimits limits) {
        return new MemoryStore(limits);
    }

    @Override
    MessageStore reopen(MessageStore store, StoreLimits limits) {
        return store;
    }

    @Override
    long messageSize(String subject, byte[] headers, byte[] payload) {
        return StoreLimits.messageSize(subject, headers, payload);
    }
}
