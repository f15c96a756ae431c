// Headers: multi-value keys, case-sensitive keys and values with spaces survive HPUB/HMSG, with and without a
// payload, and on a reply.
import { headers } from "nats";
import { collect, connectTo, settle, text } from "../lib/nats-helpers.mjs";

export default async function headerRoundTrip(url, checks) {
    const subscriber = await connectTo(url, { name: "headers-subscriber" });
    const publisher = await connectTo(url, { name: "headers-publisher" });
    const received = collect(subscriber, "h.test");
    subscriber.subscribe("h.echo", {
        callback: (err, msg) => {
            if (err) {
                return;
            }
            const answer = headers();
            for (const [key, values] of msg.headers) {
                for (const value of values) {
                    answer.append(key, value);
                }
            }
            answer.set("X-Responder", "junction-interop");
            msg.respond(msg.data, { headers: answer });
        },
    });
    await subscriber.flush();
    const sent = headers();
    sent.append("X-Multi", "one");
    sent.append("X-Multi", "two");
    sent.append("X-Multi", "three");
    sent.set("MixedCase-Key", "Value With  Spaces");
    sent.set("lowercase-key", "v");
    sent.set("UPPERCASE-KEY", "V");

    publisher.publish("h.test", text.encode("body"), { headers: sent });
    publisher.publish("h.test", undefined, { headers: sent });
    publisher.publish("h.test", text.encode("no headers"));
    await settle(publisher, subscriber, "h.done");
    const reply = await publisher.request("h.echo", text.encode("ask"), { headers: sent, timeout: 5_000 });

    checks.equal(received.messages.length, 3, "three messages arrived");
    const [withBody, withoutBody, plain] = received.messages;
    checks.equal(withBody.headers.keys(), ["X-Multi", "MixedCase-Key", "lowercase-key", "UPPERCASE-KEY"],
        "header keys arrive in order with their case");
    checks.equal(withBody.headers.values("X-Multi"), ["one", "two", "three"], "all values of a multi-value key");
    checks.equal(withBody.headers.get("MixedCase-Key"), "Value With  Spaces", "value with inner spaces");
    checks.equal(withBody.headers.has("mixedcase-key"), false, "keys are not lower-cased on the way");
    checks.equal(withBody.headers.get("UPPERCASE-KEY"), "V", "upper-case key");
    checks.equal(text.decode(withBody.data), "body", "payload after the headers");
    checks.equal(withoutBody.headers.values("X-Multi"), ["one", "two", "three"], "headers with an empty payload");
    checks.equal(withoutBody.data.length, 0, "empty payload stays empty");
    checks.equal(plain.headers, undefined, "a message published without headers has none");
    checks.equal(text.decode(plain.data), "no headers", "its payload");
    checks.equal(reply.headers.values("X-Multi"), ["one", "two", "three"], "headers on a reply");
    checks.equal(reply.headers.get("X-Responder"), "junction-interop", "header the responder added");
    checks.equal(text.decode(reply.data), "ask", "reply payload");
    await subscriber.close();
    await publisher.close();
}
