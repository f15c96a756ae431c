// Small helpers the scenarios share: connecting without reconnects, collecting messages and waiting for them.
import { connect, StringCodec } from "nats";

export const text = StringCodec();

/** Connects once: a scenario wants the first failure, not a reconnect loop that hides it. */
export function connectTo(url, options = {}) {
    return connect({ servers: url, reconnect: false, timeout: 5_000, ...options });
}

/** Subscribes with a callback that keeps every message (and any subscription error) in arrival order. */
export function collect(nc, subject, options = {}) {
    const collected = { messages: [], errors: [] };
    collected.sub = nc.subscribe(subject, {
        ...options,
        callback: (err, msg) => (err ? collected.errors.push(err) : collected.messages.push(msg)),
    });
    return collected;
}

/** Polls until the condition holds, failing with the description after the timeout. */
export async function until(condition, what, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

/**
 * Publishes a marker that the receiving connection subscribes to, and waits for it. The server writes to one
 * connection in order, so once the marker arrives every earlier message for that connection has arrived too, and
 * anything missing was never sent.
 */
export async function settle(publisher, receiver, subject) {
    const marker = collect(receiver, subject, { max: 1 });
    await receiver.flush();
    publisher.publish(subject);
    await until(() => marker.messages.length === 1, `the marker on ${subject}`);
}

export function subjects(collected) {
    return collected.messages.map((m) => m.subject);
}

export function payloads(collected) {
    return collected.messages.map((m) => text.decode(m.data));
}
