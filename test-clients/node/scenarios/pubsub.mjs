// Publish/subscribe across two connections: every payload arrives byte for byte, in order, with its reply subject.
import { randomBytes } from "node:crypto";
import { collect, connectTo, settle, subjects, text } from "../lib/nats-helpers.mjs";

export default async function pubsub(url, checks) {
    const subscriber = await connectTo(url, { name: "pubsub-subscriber" });
    const publisher = await connectTo(url, { name: "pubsub-publisher" });
    const received = collect(subscriber, "interop.bytes");
    await subscriber.flush();
    const sent = [
        new Uint8Array(0),
        Uint8Array.from({ length: 256 }, (_, i) => i),
        text.encode("MSG interop.bytes 1 5\r\nhello\r\nPING\r\n"),
        randomBytes(256 * 1024),
    ];

    for (const payload of sent) {
        publisher.publish("interop.bytes", payload);
    }
    publisher.publish("interop.bytes", text.encode("with reply"), { reply: "interop.replies.1" });
    await settle(publisher, subscriber, "interop.bytes.done");

    checks.equal(received.messages.length, sent.length + 1, "every published message arrived once");
    checks.equal(subjects(received), Array(sent.length + 1).fill("interop.bytes"), "each on its subject");
    checks.bytes(received.messages[0].data, sent[0], "empty payload");
    checks.bytes(received.messages[1].data, sent[1], "every byte value 0..255");
    checks.bytes(received.messages[2].data, sent[2], "payload that looks like protocol lines");
    checks.bytes(received.messages[3].data, sent[3], "256 KiB random payload");
    checks.equal(received.messages.slice(0, sent.length).map((m) => m.reply || ""), ["", "", "", ""], "no reply");
    checks.equal(received.messages[4].reply, "interop.replies.1", "reply subject carried through");
    checks.equal(text.decode(received.messages[4].data), "with reply", "payload beside a reply subject");
    await subscriber.close();
    await publisher.close();
}
