// No responders: a request to a subject nobody subscribes to fails at once with the 503 status, not a timeout;
// the same subject answers while a responder is there and fails again once it unsubscribed.
import { ErrorCode } from "nats";
import { connectTo, text } from "../lib/nats-helpers.mjs";

const TIMEOUT_MS = 4_000;

export default async function noResponders(url, checks) {
    const requester = await connectTo(url, { name: "no-responders-requester" });
    const responder = await connectTo(url, { name: "no-responders-responder" });

    let started = Date.now();
    await checks.rejects(requester.request("nobody.home", text.encode("?"), { timeout: TIMEOUT_MS }),
        ErrorCode.NoResponders, "request to a subject without subscribers fails with no responders");
    checks.ok(Date.now() - started < TIMEOUT_MS / 2, `it failed fast, in ${Date.now() - started} ms`);
    started = Date.now();
    await checks.rejects(requester.request("nobody.home", text.encode("?"), { timeout: TIMEOUT_MS, noMux: true }),
        ErrorCode.NoResponders, "same on a dedicated inbox");
    checks.ok(Date.now() - started < TIMEOUT_MS / 2, `it failed fast, in ${Date.now() - started} ms`);

    const sub = responder.subscribe("sometimes.home", { callback: (err, msg) => !err && msg.respond(msg.data) });
    await responder.flush();
    const answer = await requester.request("sometimes.home", text.encode("here?"), { timeout: TIMEOUT_MS });
    checks.equal(text.decode(answer.data), "here?", "a request is answered while a responder subscribes");
    sub.unsubscribe();
    await responder.flush();
    await checks.rejects(requester.request("sometimes.home", text.encode("still?"), { timeout: TIMEOUT_MS }),
        ErrorCode.NoResponders, "no responders again once the responder unsubscribed");
    await requester.close();
    await responder.close();
}
