// Request/reply: responders in a queue group answer sequential and concurrent requests, each exactly once.
import { connectTo, text } from "../lib/nats-helpers.mjs";

const SEQUENTIAL = 10;
const CONCURRENT = 40;

export default async function request(url, checks) {
    const responders = [
        await connectTo(url, { name: "request-responder-1" }),
        await connectTo(url, { name: "request-responder-2" }),
    ];
    const requester = await connectTo(url, { name: "request-requester" });
    const served = responders.map((nc) => {
        const handled = { count: 0, replySubjects: [] };
        nc.subscribe("svc.upper", {
            queue: "svc",
            callback: (err, msg) => {
                if (err) {
                    return;
                }
                handled.count++;
                handled.replySubjects.push(msg.reply);
                msg.respond(text.encode(text.decode(msg.data).toUpperCase()));
            },
        });
        return handled;
    });
    for (const nc of responders) {
        await nc.flush();
    }

    const sequential = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
        const reply = await requester.request("svc.upper", text.encode(`hello-${i}`), { timeout: 5_000 });
        sequential.push(text.decode(reply.data));
    }
    const concurrent = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) =>
            requester.request("svc.upper", text.encode(`burst-${i}`), { timeout: 5_000 })),
    );
    const dedicated = await requester.request("svc.upper", text.encode("own inbox"), { timeout: 5_000, noMux: true });
    // Once the responders' replies are through the server, the requester's PONG comes after any late duplicate.
    for (const nc of responders) {
        await nc.flush();
    }
    await requester.flush();

    checks.equal(sequential, Array.from({ length: SEQUENTIAL }, (_, i) => `HELLO-${i}`), "sequential replies");
    checks.equal(
        concurrent.map((m) => text.decode(m.data)),
        Array.from({ length: CONCURRENT }, (_, i) => `BURST-${i}`),
        "each concurrent request got its own reply",
    );
    checks.equal(text.decode(dedicated.data), "OWN INBOX", "reply to a request on a dedicated inbox");
    const total = served[0].count + served[1].count;
    checks.equal(total, SEQUENTIAL + CONCURRENT + 1, "the 'svc' group served each request exactly once");
    const replySubjects = served.flatMap((s) => s.replySubjects);
    checks.ok(replySubjects.every((r) => r.startsWith("_INBOX.")), "responders saw the requester's inbox");
    checks.equal(new Set(replySubjects).size, replySubjects.length, "every request had its own reply subject");
    checks.equal(requester.stats().inMsgs, total, "the requester received one message per reply, no duplicates");
    for (const nc of [...responders, requester]) {
        await nc.close();
    }
}
