// A wildcard subscription with an auto-unsubscribe limit that covers a subject its user may not receive: messages
// on the denied subject are never delivered, so they must not count towards the limit (nats-server checks the deny
// list before it counts a delivery). Same users as the "permissions" scenario.
import { collect, connectTo, settle } from "../lib/nats-helpers.mjs";

export default async function deniedAutoUnsubscribe(url, checks) {
    const admin = await connectTo(url, { name: "denied-max-admin", user: "admin", pass: "admin-pw" });
    const limited = await connectTo(url, { name: "denied-max-limited", user: "limited", pass: "limited-pw" });
    const wildcard = collect(limited, "allowed.*", { max: 2 });
    await limited.flush();

    for (const subject of ["allowed.hidden", "allowed.hidden", "allowed.hidden", "allowed.a", "allowed.b", "allowed.c"]) {
        admin.publish(subject);
    }
    await settle(admin, limited, "allowed.done.limited");

    checks.equal(wildcard.messages.map((m) => m.subject), ["allowed.a", "allowed.b"],
        "'allowed.*' with max 2 gets the first two subjects it may receive");
    checks.equal(limited.stats().inMsgs, 2 + 1, "the server sent nothing past the limit (1 marker)");
    await limited.close();
    await admin.close();
}
