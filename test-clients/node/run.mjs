// Runs one interop scenario of the nats.js client against a NATS server and exits 0 only if every check passed.
//
//   node run.mjs <scenario> <nats://host:port>
//
// Prints one "ok N - ..." line per passed check, then "PASS <scenario> (N checks)"; on the first failed check it
// prints "FAIL <scenario>: ..." to stderr and exits 1. A hard timeout exits 2 so a stuck client never hangs the
// build. The JUnit class io.junction.nats.interop.NatsJsInteropTest starts the server each scenario expects.
import { createRequire } from "node:module";
import { Checks } from "./lib/checks.mjs";

const HARD_TIMEOUT_MS = 20_000;
const SCENARIOS = [
    "pubsub",
    "wildcards",
    "queue",
    "request",
    "headers",
    "no-responders",
    "no-echo",
    "auto-unsubscribe",
    "drain",
    "auth-token",
    "auth-user",
    "permissions",
    "denied-auto-unsubscribe",
    "js-streams",
    "js-pull",
    "js-push",
    "js-kv",
    "js-os",
    "js-republish",
    "js-advisories",
    "js-domain",
];

const [scenario, url] = process.argv.slice(2);
process.exitCode = 1;
if (!SCENARIOS.includes(scenario) || !url) {
    console.error(`usage: node run.mjs <${SCENARIOS.join("|")}> <nats://host:port>`);
    process.exit(64);
}

const timer = setTimeout(() => {
    console.error(`FAIL ${scenario}: timed out after ${HARD_TIMEOUT_MS} ms`);
    process.exit(2);
}, HARD_TIMEOUT_MS);
timer.unref();

const natsVersion = createRequire(import.meta.url)("nats/package.json").version;
console.log(`scenario ${scenario} against ${url} with nats.js ${natsVersion} on node ${process.versions.node}`);

const checks = new Checks();
try {
    const { default: run } = await import(`./scenarios/${scenario}.mjs`);
    await run(url, checks);
    if (checks.count === 0) {
        throw new Error("the scenario made no checks");
    }
    console.log(`PASS ${scenario} (${checks.count} checks)`);
    process.exit(0);
} catch (err) {
    console.error(`FAIL ${scenario}: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
}
