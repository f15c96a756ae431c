// Pull consumers: a durable with explicit acks fetched in batches, num_pending and the ack floor as the consumer
// info reports them, redelivery after a nak and after a nak with a delay, termination, consume(), a fetch bounded by
// max_bytes, an empty fetch that ends when it expires, a filtered consumer from a start sequence, an ordered
// consumer and the legacy pullSubscribe. The server must have JetStream on and no streams.
import { AckPolicy, DeliverPolicy } from "nats";
import { all, rejectsWithApiError } from "../lib/js-helpers.mjs";
import { connectTo, text } from "../lib/nats-helpers.mjs";

const COUNT = 10;

/**
 * Naks and waits for the server's confirmation: nats-server handles acks apart from pull requests, so a plain nak
 * and the next fetch race; an ack with a reply subject is answered once it has been applied.
 */
async function nakAndWait(nc, m, delayMillis) {
    const body = delayMillis ? `-NAK ${JSON.stringify({ delay: delayMillis * 1_000_000 })}` : "-NAK";
    await nc.request(m.reply, text.encode(body), { timeout: 2_000 });
}

export default async function jsPull(url, checks) {
    const nc = await connectTo(url, { name: "js-pull" });
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream();
    await jsm.streams.add({ name: "JOBS", subjects: ["jobs.*"] });
    for (let i = 1; i <= COUNT; i++) {
        await js.publish(i % 2 ? "jobs.odd" : "jobs.even", text.encode(`job-${i}`));
    }

    const added = await jsm.consumers.add("JOBS", { durable_name: "worker", ack_policy: AckPolicy.Explicit });
    checks.equal([added.name, added.num_pending, added.num_ack_pending], ["worker", COUNT, 0],
        "add: a new durable has every message pending");
    const consumer = await js.consumers.get("JOBS", "worker");

    const firstBatch = await all(await consumer.fetch({ max_messages: 4, expires: 2_000 }));
    checks.equal(firstBatch.map((m) => [m.seq, m.subject, text.decode(m.data)]),
        [[1, "jobs.odd", "job-1"], [2, "jobs.even", "job-2"], [3, "jobs.odd", "job-3"], [4, "jobs.even", "job-4"]],
        "fetch 4: the first four messages in order");
    checks.equal(firstBatch.map((m) => m.info.pending), [9, 8, 7, 6], "fetch: each message carries num_pending");
    const unacked = await consumer.info();
    checks.equal([unacked.num_pending, unacked.num_ack_pending, unacked.ack_floor.stream_seq], [6, 4, 0],
        "info before the acks: 4 awaiting ack, ack floor 0");
    for (const m of firstBatch) {
        checks.ok(await m.ackAck(), `ackAck of seq ${m.seq} is confirmed`);
    }
    const acked = await consumer.info();
    checks.equal(
        [acked.num_pending, acked.num_ack_pending, acked.delivered.stream_seq, acked.ack_floor.stream_seq],
        [6, 0, 4, 4], "info after the acks: ack floor 4, 6 pending");

    const [naked] = await all(await consumer.fetch({ max_messages: 1, expires: 2_000 }));
    checks.equal([naked.seq, naked.redelivered], [5, false], "fetch 1: seq 5, first delivery");
    await nakAndWait(nc, naked);
    const [redelivered] = await all(await consumer.fetch({ max_messages: 1, expires: 2_000 }));
    checks.equal([redelivered.seq, redelivered.redelivered, redelivered.info.deliveryCount], [5, true, 2],
        "after a nak: seq 5 again, marked redelivered, delivery count 2");
    const afterNak = await consumer.info();
    checks.equal(afterNak.num_redelivered, 1, "info: one message redelivered");
    redelivered.term();

    const [delayed] = await all(await consumer.fetch({ max_messages: 1, expires: 2_000 }));
    await nakAndWait(nc, delayed, 1_500);
    const meanwhile = await all(await consumer.fetch({ max_messages: 10, expires: 1_000 }));
    checks.equal([delayed.seq, meanwhile.map((m) => m.seq)], [6, [7, 8, 9, 10]],
        "a nak with a 1.5 s delay: the later messages come first");
    meanwhile.forEach((m) => m.ack());
    const [later] = await all(await consumer.fetch({ max_messages: 1, expires: 3_000 }));
    checks.equal([later.seq, later.redelivered], [6, true], "after the delay: seq 6 again");
    later.ack();

    for (let i = COUNT + 1; i <= COUNT + 3; i++) {
        await js.publish("jobs.more", text.encode(`job-${i}`));
    }
    const rest = [];
    const messages = await consumer.consume({ max_messages: 2 });
    for await (const m of messages) {
        rest.push(m.seq);
        await m.ackAck();
        if (rest.length === 3) {
            break;
        }
    }
    checks.equal(rest, [11, 12, 13], "consume: new messages, in small pulls");
    const drained = await consumer.info();
    checks.equal([drained.num_pending, drained.num_ack_pending, drained.ack_floor.stream_seq], [0, 0, 13],
        "info: nothing pending, nothing unacked, ack floor 13");

    const started = Date.now();
    const empty = await all(await consumer.fetch({ max_messages: 5, expires: 1_000 }));
    checks.equal(empty.length, 0, "fetch on an empty consumer: no messages");
    checks.ok(Date.now() - started >= 900, "fetch on an empty consumer: ends when the request expires");

    for (let i = 0; i < 3; i++) {
        await js.publish("jobs.big", new Uint8Array(200).fill(65 + i));
    }
    const sized = await all(await consumer.fetch({ max_bytes: 600, expires: 1_000 }));
    const sizes = sized.map((m) => m.subject.length + m.reply.length + (m.headers ? m.headers.toString().length : 0)
        + m.data.length);
    checks.equal(sized.map((m) => m.seq), [14, 15],
        "fetch with max_bytes 600: the two 200-byte messages that fit, not the third");
    checks.ok(sizes.reduce((a, b) => a + b, 0) <= 600, `fetch with max_bytes: ${sizes.join(" + ")} bytes fit in 600`);
    sized.forEach((m) => m.ack());
    const [third] = await all(await consumer.fetch({ max_messages: 1, expires: 1_000 }));
    checks.equal(third.seq, 16, "the message that did not fit comes with the next pull");
    third.ack();

    await jsm.consumers.add("JOBS", {
        durable_name: "evens", ack_policy: AckPolicy.Explicit, filter_subject: "jobs.even",
        deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: 5,
    });
    const evens = await all(await (await js.consumers.get("JOBS", "evens")).fetch({ max_messages: 10, expires: 1_000 }));
    checks.equal(evens.map((m) => m.seq), [6, 8, 10], "filter_subject and start sequence: evens from seq 5");
    evens.forEach((m) => m.ack());

    const ordered = await js.consumers.get("JOBS", { filterSubjects: "jobs.odd" });
    const odds = await all(await ordered.fetch({ max_messages: 5, expires: 1_000 }));
    checks.equal(odds.map((m) => text.decode(m.data)), ["job-1", "job-3", "job-5", "job-7", "job-9"],
        "ordered consumer: every odd job");

    await jsm.consumers.add("JOBS", { durable_name: "legacy", ack_policy: AckPolicy.Explicit });
    const sub = await js.pullSubscribe("jobs.*", { mack: true, config: { durable_name: "legacy" } });
    sub.pull({ batch: 3, expires: 1_000 });
    const legacy = [];
    for await (const m of sub) {
        legacy.push(m.seq);
        m.ack();
        if (legacy.length === 3) {
            break;
        }
    }
    checks.equal(legacy, [1, 2, 3], "pullSubscribe: pull 3");

    const names = await all(jsm.consumers.list("JOBS"));
    checks.equal(names.flat().filter((c) => c.config.durable_name).map((c) => c.name).sort(),
        ["evens", "legacy", "worker"], "list: the durables");
    checks.equal(names.flat().length, 4, "list: and the ordered consumer, until it goes inactive");
    checks.ok(await jsm.consumers.delete("JOBS", "worker"), "delete: worker");
    await rejectsWithApiError(checks, jsm.consumers.info("JOBS", "worker"), 10014, "info: a deleted consumer is gone");
    await nc.close();
}
