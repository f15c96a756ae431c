// Assertions that print each passed check, so a failing run shows how far the scenario got.
import assert from "node:assert/strict";

export class Checks {
    count = 0;

    equal(actual, expected, what) {
        assert.deepStrictEqual(actual, expected, what);
        this.pass(what);
    }

    ok(value, what) {
        assert.ok(value, what);
        this.pass(what);
    }

    bytes(actual, expected, what) {
        const a = Buffer.from(actual);
        const e = Buffer.from(expected);
        if (!a.equals(e)) {
            let at = 0;
            while (at < Math.min(a.length, e.length) && a[at] === e[at]) {
                at++;
            }
            assert.fail(`${what}: ${a.length} bytes arrived, ${e.length} were sent, first difference at ${at}`);
        }
        this.pass(`${what} (${e.length} bytes)`);
    }

    /** Awaits a promise that must reject with a NatsError of the given code; returns the error. */
    async rejects(promise, code, what) {
        let err;
        try {
            await promise;
        } catch (e) {
            err = e;
        }
        assert.ok(err, `${what}: succeeded, expected the error ${code}`);
        assert.equal(err.code, code, `${what}: failed with ${err.code} (${err.message}), expected ${code}`);
        this.pass(`${what} (${err.message})`);
        return err;
    }

    pass(what) {
        this.count++;
        console.log(`ok ${this.count} - ${what}`);
    }
}
