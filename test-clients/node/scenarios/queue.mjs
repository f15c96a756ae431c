// Queue groups: each message goes to exactly one member of each group, spread over members on two connections,
// while plain subscribers and a second group each still receive every message.
import { collect, connectTo, settle, text } from "../lib/nats-helpers.mjs";

const MESSAGES = 400;

export default async function queue(url, checks) {
    const first = await connectTo(url, { name: "queue-first" });
    const second = await connectTo(url, { name: "queue-second" });
    const publisher = await connectTo(url, { name: "queue-publisher" });
    const workers = [
        collect(first, "q.jobs", { queue: "workers" }),
        collect(first, "q.jobs", { queue: "workers" }),
        collect(second, "q.jobs", { queue: "workers" }),
        collect(second, "q.jobs", { queue: "workers" }),
    ];
    const auditor = collect(second, "q.jobs", { queue: "auditors" });
    const observer = collect(first, "q.jobs");
    const elsewhere = collect(first, "q.other", { queue: "workers" });
    await first.flush();
    await second.flush();

    for (let i = 0; i < MESSAGES; i++) {
        publisher.publish("q.jobs", text.encode(String(i)));
    }
    await settle(publisher, first, "q.done.first");
    await settle(publisher, second, "q.done.second");

    const all = Array.from({ length: MESSAGES }, (_, i) => String(i));
    const taken = workers.flatMap((w) => w.messages.map((m) => text.decode(m.data)));
    checks.equal(taken.length, MESSAGES, `the 'workers' group took ${MESSAGES} messages in total`);
    checks.equal([...new Set(taken)].sort(byNumber), all, "each message went to exactly one 'workers' member");
    const counts = workers.map((w) => w.messages.length);
    checks.ok(counts.every((n) => n > 0), `every member on both connections took some: ${counts.join(", ")}`);
    checks.equal(auditor.messages.map((m) => text.decode(m.data)), all, "the one-member 'auditors' group got all");
    checks.equal(observer.messages.map((m) => text.decode(m.data)), all, "a plain subscriber got all, in order");
    checks.equal(elsewhere.messages.length, 0, "a group of the same name on another subject got none");
    await first.close();
    await second.close();
    await publisher.close();
}

function byNumber(a, b) {
    return Number(a) - Number(b);
}
