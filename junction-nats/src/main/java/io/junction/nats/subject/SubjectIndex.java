package io.junction.nats.subject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The subscription index: a trie of subject tokens, with a {@code *} and a {@code >} branch at every level, in front
 * of which sits a cache of match results by literal subject.
 *
 * <h2>Concurrency</h2>
 * Matching takes the read lock only on a cache miss, and puts its result into the cache while still holding it;
 * inserts and removes take the write lock and drop every cached subject the changed interest matches. A result can
 * therefore never be cached after the change that made it stale.
 *
 * <h2>Cost</h2>
 * A match visits at most three branches per token, whatever the number of interests; the cache is bounded and, when
 * full, is cut back by a quarter in one sweep.
 */
public final class SubjectIndex<T extends Interest> {
    static final int CACHE_MAX = 1024;
    private static final int CACHE_SWEEP_TO = 768;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Level<T> root = new Level<>();
    private final Map<String, MatchResult<T>> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder matches = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private long inserts;
    private long removes;
    private int count;

    /** Adds the interest; false when its subject is not a valid subscription subject. */
    public boolean insert(T interest) {
        var tokens = validTokens(interest.subject());
        if (tokens == null) {
            return false;
        }

        lock.writeLock().lock();
        try {
            var level = root;
            Node<T> node = null;
            for (var token : tokens) {
                node = level.nodeFor(token);
                if (node.next == null) {
                    node.next = new Level<>();
                }
                level = node.next;
            }
            node.add(interest);
            count++;
            inserts++;
            afterChange(interest.subject());
        } finally {
            lock.writeLock().unlock();
        }
        return true;
    }

    /** Removes the interest; false when it was not present. */
    public boolean remove(T interest) {
        var tokens = validTokens(interest.subject());
        if (tokens == null) {
            return false;
        }

        lock.writeLock().lock();
        try {
            if (!remove(root, tokens, 0, interest)) {
                return false;
            }
            count--;
            removes++;
            afterChange(interest.subject());
        } finally {
            lock.writeLock().unlock();
        }
        return true;
    }

