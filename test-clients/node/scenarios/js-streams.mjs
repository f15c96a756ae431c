// Streams through the JetStream manager and client: add, info, list, names, update (also with the config info
// returned), delete; publish acks with msgID dedupe and the expected last sequence, subject sequence, msgID and
// stream checks; get, delete and purge of messages; the bytes file and memory streams count. The server must have
// JetStream on and no streams.
import { ErrorCode, RetentionPolicy, StorageType } from "nats";
import { all, rejectsWithApiError } from "../lib/js-helpers.mjs";
import { connectTo, text } from "../lib/nats-helpers.mjs";

export default async function jsStreams(url, checks) {
    const nc = await connectTo(url, { name: "js-streams" });
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream();

    const account = await jsm.getAccountInfo();
    checks.equal(account.streams, 0, "account info: no streams yet");

    const created = await jsm.streams.add({ name: "ORDERS", subjects: ["orders.>"], storage: StorageType.File });
    checks.equal([created.config.name, created.config.subjects, created.config.retention],
        ["ORDERS", ["orders.>"], RetentionPolicy.Limits], "add: the stream comes back with its config");
    checks.equal(created.state.messages, 0, "add: a new stream is empty");
    await jsm.streams.add({ name: "AUDIT", subjects: ["audit.*"], storage: StorageType.Memory, max_msgs: 3 });
    await rejectsWithApiError(checks, jsm.streams.add({ name: "OTHER", subjects: ["orders.new"] }), 10065,
        "add: subjects that overlap another stream are refused");

    const first = await js.publish("orders.new", text.encode("one"), { msgID: "order-1" });
    checks.equal([first.stream, first.seq, first.duplicate], ["ORDERS", 1, false], "publish: acked as seq 1");
    const again = await js.publish("orders.new", text.encode("one again"), { msgID: "order-1" });
    checks.equal([again.stream, again.seq, again.duplicate], ["ORDERS", 1, true],
        "publish: the same msgID is a duplicate of seq 1");
    const second = await js.publish("orders.paid", text.encode("two"), { expect: { lastSequence: 1 } });
    checks.equal(second.seq, 2, "publish: expected last sequence 1 holds, acked as seq 2");
    await rejectsWithApiError(checks, js.publish("orders.paid", text.encode("x"), { expect: { lastSequence: 1 } }),
        10071, "publish: a wrong expected last sequence is refused");
    await rejectsWithApiError(checks,
        js.publish("orders.paid", text.encode("x"), { expect: { lastSubjectSequence: 1 } }),
        10071, "publish: a wrong expected last subject sequence is refused");
    const third = await js.publish("orders.paid", text.encode("three"), { expect: { lastSubjectSequence: 2 } });
    checks.equal(third.seq, 3, "publish: the right expected last subject sequence holds");
    await rejectsWithApiError(checks,
        js.publish("orders.new", text.encode("x"), { expect: { streamName: "AUDIT" } }),
        10060, "publish: a wrong expected stream is refused");
    await rejectsWithApiError(checks,
        js.publish("orders.new", text.encode("x"), { expect: { lastMsgID: "order-1" } }),
        10070, "publish: expected last msgID order-1 is refused once a message without a msgID came after it");
    const withId = await js.publish("orders.new", text.encode("four"), { msgID: "order-4" });
    const afterId = await js.publish("orders.new", text.encode("five"), { expect: { lastMsgID: "order-4" } });
    checks.equal([withId.seq, afterId.seq], [4, 5], "publish: the right expected last msgID holds");
    const noStream = await checks.rejects(js.publish("nowhere.at.all", text.encode("x")), ErrorCode.NoResponders,
        "publish: a subject no stream captures gets no responders");
    checks.ok(noStream, "publish: no stream, no ack");

    const info = await jsm.streams.info("ORDERS");
    checks.equal([info.state.messages, info.state.first_seq, info.state.last_seq], [5, 1, 5],
        "info: 5 messages, seq 1 to 5");
    const names = await all(jsm.streams.names());
    checks.equal(names.flat().sort(), ["AUDIT", "ORDERS"], "names: both streams");
    const listed = await all(jsm.streams.list());
    checks.equal(listed.flat().map((s) => [s.config.name, s.state.messages]).sort(), [["AUDIT", 0], ["ORDERS", 5]],
        "list: both streams with their state");
    const bySubject = await all(jsm.streams.names("audit.x"));
    checks.equal(bySubject.flat(), ["AUDIT"], "names filtered by subject: only the stream that captures it");
    checks.equal(await jsm.streams.find("orders.paid"), "ORDERS", "find: the stream that captures a subject");

    const stored = await jsm.streams.getMessage("ORDERS", { seq: 2 });
    checks.equal([stored.subject, stored.seq, text.decode(stored.data)], ["orders.paid", 2, "two"],
        "getMessage: by sequence");
    const last = await jsm.streams.getMessage("ORDERS", { last_by_subj: "orders.paid" });
    checks.equal([last.seq, text.decode(last.data)], [3, "three"], "getMessage: last by subject");
    checks.equal(stored.header.get("Nats-Msg-Id"), "", "getMessage: no headers where none were sent");
    const firstStored = await jsm.streams.getMessage("ORDERS", { seq: 1 });
    checks.equal(firstStored.header.get("Nats-Msg-Id"), "order-1", "getMessage: the msgID header is stored");
    await rejectsWithApiError(checks, jsm.streams.getMessage("ORDERS", { seq: 99 }), 10037,
        "getMessage: a missing sequence is not found");
    checks.ok(await jsm.streams.deleteMessage("ORDERS", 2), "deleteMessage: seq 2");
    const afterDelete = await jsm.streams.info("ORDERS");
    checks.equal([afterDelete.state.messages, afterDelete.state.num_deleted], [4, 1],
        "info: 4 messages left, 1 deleted");

    const current = await jsm.streams.info("ORDERS");
    current.config.description = "orders, described";
    const roundTrip = await jsm.streams.update("ORDERS", current.config);
    checks.equal(roundTrip.config.description, "orders, described",
        "update with the config that info returned: a 2.9 client sends back what the server sent");
    const updated = await jsm.streams.update("AUDIT", { subjects: ["audit.*", "audit.more.>"], max_msgs: 5 });
    checks.equal([updated.config.subjects, updated.config.max_msgs], [["audit.*", "audit.more.>"], 5],
        "update: new subjects and limits");
    for (let i = 0; i < 7; i++) {
        await js.publish(i % 2 ? "audit.more.x" : "audit.y", text.encode(String(i)));
    }
    const audit = await jsm.streams.info("AUDIT");
    checks.equal([audit.state.messages, audit.state.first_seq, audit.state.last_seq], [5, 3, 7],
        "max_msgs 5: the oldest go first");
    const purged = await jsm.streams.purge("AUDIT", { filter: "audit.y" });
    checks.equal([purged.success, purged.purged], [true, 3], "purge with a filter: only that subject");
    const purgedAll = await jsm.streams.purge("AUDIT");
    checks.equal(purgedAll.purged, 2, "purge: the rest");
    const purgedInfo = await jsm.streams.info("AUDIT");
    checks.equal([purgedInfo.state.messages, purgedInfo.state.first_seq, purgedInfo.state.last_seq], [0, 8, 7],
        "after purge: empty, first_seq past last_seq");

    // nats-server counts subject + headers + payload, plus 16 in memory, 30 in a file and 4 more with headers there
    for (const [storage, bytes] of [[StorageType.File, 128], [StorageType.Memory, 100]]) {
        await jsm.streams.add({ name: `SIZES_${storage}`, subjects: [`sizes.${storage}.*`], storage });
        await js.publish(`sizes.${storage}.a`, text.encode("12345"));
        await js.publish(`sizes.${storage}.b`, text.encode("12345"), { msgID: "m-1" });
        checks.equal((await jsm.streams.info(`SIZES_${storage}`)).state.bytes, bytes,
            `info: ${storage} storage counts the bytes nats-server counts`);
        await jsm.streams.delete(`SIZES_${storage}`);
    }

    checks.ok(await jsm.streams.delete("AUDIT"), "delete: AUDIT");
    await rejectsWithApiError(checks, jsm.streams.info("AUDIT"), 10059, "info: a deleted stream is not found");
    checks.equal((await jsm.getAccountInfo()).streams, 1, "account info: one stream left");
    await nc.close();
}
