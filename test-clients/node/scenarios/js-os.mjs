// Object store buckets through js.views.os: put and get of a small object and of a multi-chunk object larger than
// 128 KiB (whose SHA-256 digest the client checks on get, and the scenario checks against its own), info, list,
// links, meta updates, a watch, delete, seal, and destroying a bucket. The server must have JetStream on and no
// streams.
import { createHash, randomBytes } from "node:crypto";
import { all, rejectsWithApiError } from "../lib/js-helpers.mjs";
import { connectTo, text, until } from "../lib/nats-helpers.mjs";

const CHUNK = 128 * 1024;
const BIG = 3 * CHUNK + 12_345;

/** A readable stream that hands the bytes over in uneven slices, as a file read would. */
function streamOf(bytes) {
    let at = 0;
    return new ReadableStream({
        pull(controller) {
            if (at >= bytes.length) {
                controller.close();
                return;
            }
            const end = Math.min(bytes.length, at + 50_000);
            controller.enqueue(bytes.subarray(at, end));
            at = end;
        },
    });
}

async function readAll(result) {
    const parts = [];
    for await (const part of result.data) {
        parts.push(part);
    }
    const error = await result.error;
    if (error) {
        throw error;
    }
    return Buffer.concat(parts);
}

function sha256(bytes) {
    return `SHA-256=${createHash("sha256").update(bytes).digest("base64url")}=`;
}

export default async function jsOs(url, checks) {
    const nc = await connectTo(url, { name: "js-os", timeout: 10_000 });
    const js = nc.jetstream();
    const jsm = await nc.jetstreamManager();
    const os = await js.views.os("files", { description: "interop files" });
    const status = await os.status();
    checks.equal([status.bucket, status.description, status.size, status.streamInfo.config.name],
        ["files", "interop files", 0, "OBJ_files"], "a new bucket: OBJ_files, empty");
    const config = status.streamInfo.config;
    checks.equal([config.subjects, config.allow_rollup_hdrs, config.discard],
        [["$O.files.C.>", "$O.files.M.>"], true, "new"], "the bucket's stream: chunk and meta subjects, rollups");

    const small = await os.putBlob({ name: "notes/readme.txt", description: "a note" }, text.encode("hello objects"));
    checks.equal([small.name, small.size, small.chunks, small.bucket], ["notes/readme.txt", 13, 1, "files"],
        "putBlob: a small object in one chunk");
    checks.equal(new TextDecoder().decode(await os.getBlob("notes/readme.txt")), "hello objects",
        "getBlob: the same bytes");

    const big = randomBytes(BIG);
    const put = await os.put({ name: "data/big.bin", options: { max_chunk_size: CHUNK } }, streamOf(big));
    checks.equal([put.size, put.chunks], [BIG, 4], `put: ${BIG} bytes in 4 chunks of at most ${CHUNK}`);
    checks.equal(put.digest, sha256(big), "put: the digest is the SHA-256 of the bytes");
    const chunks = await jsm.streams.info("OBJ_files", { subjects_filter: `$O.files.C.${put.nuid}` });
    checks.equal(chunks.state.subjects, { [`$O.files.C.${put.nuid}`]: 4 }, "the chunks are 4 messages on one subject");
    const got = await os.get("data/big.bin");
    checks.equal([got.info.size, got.info.digest], [BIG, put.digest], "get: info of the big object");
    checks.bytes(await readAll(got), big, "get: the big object byte for byte, digest verified by the client");

    const info = await os.info("data/big.bin");
    checks.equal([info.name, info.size, info.chunks, info.nuid, info.deleted], ["data/big.bin", BIG, 4, put.nuid,
        false], "info: name, size, chunks, nuid");
    checks.equal(await os.info("nope"), null, "info: a missing object is null");
    checks.equal(await os.get("nope"), null, "get: a missing object is null");

    const link = await os.link("latest.bin", info);
    checks.ok(link.isLink(), "link: a link to the big object");
    const viaLink = await os.get("latest.bin");
    checks.bytes(await readAll(viaLink), big, "get through the link: the big object's bytes");

    await os.update("notes/readme.txt", { description: "a changed note" });
    checks.equal((await os.info("notes/readme.txt")).description, "a changed note", "update: the meta changes");
    const replaced = await os.putBlob({ name: "notes/readme.txt" }, text.encode("hello again"));
    checks.ok(replaced.nuid !== small.nuid, "put again: a new nuid");
    checks.equal(new TextDecoder().decode(await os.getBlob("notes/readme.txt")), "hello again",
        "put again: the new bytes");
    const oldChunks = await jsm.streams.info("OBJ_files", { subjects_filter: `$O.files.C.${small.nuid}` });
    checks.equal(oldChunks.state.subjects ?? {}, {}, "put again: the old chunks are purged");

    const listed = await os.list();
    checks.equal(listed.map((i) => i.name).sort(), ["data/big.bin", "latest.bin", "notes/readme.txt"],
        "list: every object and link");

    const seen = [];
    const watch = await os.watch({ includeHistory: true });
    const watching = (async () => {
        for await (const i of watch) {
            seen.push(i === null ? "end of history" : `${i.name}${i.deleted ? " deleted" : ""}`);
        }
    })();
    await until(() => seen.includes("end of history"), "the watch to replay the bucket");
    const empty = await os.putBlob({ name: "empty" }, new Uint8Array(0));
    checks.equal([empty.size, empty.chunks], [0, 0], "putBlob: an empty object has no chunks");
    await os.delete("data/big.bin");
    await until(() => seen.length === 6, "two changes on the watch");
    watch.stop();
    await watching;
    checks.equal(seen, ["data/big.bin", "latest.bin", "notes/readme.txt", "end of history", "empty",
        "data/big.bin deleted"], "watch: the current objects, then the changes");

    checks.equal(await os.info("data/big.bin").then((i) => i && i.deleted), true, "delete: info says deleted");
    checks.equal(await os.get("data/big.bin"), null, "delete: get finds nothing");
    const bigChunks = await jsm.streams.info("OBJ_files", { subjects_filter: `$O.files.C.${put.nuid}` });
    checks.equal(bigChunks.state.subjects ?? {}, {}, "delete: the chunks are purged");
    checks.equal((await os.list()).map((i) => i.name).sort(), ["empty", "latest.bin", "notes/readme.txt"],
        "list: a deleted object is left out");

    const sealed = await os.seal();
    checks.ok(sealed.sealed, "seal: the bucket is sealed");
    await rejectsWithApiError(checks, os.putBlob({ name: "late" }, text.encode("too late")), 10109,
        "seal: a put into a sealed bucket is refused");
    checks.equal(new TextDecoder().decode(await os.getBlob("notes/readme.txt")), "hello again",
        "seal: what was stored can still be read");

    checks.ok(await os.destroy(), "destroy: the bucket goes");
    await rejectsWithApiError(checks, jsm.streams.info("OBJ_files"), 10059, "destroy: its stream is gone");
    await nc.close();
}