    /** Every interest a message published to this literal subject reaches. */
    public MatchResult<T> match(String subject) {
        matches.increment();
        var cached = cache.get(subject);
        if (cached != null) {
            cacheHits.increment();
            return cached;
        }

        lock.readLock().lock();
        try {
            var result = collect(subject);
            if (cache.size() >= CACHE_MAX) {
                sweepCache();
            }
            cache.put(subject, result);
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a message to this literal subject would reach any interest, without touching the cache. */
    public boolean hasInterest(String subject) {
        var cached = cache.get(subject);
        if (cached != null) {
            return !cached.isEmpty();
        }
        lock.readLock().lock();
        try {
            return !collect(subject).isEmpty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bumped by every insert and remove, so holders of their own result caches know when to drop them. */
    public long generation() {
        return generation.get();
    }

    public SubjectIndexStats stats() {
        lock.readLock().lock();
        try {
            var maxFanout = 0;
            var totalFanout = 0L;
            for (var result : cache.values()) {
                maxFanout = Math.max(maxFanout, result.fanout());
                totalFanout += result.fanout();
            }
            var cached = cache.size();
            var averageFanout = cached == 0 ? 0.0 : (double) totalFanout / cached;
            return new SubjectIndexStats(
                    count, cached, inserts, removes, matches.sum(), cacheHits.sum(), maxFanout, averageFanout);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int count() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void afterChange(String pattern) {
        generation.incrementAndGet();
        if (Subjects.isLiteral(pattern)) {
            cache.remove(pattern);
            return;
        }
        cache.keySet().removeIf(subject -> Subjects.matches(subject, pattern));
    }

    private void sweepCache() {
        var excess = cache.size() - CACHE_SWEEP_TO;
        var iterator = cache.keySet().iterator();
        while (excess-- > 0 && iterator.hasNext()) {
            iterator.next();
            iterator.remove();
        }
    }

    private MatchResult<T> collect(String subject) {
        var tokens = Subjects.tokenize(subject);
        if (hasEmptyToken(tokens)) {
            // nats-server matches nothing to a subject with an empty token, not even a '>' subscription.
            return MatchResult.empty();
        }
        var plain = new ArrayList<T>();
        var groups = new LinkedHashMap<String, List<T>>();
        collect(root, tokens, 0, plain, groups);
        if (plain.isEmpty() && groups.isEmpty()) {
            return MatchResult.empty();
        }
        var queueGroups = new ArrayList<List<T>>(groups.size());
        for (var members : groups.values()) {
            queueGroups.add(List.copyOf(members));
        }
        return new MatchResult<>(List.copyOf(plain), List.copyOf(queueGroups));
    }

    private static boolean hasEmptyToken(String[] tokens) {
        for (var token : tokens) {
            if (token.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Interest> void collect(
            Level<T> level, String[] tokens, int index, List<T> plain, Map<String, List<T>> groups) {
        if (level == null) {
            return;
        }
        if (level.fullWildcard != null) {
            level.fullWildcard.addTo(plain, groups);
        }
        var last = index == tokens.length - 1;
        if (level.singleWildcard != null) {
            visit(level.singleWildcard, tokens, index, last, plain, groups);
        }
        var literal = level.literals.get(tokens[index]);
        if (literal != null) {
            visit(literal, tokens, index, last, plain, groups);
        }
    }

    private static <T extends Interest> void visit(
            Node<T> node, String[] tokens, int index, boolean last, List<T> plain, Map<String, List<T>> groups) {
        if (last) {
            node.addTo(plain, groups);
        } else {
            collect(node.next, tokens, index + 1, plain, groups);
        }
    }

    private static <T extends Interest> boolean remove(Level<T> level, String[] tokens, int index, T interest) {
        if (level == null) {
            return false;
        }
        var token = tokens[index];
        var node = level.existingNode(token);
        if (node == null) {
            return false;
        }
        var removed =
                index == tokens.length - 1 ? node.remove(interest) : remove(node.next, tokens, index + 1, interest);
        if (removed && node.isEmpty()) {
            level.pruneNode(token);
        }
        return removed;
    }

    private static String[] validTokens(String subject) {
        return Subjects.isValidSubject(subject) ? Subjects.tokenize(subject) : null;
    }

    private static final class Level<T extends Interest> {
        final Map<String, Node<T>> literals = new HashMap<>();
        Node<T> singleWildcard;
        Node<T> fullWildcard;

        Node<T> nodeFor(String token) {
            return switch (token) {
                case Subjects.SINGLE_WILDCARD ->
                    singleWildcard == null ? singleWildcard = new Node<>() : singleWildcard;
                case Subjects.FULL_WILDCARD -> fullWildcard == null ? fullWildcard = new Node<>() : fullWildcard;
                default -> literals.computeIfAbsent(token, t -> new Node<>());
            };
        }

        Node<T> existingNode(String token) {
            return switch (token) {
                case Subjects.SINGLE_WILDCARD -> singleWildcard;
                case Subjects.FULL_WILDCARD -> fullWildcard;
                default -> literals.get(token);
            };
        }

        void pruneNode(String token) {
            switch (token) {
                case Subjects.SINGLE_WILDCARD -> singleWildcard = null;
                case Subjects.FULL_WILDCARD -> fullWildcard = null;
                default -> literals.remove(token);
            }
        }

        boolean isEmpty() {
            return literals.isEmpty() && singleWildcard == null && fullWildcard == null;
        }
    }

    private static final class Node<T extends Interest> {
        final List<T> plain = new ArrayList<>(1);
        final Map<String, List<T>> queues = new LinkedHashMap<>(1);
        Level<T> next;

        void add(T interest) {
            if (interest.queue() == null) {
                plain.add(interest);
            } else {
                queues.computeIfAbsent(interest.queue(), q -> new ArrayList<>()).add(interest);
            }
        }

        boolean remove(T interest) {
            if (interest.queue() == null) {
                return removeIdentical(plain, interest);
            }
            var members = queues.get(interest.queue());
            if (members == null || !removeIdentical(members, interest)) {
                return false;
            }
            if (members.isEmpty()) {
                queues.remove(interest.queue());
            }
            return true;
        }

        void addTo(List<T> plainOut, Map<String, List<T>> groupsOut) {
            plainOut.addAll(plain);
            for (var entry : queues.entrySet()) {
                groupsOut
                        .computeIfAbsent(entry.getKey(), q -> new ArrayList<>())
                        .addAll(entry.getValue());
            }
        }

        boolean isEmpty() {
            return plain.isEmpty() && queues.isEmpty() && (next == null || next.isEmpty());
        }

        private static <T> boolean removeIdentical(List<T> list, T item) {
            for (var i = 0; i < list.size(); i++) {
                if (list.get(i) == item) {
                    list.remove(i);
                    return true;
                }
            }
            return false;
        }
    }
}
