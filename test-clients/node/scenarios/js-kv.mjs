// Key-value buckets through js.views.kv: put, get (latest and by revision), create and update with their
// conflicts, delete and purge, keys, history, status, a watch that yields the initial values and then the updates,
// a ttl that expires values, and destroying a bucket. The server must have JetStream on and no streams.
import { KvWatchInclude } from "nats";
import { all, rejectsWithApiError } from "../lib/js-helpers.mjs";
import { connectTo, text, until } from "../lib/nats-helpers.mjs";

export default async function jsKv(url, checks) {
    const nc = await connectTo(url, { name: "js-kv" });
    const js = nc.jetstream();
    const kv = await js.views.kv("settings", { history: 5 });
    const status = await kv.status();
    checks.equal([status.bucket, status.history, status.values, status.streamInfo.config.name],
        ["settings", 5, 0, "KV_settings"], "a new bucket: KV_settings, history 5, empty");
    const config = status.streamInfo.config;
    checks.equal(
        [config.subjects, config.max_msgs_per_subject, config.allow_rollup_hdrs, config.allow_direct, config.discard],
        [["$KV.settings.>"], 5, true, true, "new"], "the bucket's stream: one subject tree, rollups, direct get");

    const r1 = await kv.put("app.color", text.encode("red"));
    const r2 = await kv.put("app.color", text.encode("green"));
    const r3 = await kv.put("app.size", text.encode("10"));
    checks.equal([r1, r2, r3], [1, 2, 3], "put: revisions 1, 2, 3");
    const color = await kv.get("app.color");
    checks.equal([color.key, color.revision, color.operation, color.string()], ["app.color", 2, "PUT", "green"],
        "get: the latest value");
    checks.equal((await kv.get("app.color", { revision: 1 })).string(), "red", "get by revision: the older value");
    checks.equal(await kv.get("app.missing"), null, "get: a missing key is null");

    const created = await kv.create("app.mode", text.encode("dark"));
    checks.equal(created, 4, "create: a new key");
    await rejectsWithApiError(checks, kv.create("app.mode", text.encode("light")), 10071,
        "create: an existing key is refused");
    const updated = await kv.update("app.mode", text.encode("light"), created);
    checks.equal(updated, 5, "update: with the current revision");
    await rejectsWithApiError(checks, kv.update("app.mode", text.encode("dim"), created), 10071,
        "update: with a stale revision is refused");

    await kv.delete("app.size");
    checks.equal(await kv.get("app.size").then((e) => e && e.operation), "DEL", "delete: the key reads as deleted");
    const recreated = await kv.create("app.size", text.encode("12"));
    checks.equal((await kv.get("app.size")).revision, recreated, "create: allowed again after a delete");
    await kv.purge("app.color");
    const purged = await kv.get("app.color");
    checks.equal(purged && purged.operation, "PURGE", "purge: the key reads as purged");
    const colorHistory = await all(await kv.history({ key: "app.color" }));
    checks.equal(colorHistory.map((e) => e.operation), ["PURGE"], "purge: only the purge marker is left");

    const keys = await all(await kv.keys());
    checks.equal(keys.sort(), ["app.mode", "app.size"], "keys: the live keys only");
    const filteredKeys = await all(await kv.keys("*.size"));
    checks.equal(filteredKeys, ["app.size"], "keys with a wildcard filter");
    const modeHistory = await all(await kv.history({ key: "app.mode" }));
    checks.equal(modeHistory.map((e) => [e.revision, e.string()]), [[4, "dark"], [5, "light"]],
        "history: every revision of a key");
    const sizeHistory = await all(await kv.history({ key: "app.size" }));
    checks.equal(sizeHistory.map((e) => e.operation), ["PUT", "DEL", "PUT"], "history: puts and the delete marker");

    const seen = [];
    let initialized = false;
    const watch = await kv.watch({
        initializedFn: () => {
            initialized = true;
            seen.push("initialized");
        },
    });
    const watching = (async () => {
        for await (const e of watch) {
            seen.push(`${e.operation} ${e.key}=${e.string()}`);
        }
    })();
    await until(() => initialized, "the watch to deliver the initial values");
    await kv.put("app.mode", text.encode("auto"));
    await kv.delete("app.mode");
    await kv.put("app.new", text.encode("1"));
    await until(() => seen.length === 7, "three updates on the watch");
    watch.stop();
    await watching;
    checks.equal(seen, [
        "PUT app.mode=light", "PUT app.size=12", "PURGE app.color=", "initialized",
        "PUT app.mode=auto", "DEL app.mode=", "PUT app.new=1",
    ], "watch: the last value of each key in stream order, then the updates as they happen");

    const updatesOnly = [];
    const updates = await kv.watch({ key: "app.new", include: KvWatchInclude.UpdatesOnly });
    const watchingUpdates = (async () => {
        for await (const e of updates) {
            updatesOnly.push(`${e.revision} ${e.string()}`);
        }
    })();
    await nc.flush();
    const r = await kv.put("app.new", text.encode("2"));
    await until(() => updatesOnly.length === 1, "one update on the updates-only watch");
    updates.stop();
    await watchingUpdates;
    checks.equal(updatesOnly, [`${r} 2`], "an updates-only watch on one key: no initial value, then the update");

    const after = await kv.status();
    checks.equal([after.values, after.streamInfo.state.last_seq], [10, 12],
        "status: 12 revisions, less the two the purge removed");
    const short = await js.views.kv("short", { ttl: 1_000 });
    await short.put("k", text.encode("v"));
    checks.equal((await short.get("k")).string(), "v", "a bucket with a 1 s ttl: the value is there at first");
    const putAt = Date.now();
    while ((await short.get("k")) !== null) {
        if (Date.now() - putAt > 5_000) {
            throw new Error("the value of a bucket with a 1 s ttl was still there after 5 s");
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    checks.ok(Date.now() - putAt >= 900, `ttl: the value expires after its ttl (${Date.now() - putAt} ms)`);
    checks.equal((await short.status()).values, 0, "ttl: nothing is left in the bucket");

    checks.ok(await kv.destroy(), "destroy: the bucket goes");
    const jsm = await nc.jetstreamManager();
    await rejectsWithApiError(checks, jsm.streams.info("KV_settings"), 10059, "destroy: its stream is gone");
    await nc.close();
}
