/**
 * Testing partitions on the host runner: `import { secureWorld } from "bulkhead/testing"`. It
 * builds a project's secure side (the same .wasm files the target image runs), boots it under
 * Node, and lets a test call its services as an NS client would, through the PSA client API's
 * rules (vectors, handles, the status codes an NS caller gets, a partition's panic on the UART).
 */
import { buildImage, buildWasm, type BuildOptions } from "./image/build.js";
import { findProject, PROJECT_FILE } from "./project/config.js";
import { runQemu, type QemuResult } from "./qemu/run.js";
import { psaStatus } from "./psa-status.js";
import { statelessHandle } from "./manifest/codegen.js";
import { Progress } from "./image/progress.js";
import { NS, nsWorld } from "./runner/ns-world.js";
import { callPack } from "./abi.js";

export interface SecureWorldOptions {
  /** The manifest list (TF-M format); by default the one the project's bulkhead.json names. */
  manifestList?: string;
  /** bulkhead's own partitions to build beside it (e.g. TFM_SP_ITS); by default the project's. */
  include?: string[];
  backend?: "sfn" | "ipc";
  board?: string;
  isolation?: number;
  /** NSCE context slots, and whether services see NSCE's NSIDs as client IDs. */
  nsContexts?: number;
  nsManageNsid?: boolean;
}

export interface CallResult {
  status: number;
  /** What the service wrote to each output vector (as long as it reported). */
  outputs: Buffer[];
}

// Where the client's vectors go in the world's 4 KiB of NS RAM: the two iovec arrays, then data.
const IN_ARRAY = 0x00;
const OUT_ARRAY = 0x40;
const DATA = 0x100;
const NS_RAM = 0x1000;

/** PSA_IPC_CALL, the call type of a plain psa_call. */
export const PSA_IPC_CALL = 0;
/** Every PSA status code by name (psaStatus.PSA_ERROR_DOES_NOT_EXIST), and the ones tests meet most. */
export { psaStatus };
export const {
  PSA_SUCCESS, PSA_ERROR_PROGRAMMER_ERROR, PSA_ERROR_CONNECTION_REFUSED, PSA_ERROR_CONNECTION_BUSY, PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED, PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_INVALID_HANDLE, PSA_ERROR_BUFFER_TOO_SMALL, PSA_ERROR_DOES_NOT_EXIST,
} = psaStatus;

/** The options a project's bulkhead.json (in the current directory) gives, under what the caller says. */
function projectBuild(opts: SecureWorldOptions & { board?: string }, fallbackBackend: "sfn" | "ipc"): BuildOptions {
  const project = findProject()?.options;
  const manifestList = opts.manifestList ?? project?.manifestList;
  if (!manifestList) throw new Error(`no manifestList given and no ${PROJECT_FILE} in ${process.cwd()}`);
  // Another manifest list takes the project's partitions and NS sources with it; the
  // configuration below still falls back to the project's.
  return {
    ...(opts.manifestList ? {} : project),
    manifestList,
    include: opts.include ?? (opts.manifestList ? [] : project?.include),
    board: opts.board ?? project?.board ?? "mps2-an521",
    backend: opts.backend ?? project?.backend ?? fallbackBackend,
    isolation: opts.isolation ?? project?.isolation,
    nsContexts: opts.nsContexts ?? project?.nsContexts,
    nsManageNsid: opts.nsManageNsid ?? project?.nsManageNsid,
  };
}

/**
 * Builds the project's images (secure and NS, as `bulkhead build` does) and boots them in QEMU:
 * what the UART printed and the exit code the NS application returned.
 */
export async function bootInQemu(opts: SecureWorldOptions & { timeoutSeconds?: number } = {}): Promise<QemuResult> {
  const image = await buildImage(projectBuild(opts, "ipc"), new Progress(() => {}));
  return runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: opts.timeoutSeconds ?? 60 });
}

