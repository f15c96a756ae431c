// User/password auth; the server must have the users alice ("alice-pw", plain text) and bob ("bob-pw", stored as
// a bcrypt hash).
import { ErrorCode } from "nats";
import { collect, connectTo, settle, text } from "../lib/nats-helpers.mjs";

export default async function authUser(url, checks) {
    for (const [user, pass] of [["alice", "alice-pw"], ["bob", "bob-pw"]]) {
        const nc = await connectTo(url, { name: `auth-user-${user}`, user, pass });
        const seen = collect(nc, "auth.hello");
        await nc.flush();
        nc.publish("auth.hello", text.encode(user));
        await settle(nc, nc, "auth.done");
        checks.equal(seen.messages.map((m) => text.decode(m.data)), [user], `${user} connects and pub/sub works`);
        await nc.close();
    }

    await checks.rejects(connectTo(url, { name: "auth-user-wrong-pass", user: "alice", pass: "bob-pw" }),
        ErrorCode.AuthorizationViolation, "a wrong password is refused");
    await checks.rejects(connectTo(url, { name: "auth-user-bcrypt-wrong", user: "bob", pass: "bob-pw " }),
        ErrorCode.AuthorizationViolation, "a wrong password for a bcrypt user is refused");
    await checks.rejects(connectTo(url, { name: "auth-user-unknown", user: "mallory", pass: "alice-pw" }),
        ErrorCode.AuthorizationViolation, "an unknown user is refused");
    await checks.rejects(connectTo(url, { name: "auth-user-missing" }),
        ErrorCode.AuthorizationViolation, "no credentials are refused");
}
