// JetStream in domain "hub" through nats.js's { domain } option: the manager and the client use $JS.hub.API,
// account info and pub acks name the domain, a durable consumer delivers, a key-value bucket works, and another
// domain's API has no responders. The server must be in domain "hub" with JetStream on and no streams.
import { connectTo, text } from "../lib/nats-helpers.mjs";

export default async function jsDomain(url, checks) {
    const nc = await connectTo(url, { name: "js-domain" });
    const jsm = await nc.jetstreamManager({ domain: "hub" });
    const account = await jsm.getAccountInfo();
    checks.equal(account.domain, "hub", "account info through $JS.hub.API names the domain");

    await jsm.streams.add({ name: "ORDERS", subjects: ["orders.>"] });
    const js = nc.jetstream({ domain: "hub" });
    const ack = await js.publish("orders.a", text.encode("one"));
    checks.equal([ack.stream, ack.seq, ack.domain], ["ORDERS", 1, "hub"], "the pub ack names the domain");
    const info = await jsm.streams.info("ORDERS");
    checks.equal([info.domain, info.state.messages], ["hub", 1], "stream info names the domain");

    await jsm.consumers.add("ORDERS", { durable_name: "D", ack_policy: "explicit" });
    const consumer = await js.consumers.get("ORDERS", "D");
    const message = await consumer.next({ expires: 5_000 });
    checks.equal(message && message.string(), "one", "a pull consumer through the domain delivers the message");
    await message.ackAck();

    const kv = await js.views.kv("settings", { history: 2 });
    await kv.put("color", text.encode("red"));
    const revision = await kv.put("color", text.encode("blue"));
    const entry = await kv.get("color");
    checks.equal([revision, entry.string()], [2, "blue"], "a key-value bucket through the domain");

    await checks.rejects(nc.jetstreamManager({ domain: "leaf" }), "503", "another domain's API has no responders");
    await nc.close();
}
