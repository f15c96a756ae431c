/** Side-by-side benchmarks: the same client load against Junction and against the reference server. */
package io.junction.bench;
