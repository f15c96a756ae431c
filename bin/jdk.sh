# Sourced by ./junction, ./test and .ci/run: finds a JDK 21 or newer and exports JAVA_HOME to it.
# Looks at JAVA_HOME, the java on PATH, then the usual JVM folders; the machine's default java may be older.

junction_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

junction_find_jdk() {
    local candidates=() dir major
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
        /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$dir" ] && candidates+=("$dir")
    done
    for dir in "${candidates[@]}"; do
        if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ]; then
            major="$(junction_java_major "$dir")"
            if [ -n "$major" ] && [ "$major" -ge 21 ]; then
                echo "$dir"
                return 0
            fi
        fi
    done
    return 1
}

if ! JAVA_HOME="$(junction_find_jdk)"; then
    echo "junction: no JDK 21 or newer found; install one (for example Temurin 21) or set JAVA_HOME" >&2
    exit 1
fi
export JAVA_HOME
