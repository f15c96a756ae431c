// Auto-unsubscribe: the server stops delivering after max messages, whether the limit comes with the
// subscription or after some messages were already delivered. The client also drops messages past the limit,
// so the checks count what the connection received (inMsgs), not only what the subscriptions saw.
import { collect, connectTo, settle, text } from "../lib/nats-helpers.mjs";

export default async function autoUnsubscribe(url, checks) {
    const receiver = await connectTo(url, { name: "auto-unsubscribe-receiver" });
    const publisher = await connectTo(url, { name: "auto-unsubscribe-publisher" });
    const withMax = collect(receiver, "au.max", { max: 3 });
    const limitedLater = collect(receiver, "au.unsubscribe");
    limitedLater.sub.unsubscribe(5);
    const limitedMidway = collect(receiver, "au.midway");
    await receiver.flush();

    publisher.publish("au.midway", text.encode("0"));
    publisher.publish("au.midway", text.encode("1"));
    await settle(publisher, receiver, "au.done.1");
    limitedMidway.sub.unsubscribe(4);
    await receiver.flush();
    for (let i = 0; i < 10; i++) {
        publisher.publish("au.max", text.encode(String(i)));
        publisher.publish("au.unsubscribe", text.encode(String(i)));
        publisher.publish("au.midway", text.encode(String(i + 2)));
    }
    await settle(publisher, receiver, "au.done.2");

    checks.equal(withMax.messages.map((m) => text.decode(m.data)), ["0", "1", "2"], "subscribe with max 3: first 3");
    checks.equal(limitedLater.messages.length, 5, "unsubscribe(5) right after subscribing: 5 messages");
    checks.equal(limitedMidway.messages.map((m) => text.decode(m.data)), ["0", "1", "2", "3"],
        "unsubscribe(4) after 2 arrived: 2 more");
    checks.ok([withMax, limitedLater, limitedMidway].every((c) => c.sub.isClosed()), "all three closed");
    checks.equal(receiver.stats().inMsgs, 3 + 5 + 4 + 2, "the server sent nothing past any limit (plus 2 markers)");
    await receiver.close();
    await publisher.close();
}
