// Helpers the JetStream scenarios share: reading the JetStream error a call failed with.
import assert from "node:assert/strict";

/** Awaits a promise that must fail with a JetStream API error of the given err_code; returns the error. */
export async function rejectsWithApiError(checks, promise, errCode, what) {
    let err;
    try {
        await promise;
    } catch (e) {
        err = e;
    }
    assert.ok(err, `${what}: succeeded, expected the JetStream error ${errCode}`);
    const apiError = err.api_error;
    assert.ok(apiError, `${what}: failed with ${err.code} (${err.message}), not with a JetStream API error`);
    assert.equal(apiError.err_code, errCode,
        `${what}: failed with err_code ${apiError.err_code} (${apiError.description}), expected ${errCode}`);
    checks.pass(`${what} (${apiError.err_code} ${apiError.description})`);
    return err;
}

/** Drains an async iterable into an array. */
export async function all(iterable) {
    const items = [];
    for await (const item of iterable) {
        items.push(item);
    }
    return items;
}
