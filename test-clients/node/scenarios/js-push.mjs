// Push consumers through js.subscribe: a durable with explicit acks, a deliver group that splits the messages
// between two members, an ordered consumer, idle heartbeats as the server sends them on the deliver subject, and a
// deliver subject the stream itself captures, which the server must refuse. The server must have JetStream on and no
// streams.
import { AckPolicy, consumerOpts, createInbox } from "nats";
import { rejectsWithApiError } from "../lib/js-helpers.mjs";
import { collect, connectTo, text, until } from "../lib/nats-helpers.mjs";

const COUNT = 20;

export default async function jsPush(url, checks) {
    const nc = await connectTo(url, { name: "js-push" });
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream();
    await jsm.streams.add({ name: "EVENTS", subjects: ["events.>"] });
    for (let i = 1; i <= COUNT; i++) {
        await js.publish(`events.${i % 4}`, text.encode(`event-${i}`));
    }

    const durableOpts = consumerOpts().durable("audit").deliverTo(createInbox()).ackExplicit().manualAck();
    const durable = await js.subscribe("events.>", durableOpts);
    const audited = [];
    for await (const m of durable) {
        audited.push(m.seq);
        await m.ackAck();
        if (audited.length === COUNT) {
            break;
        }
    }
    checks.equal(audited, Array.from({ length: COUNT }, (_, i) => i + 1), "durable push: every message in order");
    const audit = await jsm.consumers.info("EVENTS", "audit");
    checks.equal([audit.num_pending, audit.num_ack_pending, audit.ack_floor.stream_seq], [0, 0, COUNT],
        "durable push: all acked");

    const group = createInbox();
    const members = [0, 1].map(() => {
        const taken = [];
        const opts = consumerOpts().durable("workers").deliverTo(group).queue("workers").ackExplicit().manualAck()
            .callback((err, m) => {
                if (m) {
                    taken.push(m.seq);
                    m.ack();
                }
            });
        return { taken, opts };
    });
    for (const member of members) {
        member.sub = await js.subscribe("events.>", member.opts);
    }
    await until(() => members[0].taken.length + members[1].taken.length === COUNT, "the group to take every message");
    const taken = [...members[0].taken, ...members[1].taken].sort((a, b) => a - b);
    checks.equal(taken, Array.from({ length: COUNT }, (_, i) => i + 1), "deliver group: each message taken once");
    const workers = await jsm.consumers.info("EVENTS", "workers");
    checks.equal(workers.config.deliver_group, "workers", "deliver group: the consumer has the group");
    members.forEach((member) => member.sub.unsubscribe());

    const ordered = await js.subscribe("events.1", consumerOpts().orderedConsumer());
    const ones = [];
    for await (const m of ordered) {
        ones.push(text.decode(m.data));
        if (ones.length === COUNT / 4) {
            break;
        }
    }
    checks.equal(ones, ["event-1", "event-5", "event-9", "event-13", "event-17"], "ordered push: one subject in order");

    const beats = createInbox();
    const raw = collect(nc, beats);
    await nc.flush();
    await jsm.consumers.add("EVENTS", {
        name: "beating", deliver_subject: beats, ack_policy: AckPolicy.None, idle_heartbeat: 500_000_000,
        flow_control: true, filter_subject: "events.2",
    });
    await until(() => raw.messages.some((m) => m.headers && m.headers.code === 100), "an idle heartbeat", 3_000);
    const data = raw.messages.filter((m) => !m.headers || m.headers.code !== 100);
    checks.equal(data.map((m) => text.decode(m.data)), ["event-2", "event-6", "event-10", "event-14", "event-18"],
        "raw push with heartbeats: the messages of the filter");
    const beat = raw.messages.find((m) => m.headers && m.headers.code === 100);
    checks.equal([beat.headers.description, beat.headers.get("Nats-Last-Consumer")], ["Idle Heartbeat", "5"],
        "idle heartbeat: status 100 with the last consumer sequence");
    // nats-server reports the last stream sequence it looked at (20), which may be past the last one delivered (18)
    checks.ok(Number(beat.headers.get("Nats-Last-Stream")) >= 18, "idle heartbeat: and a last stream sequence");
    raw.sub.unsubscribe();

    await rejectsWithApiError(checks,
        jsm.consumers.add("EVENTS", { durable_name: "loop", deliver_subject: "events.loop", ack_policy: AckPolicy.None }),
        10081, "a deliver subject the stream captures is refused");
    await rejectsWithApiError(checks,
        jsm.consumers.add("EVENTS", { durable_name: "wild", deliver_subject: "push.*", ack_policy: AckPolicy.None }),
        10079, "a deliver subject with wildcards is refused");
    await new Promise((resolve) => setTimeout(resolve, 200));
    checks.equal((await jsm.streams.info("EVENTS")).state.messages, COUNT, "the stream holds only what was published");
    await nc.close();
}
