// Drain: a drained subscription gets nothing more from the server; a drained publisher's messages all arrive
// before it closes; a drained subscriber connection closes cleanly.
import { collect, connectTo, settle, text, until } from "../lib/nats-helpers.mjs";

const BULK = 1_000;

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
