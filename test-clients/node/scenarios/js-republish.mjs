// Republish through the JetStream manager and client: a stream whose stored messages come again on core NATS with
// the RepublishHeaders, its own headers kept, headers_only sending the size instead of the body, a republish
// destination that overlaps the stream's subjects refused, and a key-value bucket with republish. The server must
// have JetStream on and no streams.
import { headers, RepublishHeaders } from "nats";
import { rejectsWithApiError } from "../lib/js-helpers.mjs";
import { collect, connectTo, text, until } from "../lib/nats-helpers.mjs";

export default async function jsRepublish(url, checks) {
    const nc = await connectTo(url, { name: "js-republish" });
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream();

    const created = await jsm.streams.add({
        name: "EVENTS", subjects: ["events.>"], republish: { src: "events.*", dest: "copy.$1" },
    });
    checks.equal(created.config.republish, { src: "events.*", dest: "copy.$1" }, "add: the republish config echoed");
    const copies = collect(nc, "copy.>");
    await nc.flush();
    const h = headers();
    h.set("Trace", "t-1");
    await js.publish("events.a", text.encode("one"));
    await js.publish("events.a.deep", text.encode("not matched"));
    await js.publish("events.a", text.encode("two"), { headers: h });
    await until(() => copies.messages.length >= 2, "two republished messages");
    const [first, second] = copies.messages;
    checks.equal([first.subject, text.decode(first.data)], ["copy.a", "one"], "republished: subject and payload");
    checks.equal(
        [RepublishHeaders.Stream, RepublishHeaders.Subject, RepublishHeaders.Sequence, RepublishHeaders.LastSequence]
            .map((name) => first.headers.get(name)),
        ["EVENTS", "events.a", "1", "0"], "republished: stream, subject, sequence and the subject's last sequence");
    checks.ok(!Number.isNaN(Date.parse(first.headers.get("Nats-Time-Stamp"))), "republished: a time stamp");
    checks.equal([second.headers.get("Trace"), second.headers.get(RepublishHeaders.Sequence),
        second.headers.get(RepublishHeaders.LastSequence)], ["t-1", "3", "1"],
        "republished: the message's own headers kept, the gap from the last sequence visible");

    await jsm.streams.add({
        name: "SIZES", subjects: ["sizes.*"], republish: { src: ">", dest: "size.>", headers_only: true },
    });
    const sizes = collect(nc, "size.>");
    await nc.flush();
    await js.publish("sizes.x", new Uint8Array(300));
    await until(() => sizes.messages.length >= 1, "a headers-only message");
    checks.equal([sizes.messages[0].subject, sizes.messages[0].data.length,
        sizes.messages[0].headers.get(RepublishHeaders.Size)], ["size.sizes.x", 0, "300"],
        "headers_only: no payload, its size in Nats-Msg-Size");

    await rejectsWithApiError(checks,
        jsm.streams.add({ name: "LOOP", subjects: ["loop.>"], republish: { src: ">", dest: "loop.again" } }),
        10052, "add: a republish destination that overlaps the stream's subjects is refused");

    const kv = await js.views.kv("watched", { republish: { src: "$KV.watched.>", dest: "changes.>" } });
    const changes = collect(nc, "changes.>");
    await nc.flush();
    await kv.put("color", text.encode("blue"));
    await until(() => changes.messages.length >= 1, "a republished key-value put");
    checks.equal([changes.messages[0].subject, text.decode(changes.messages[0].data),
        changes.messages[0].headers.get(RepublishHeaders.Stream)], ["changes.color", "blue", "KV_watched"],
        "key-value: a put is republished");

    await nc.close();
}
