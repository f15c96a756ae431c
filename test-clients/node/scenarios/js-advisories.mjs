// JetStream advisories as nats.js's JetStreamManager.advisories() reads them: it takes the kind from the last token
// of each advisory's type, so the kinds, the stream and consumer names and the actions must be nats-server's. The
// server must have JetStream on and no streams.
import { AckPolicy, AdvisoryKind } from "nats";
import { connectTo, text } from "../lib/nats-helpers.mjs";

/** Waits until an advisory collected in `seen` matches, or fails after five seconds. */
async function until(seen, matches, what) {
    for (let waited = 0; waited < 5_000; waited += 20) {
        const found = seen.find(matches);
        if (found) {
            return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${what}: no such advisory`);
}

export default async function jsAdvisories(url, checks) {
    const nc = await connectTo(url, { name: "js-advisories" });
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream();
    const seen = [];
    (async () => {
        for await (const advisory of jsm.advisories()) {
            seen.push(advisory);
        }
    })();
    await nc.flush();
    const action = (kind, name, act) => (a) => a.kind === kind && (a.data.consumer ?? a.data.stream) === name
        && a.data.action === act;

    await jsm.streams.add({ name: "EVENTS", subjects: ["events.>"] });
    await jsm.consumers.add("EVENTS", { durable_name: "once", ack_policy: AckPolicy.Explicit, max_deliver: 1,
        ack_wait: 200_000_000 });
    await js.publish("events.a", text.encode("a"));
    await js.publish("events.b", text.encode("b"));

    const created = await until(seen, action(AdvisoryKind.StreamAction, "EVENTS", "create"),
        "stream create");
    checks.equal([created.data.type, created.data.stream], ["io.nats.jetstream.advisory.v1.stream_action", "EVENTS"],
        "stream_action create for EVENTS");
    const consumerCreated = await until(seen, action(AdvisoryKind.ConsumerAction, "once", "create"),
        "consumer create");
    checks.equal([consumerCreated.data.stream, consumerCreated.data.consumer], ["EVENTS", "once"],
        "consumer_action create for EVENTS > once");
    const audit = await until(seen, (a) => a.kind === AdvisoryKind.API
        && a.data.subject === "$JS.API.STREAM.CREATE.EVENTS", "api audit");
    checks.ok(JSON.parse(audit.data.response).config.name === "EVENTS", "api_audit carries the create response");

    const consumer = await js.consumers.get("EVENTS", "once");
    const batch = [];
    for await (const m of await consumer.fetch({ max_messages: 2, expires: 2_000 })) {
        batch.push(m);
    }
    checks.equal(batch.map((m) => m.seq), [1, 2], "fetch: both messages");
    batch[0].term();
    const terminated = await until(seen, (a) => a.kind === AdvisoryKind.Terminated, "terminated");
    checks.equal([terminated.data.stream_seq, terminated.data.deliveries], [1, 1], "terminated: seq 1, delivered once");
    const exceeded = await until(seen, (a) => a.kind === AdvisoryKind.MaxDeliver, "max deliver");
    checks.equal([exceeded.data.consumer, exceeded.data.stream_seq, exceeded.data.deliveries], ["once", 2, 1],
        "max_deliver: seq 2 unacked after its one delivery");

    await jsm.streams.delete("EVENTS");
    await until(seen, action(AdvisoryKind.ConsumerAction, "once", "delete"), "consumer delete");
    checks.pass("consumer_action delete for EVENTS > once");
    await until(seen, action(AdvisoryKind.StreamAction, "EVENTS", "delete"), "stream delete");
    checks.pass("stream_action delete for EVENTS");
    await nc.close();
}
