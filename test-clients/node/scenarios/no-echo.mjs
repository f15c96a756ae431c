// Echo: a connection with noEcho gets no copy of its own publishes but still gets everyone else's; another
// connection on the same subject gets them all, and a connection with echo on gets its own.
import { collect, connectTo, payloads, settle, text } from "../lib/nats-helpers.mjs";

export default async function noEcho(url, checks) {
    const quiet = await connectTo(url, { name: "no-echo-quiet", noEcho: true });
    const other = await connectTo(url, { name: "no-echo-other" });
    const quietSeen = collect(quiet, "echo.subject");
    const otherSeen = collect(other, "echo.subject");
    await quiet.flush();
    await other.flush();

    for (const word of ["q1", "q2", "q3"]) {
        quiet.publish("echo.subject", text.encode(word));
    }
    // A copy for the publisher would be written to it before the PONG that ends this flush.
    await quiet.flush();
    await settle(quiet, other, "echo.done.other");
    other.publish("echo.subject", text.encode("o1"));
    await settle(other, quiet, "echo.done.quiet");
    await settle(other, other, "echo.done.self");

    checks.equal(payloads(quietSeen), ["o1"], "the noEcho connection got only the other connection's message");
    checks.equal(payloads(otherSeen), ["q1", "q2", "q3", "o1"], "the other connection got both, its own included");
    checks.equal(quiet.stats().inMsgs, 1 + 1, "the server sent the noEcho connection nothing else but the marker");
    await quiet.close();
    await other.close();
}
