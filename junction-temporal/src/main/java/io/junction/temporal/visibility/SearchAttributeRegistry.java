package io.junction.temporal.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The search attributes of one namespace: Temporal's system and predefined attributes plus the custom attributes
 * added through OperatorService.
 *
 * <p>Thread-safe. Readers see an immutable snapshot; {@link #add} and {@link #remove} replace it atomically, so a
 * query parsed concurrently with an add sees the attributes either before or after it, never half of it.
 *
 * <p>Persistence is the caller's: save {@link #custom()} after a change and rebuild with {@link #of(Map)}.
 */
public final class SearchAttributeRegistry {
    /**
     * How many custom attributes of each type a namespace may hold, as Temporal's SQL visibility store
     * pre-allocates them.
     */
    public static final Map<IndexedValueType, Integer> DEFAULT_LIMITS = defaultLimits();

    private final Map<IndexedValueType, Integer> limits;
    private volatile Map<String, IndexedValueType> custom;

    private SearchAttributeRegistry(Map<String, IndexedValueType> custom, Map<IndexedValueType, Integer> limits) {
        this.custom = Map.copyOf(custom);
        this.limits = Map.copyOf(limits);
    }

    /** A namespace with no custom attributes and Temporal's default per-type limits. */
    public static SearchAttributeRegistry empty() {
        return new SearchAttributeRegistry(Map.of(), DEFAULT_LIMITS);
    }

    /**
     * A namespace with the {@code Custom*Field} attributes Temporal's docker setup adds to {@code default}:
     * CustomKeywordField, CustomStringField and CustomTextField (Text), CustomIntField, CustomDatetimeField,
     * CustomDoubleField and CustomBoolField.
     */
    public static SearchAttributeRegistry withDevServerDefaults() {
        return new SearchAttributeRegistry(SearchAttributeNames.DEV_SERVER_CUSTOM, DEFAULT_LIMITS);
    }

    /** Restores a namespace from a saved {@link #custom()} snapshot, trusting it without the add-time checks. */
    public static SearchAttributeRegistry of(Map<String, IndexedValueType> custom) {
        return new SearchAttributeRegistry(custom, DEFAULT_LIMITS);
    }

    /** The same custom attributes with other per-type limits; a type missing from the map has no limit. */
    public SearchAttributeRegistry withLimits(Map<IndexedValueType, Integer> limits) {
        return new SearchAttributeRegistry(custom, limits);
    }

    /** Temporal's system attributes: the visibility record's own columns, which users cannot set. */
    public static Map<String, IndexedValueType> system() {
        return SearchAttributeNames.SYSTEM;
    }

    /** Temporal's predefined attributes, carried in the search attribute map but owned by the server. */
    public static Map<String, IndexedValueType> predefined() {
        return SearchAttributeNames.PREDEFINED;
    }

    /** The custom attributes of this namespace: an immutable snapshot, also the form to persist. */
    public Map<String, IndexedValueType> custom() {
        return custom;
    }

    /** The type of a system, predefined or custom attribute; names are case-sensitive. */
    public Optional<IndexedValueType> type(String name) {
        var type = SearchAttributeNames.SYSTEM.get(name);
        if (type == null) {
            type = SearchAttributeNames.PREDEFINED.get(name);
        }
        if (type == null) {
            type = custom.get(name);
        }
        return Optional.ofNullable(type);
    }

    /** Whether the name is a system attribute, which only the server sets. */
    public static boolean isSystem(String name) {
        return SearchAttributeNames.SYSTEM.containsKey(name);
    }

    /**
     * Adds custom attributes as OperatorService.AddSearchAttributes does. The whole request is checked before
     * anything changes; a name that already exists is skipped, whatever its type, as Temporal does.
     *
     * @return the names actually added
     * @throws InvalidSearchAttributeException for an empty request, a reserved name (system, predefined, or starting
     *     with {@code Temporal}), an unspecified type, or a type whose limit would be passed
     */
    public synchronized Set<String> add(Map<String, IndexedValueType> attributes) {
        if (attributes.isEmpty()) {
            throw new InvalidSearchAttributeException("SearchAttributes are not set on request.");
        }
        attributes.forEach(SearchAttributeRegistry::checkAddable);

        var next = new HashMap<>(custom);
        var added = new LinkedHashSet<String>();
        for (var attribute : attributes.entrySet()) {
            if (next.putIfAbsent(attribute.getKey(), attribute.getValue()) == null) {
                added.add(attribute.getKey());
            }
        }
        for (var type : attributes.values()) {
            checkLimit(next, type);
        }
        custom = Map.copyOf(next);

        return added;
    }

    /**
     * Removes custom attributes as OperatorService.RemoveSearchAttributes does on SQL visibility: unknown names are
     * ignored.
     *
     * @return the names actually removed
     * @throws InvalidSearchAttributeException for a system or predefined name
     */
    public synchronized Set<String> remove(Collection<String> names) {
        for (var name : names) {
            if (SearchAttributeNames.SYSTEM.containsKey(name) || SearchAttributeNames.PREDEFINED.containsKey(name)) {
                throw new InvalidSearchAttributeException(
                        "Unable to remove non-custom search attributes: " + name + ".");
            }
        }

        var next = new HashMap<>(custom);
        var removed = new LinkedHashSet<String>();
        for (var name : names) {
            if (next.remove(name) != null) {
                removed.add(name);
            }
        }
        custom = Map.copyOf(next);

        return removed;
    }

    private static void checkAddable(String name, IndexedValueType type) {
        if (name.isEmpty()) {
            throw new InvalidSearchAttributeException("Search attribute name is empty.");
        }
        if (SearchAttributeNames.isReserved(name)) {
            throw new InvalidSearchAttributeException("Search attribute " + name + " is reserved by system.");
        }
        if (type == IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED || type == IndexedValueType.UNRECOGNIZED) {
            throw new InvalidSearchAttributeException(
                    "Unknown search attribute type: " + TemporalNames.typeName(type) + ".");
        }
    }

    private void checkLimit(Map<String, IndexedValueType> attributes, IndexedValueType type) {
        var limit = limits.get(type);
        if (limit == null) {
            return;
        }
        var count = attributes.values().stream().filter(type::equals).count();
        if (count > limit) {
            throw new InvalidSearchAttributeException("Unable to create search attributes: cannot have more than "
                    + limit + " search attribute of type " + TemporalNames.typeName(type) + ".");
        }
    }

    private static Map<IndexedValueType, Integer> defaultLimits() {
        var limits = new EnumMap<IndexedValueType, Integer>(IndexedValueType.class);
        limits.put(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, 10);
        for (var type : new IndexedValueType[] {
            IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
            IndexedValueType.INDEXED_VALUE_TYPE_INT,
            IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
            IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
            IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
            IndexedValueType.INDEXED_VALUE_TYPE_TEXT
        }) {
            limits.put(type, 3);
        }
        return Map.copyOf(limits);
    }
}
