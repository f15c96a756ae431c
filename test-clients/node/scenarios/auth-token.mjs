// Token auth; the server must be configured with the token "s3cret-token".
import { ErrorCode } from "nats";
import { collect, connectTo, settle, text } from "../lib/nats-helpers.mjs";

const TOKEN = "s3cret-token";

export default async function authToken(url, checks) {
    const nc = await connectTo(url, { name: "auth-token-right", token: TOKEN });
    const seen = collect(nc, "auth.hello");
    await nc.flush();
    nc.publish("auth.hello", text.encode("in"));
    await settle(nc, nc, "auth.done");
    checks.equal(seen.messages.map((m) => text.decode(m.data)), ["in"], "the right token connects and pub/sub works");
    await nc.close();

    await checks.rejects(connectTo(url, { name: "auth-token-wrong", token: "wrong-token" }),
        ErrorCode.AuthorizationViolation, "a wrong token is refused");
    await checks.rejects(connectTo(url, { name: "auth-token-missing" }),
        ErrorCode.AuthorizationViolation, "no token is refused");
    await checks.rejects(connectTo(url, { name: "auth-token-as-user", user: "s3cret-token", pass: TOKEN }),
        ErrorCode.AuthorizationViolation, "the token given as user and password is refused");
}
