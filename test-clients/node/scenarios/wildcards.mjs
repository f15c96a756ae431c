// Wildcard subscriptions: '*' matches exactly one token, '>' one or more trailing tokens, tokens match whole.
import { collect, connectTo, settle, subjects } from "../lib/nats-helpers.mjs";

const PUBLISHED = ["w", "w.a", "w.b", "w.a.b", "w.a.c", "w.b.c", "w.a.b.c", "w.a.b.c.d", "wx.a", "x.w.a", "a.w"];

const EXPECTED = {
    "w.a": ["w.a"],
    "w.*": ["w.a", "w.b"],
    "w.>": ["w.a", "w.b", "w.a.b", "w.a.c", "w.b.c", "w.a.b.c", "w.a.b.c.d"],
    "w.*.c": ["w.a.c", "w.b.c"],
    "w.a.>": ["w.a.b", "w.a.c", "w.a.b.c", "w.a.b.c.d"],
    "*.a": ["w.a", "wx.a"],
    "*.*.>": ["w.a.b", "w.a.c", "w.b.c", "w.a.b.c", "w.a.b.c.d", "x.w.a"],
    ">": PUBLISHED,
};

export default async function wildcards(url, checks) {
    const subscriber = await connectTo(url, { name: "wildcards-subscriber" });
    const publisher = await connectTo(url, { name: "wildcards-publisher" });
    const bySubscription = {};
    for (const subject of Object.keys(EXPECTED)) {
        bySubscription[subject] = collect(subscriber, subject);
    }
    await subscriber.flush();

    for (const subject of PUBLISHED) {
        publisher.publish(subject);
    }
    // '>' also sees the marker; it is published on its own subject after everything else.
    await settle(publisher, subscriber, "zz.done");

    for (const [subscription, expected] of Object.entries(EXPECTED)) {
        const got = subjects(bySubscription[subscription]).filter((s) => s !== "zz.done");
        checks.equal(got, expected, `'${subscription}' receives exactly ${JSON.stringify(expected)}`);
    }
    await subscriber.close();
    await publisher.close();
}
