// Drain: a drained subscription gets nothing more from the server; a queue group member drained while messages
// flow hands over to the other member without losing or doubling any; a drained publisher's messages all arrive
// before it closes; a drained subscriber connection closes cleanly.
import { collect, connectTo, settle, text, until } from "../lib/nats-helpers.mjs";

const BULK = 1_000;
const HANDOVER = 200;

export default async function drain(url, checks) {
    const subscriber = await connectTo(url, { name: "drain-subscriber" });
    const publisher = await connectTo(url, { name: "drain-publisher" });
    const drained = collect(subscriber, "d.sub");
    const bulk = collect(subscriber, "d.bulk");
    await subscriber.flush();

    for (let i = 0; i < 20; i++) {
        publisher.publish("d.sub", text.encode(String(i)));
    }
    await until(() => drained.messages.length === 20, "20 messages before the drain");
    await drained.sub.drain();
    for (let i = 0; i < 20; i++) {
        publisher.publish("d.sub", text.encode(String(20 + i)));
    }
    await settle(publisher, subscriber, "d.done");

    checks.ok(drained.sub.isClosed(), "the drained subscription is closed");
    checks.equal(drained.messages.length, 20, "it kept the 20 messages from before the drain");
    checks.equal(subscriber.stats().inMsgs, 20 + 1, "the server sent nothing for it after the drain (1 marker)");

    const handover = await connectTo(url, { name: "drain-queue-member" });
    const leaving = collect(handover, "d.queue", { queue: "q" });
    const staying = collect(subscriber, "d.queue", { queue: "q" });
    await handover.flush();
    await subscriber.flush();
    for (let i = 0; i < 2 * HANDOVER; i++) {
        publisher.publish("d.queue", text.encode(String(i)));
        if (i === HANDOVER) {
            await publisher.flush();
            await leaving.sub.drain();
        }
    }
    await settle(publisher, subscriber, "d.done.queue");
    const taken = [...leaving.messages, ...staying.messages].map((m) => Number(text.decode(m.data)));
    checks.equal(taken.sort((a, b) => a - b), Array.from({ length: 2 * HANDOVER }, (_, i) => i),
        `a queue member drained mid-stream: each of ${2 * HANDOVER} messages taken exactly once`);
    checks.ok(leaving.messages.length > 0 && leaving.messages.every((m) => Number(text.decode(m.data)) <= HANDOVER),
        `the drained member took ${leaving.messages.length} messages, none published after its drain`);
    await handover.close();

    const burst = await connectTo(url, { name: "drain-burst-publisher" });
    for (let i = 0; i < BULK; i++) {
        burst.publish("d.bulk", text.encode(String(i)));
    }
    await burst.drain();
    checks.ok(burst.isClosed(), "the publisher's drain resolved and closed it");
    await until(() => bulk.messages.length >= BULK, `${BULK} messages from the drained publisher`);
    checks.equal(bulk.messages.map((m) => text.decode(m.data)), Array.from({ length: BULK }, (_, i) => String(i)),
        "everything published before the drain arrived, in order");

    const closed = subscriber.closed();
    await subscriber.drain();
    checks.equal(await closed, undefined, "the drained subscriber closed without an error");
    checks.ok(bulk.sub.isClosed(), "its subscriptions are closed");
    await publisher.close();
}