/** Boots the project's secure side on the host runner. */
export async function secureWorld(opts: SecureWorldOptions = {}) {
  const build = projectBuild(opts, "sfn");
  const set = await buildWasm(build, new Progress(() => {}));
  const w = nsWorld(set);
  const services = set.partitions.flatMap((p) => p.partition.services);
  const service = (name: string) => {
    const s = services.find((x) => x.name === name);
    if (!s) throw new Error(`no service ${name} in ${build.manifestList}; the services are: ${services.map((x) => x.name).join(", ")}`);
    return s;
  };

  /** psa_call with these inputs and room for these outputs; `target` is a handle or a stateless service's name. */
  const call = (target: number | string, type: number, inputs: (Uint8Array | string)[] = [], outputSizes: number[] = []): CallResult => {
    const handle = typeof target === "string" ? statelessHandle(service(target)) : target;
    let at = DATA;
    const place = (len: number) => {
      const base = at;
      at += (len + 7) & ~7;
      if (at > NS_RAM) throw new Error(`the vectors need ${at - DATA} bytes; the test world's NS RAM holds ${NS_RAM - DATA}`);
      return base;
    };
    inputs.forEach((data, i) => {
      const bytes = typeof data === "string" ? Buffer.from(data) : data;
      const base = place(bytes.length);
      w.ns.set(bytes, base);
      w.vec(NS + IN_ARRAY + 8 * i, NS + base, bytes.length);
    });
    const outBases = outputSizes.map((size, i) => {
      const base = place(size);
      w.vec(NS + OUT_ARRAY + 8 * i, NS + base, size);
      return base;
    });
    const status = w.spm.psa_call(handle, callPack(type, inputs.length, outputSizes.length), NS + IN_ARRAY, NS + OUT_ARRAY);
    const outputs = outBases.map((base, i) => Buffer.from(w.ns.subarray(base, base + w.map.u32(NS + OUT_ARRAY + 8 * i + 4))));
    return { status, outputs };
  };

  return {
    call,
    /** psa_connect to a connection-based service by name: the handle, or the (negative) status. */
    connect: (name: string, version?: number) => w.spm.psa_connect(service(name).sid, version ?? service(name).version),
    close: (handle: number) => w.spm.psa_close(handle),
    version: (name: string) => w.spm.psa_version(service(name).sid),
    /**
     * NSCE (tfm_ns_client_ext.h) as an NS scheduler drives it: init reserves context slots,
     * acquire gives a group's token, load makes its context (and NSID) the caller, save leaves it.
     * Each returns what the veneer returns (a token, a count, or TFM_NS_CLIENT_ERR_*).
     */
    nsce: {
      init: (contexts: number) => w.spm.tfm_nsce_init(contexts),
      acquire: (group: number, thread = 0) => w.spm.tfm_nsce_acquire_ctx(group, thread),
      load: (token: number, nsid: number) => w.spm.tfm_nsce_load_ctx(token, nsid),
      save: (token: number) => w.spm.tfm_nsce_save_ctx(token),
      release: (token: number) => w.spm.tfm_nsce_release_ctx(token),
    },
    /**
     * Runs `calls` as the NS task with this NSID in NSCE group `group`: services see its client ID
     * (the NSID itself with nsManageNsid, else -1, TF-M's one NS client ID). The group's
     * context stays acquired; nsce.release ends it and drops its connections, as TF-M's does.
     */
    asClient: <T>(nsid: number, calls: () => T, group = 0): T => {
      const token = w.spm.tfm_nsce_acquire_ctx(group, 0);
      const loaded = w.spm.tfm_nsce_load_ctx(token, nsid);
      if (loaded !== 0) throw new Error(`tfm_nsce_load_ctx(group ${group}, NSID ${nsid}) = ${loaded}: did nsce.init reserve a context for the group, and is the NSID negative?`);
      try {
        return calls();
      } finally {
        // Saved, not released: the group keeps its context, and its connections stay open.
        w.spm.tfm_nsce_save_ctx(token);
      }
    },
    /** Everything the secure side printed so far (partition panics included). */
    uart: () => w.uart(),
    /** The partitions that panicked so far, by name, from the SPM's lines. */
    panicked: () => [...w.uart().matchAll(/^\[SPM\] partition (\S+) \(pid \d+\) panicked: (.*)$/gm)].map((m) => ({ partition: m[1], reason: m[2] })),
  };
}
