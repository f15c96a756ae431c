// Permissions; the server must have the users admin ("admin-pw", no limits) and limited ("limited-pw") with
//   publish:   allow ["allowed.>"], deny ["allowed.secret"]
//   subscribe: allow ["allowed.>", "jobs.* workers"], deny ["allowed.hidden"]
// A violation is reported to the client as an error status, the connection stays up, and nothing is routed. A
// wildcard subscription that covers a denied subject is allowed but gets no message on it.
import { ErrorCode, Events } from "nats";
import { collect, connectTo, settle, text, until } from "../lib/nats-helpers.mjs";

export default async function permissions(url, checks) {
    const admin = await connectTo(url, { name: "permissions-admin", user: "admin", pass: "admin-pw" });
    const limited = await connectTo(url, { name: "permissions-limited", user: "limited", pass: "limited-pw" });
    const errors = [];
    (async () => {
        for await (const status of limited.status()) {
            if (status.type === Events.Error) {
                errors.push(status);
            }
        }
    })();
    const adminSeen = collect(admin, ">");
    await admin.flush();

    limited.publish("forbidden.out", text.encode("no"));
    limited.publish("allowed.secret", text.encode("no"));
    limited.publish("allowed.out", text.encode("yes"));
    await limited.flush();
    await until(() => errors.length === 2, "two publish violations");
    await settle(limited, admin, "allowed.done");

    checks.equal(errors.map((e) => [e.data, e.permissionContext]), [
        [ErrorCode.PermissionsViolation, { operation: "publish", subject: "forbidden.out", queue: undefined }],
        [ErrorCode.PermissionsViolation, { operation: "publish", subject: "allowed.secret", queue: undefined }],
    ], "publishing outside the allow list and on a denied subject are reported as publish violations");
    checks.equal(adminSeen.messages.map((m) => m.subject), ["allowed.out", "allowed.done"],
        "only the permitted publishes were routed");
    checks.ok(!limited.isClosed(), "the connection stays open after publish violations");

    errors.length = 0;
    const allowed = collect(limited, "allowed.in");
    const forbidden = collect(limited, "forbidden.in");
    const hidden = collect(limited, "allowed.hidden");
    const wildcard = collect(limited, "allowed.*");
    const rightQueue = collect(limited, "jobs.a", { queue: "workers" });
    const wrongQueue = collect(limited, "jobs.b", { queue: "others" });
    await limited.flush();
    await until(() => errors.length === 3, "three subscription violations");
    for (const subject of ["allowed.in", "forbidden.in", "allowed.hidden", "jobs.a", "jobs.b"]) {
        admin.publish(subject, text.encode(subject));
    }
    await admin.flush();
    await settle(admin, limited, "allowed.done.limited");

    checks.equal(errors.map((e) => [e.data, e.permissionContext]), [
        [ErrorCode.PermissionsViolation, { operation: "subscription", subject: "forbidden.in", queue: undefined }],
        [ErrorCode.PermissionsViolation, { operation: "subscription", subject: "allowed.hidden", queue: undefined }],
        [ErrorCode.PermissionsViolation, { operation: "subscription", subject: "jobs.b", queue: "others" }],
    ], "subscribing outside the allow list, to a denied subject and in a queue group not allowed are violations");
    checks.equal([forbidden, hidden].map((c) => c.errors.map((e) => e.code)),
        [[ErrorCode.PermissionsViolation], [ErrorCode.PermissionsViolation]], "the refused subscriptions got it");
    checks.ok([forbidden, hidden, wrongQueue].every((c) => c.sub.isClosed()), "the refused subscriptions are closed");
    checks.equal(wrongQueue.errors.map((e) => e.code), [ErrorCode.PermissionsViolation],
        "the refused queue subscription got the violation");
    checks.equal(allowed.messages.map((m) => m.subject), ["allowed.in"], "the permitted subscription works");
    checks.equal(wildcard.messages.map((m) => m.subject), ["allowed.in"],
        "a wildcard subscription covering the denied subject gets no message on it");
    checks.equal(rightQueue.messages.map((m) => m.subject), ["jobs.a"], "the permitted queue subscription works");
    checks.equal(limited.stats().inMsgs, 3 + 1, "the server routed nothing to the refused subscriptions (1 marker)");
    checks.ok(!limited.isClosed(), "the connection stays open after subscription violations");
    await limited.close();
    await admin.close();
}
