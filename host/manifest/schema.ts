/** JSON schemas of the YAML inputs. Key names are TF-M's so its manifests read the same here. */

const cIdentifier = {
  type: "string",
  pattern: "^[A-Z][A-Z0-9_]*$",
  description: "must be an upper-case C identifier such as TFM_SP_ECHO",
};

const functionName = {
  type: "string",
  pattern: "^[a-z_][a-z0-9_]*$",
  description: "must be the lower-case name of a function the partition exports, such as tfm_echo_main",
};

const u32 = (description: string, minimum = 0) => ({
  type: ["integer", "string"],
  minimum,
  maximum: 0xffffffff,
  pattern: "^0[xX][0-9a-fA-F]{1,8}$",
  description,
});

const sid = u32('must be a SID: a 32-bit integer, or a hex string such as "0x0000F100"', 1);
const size = u32('must be a size in bytes: an integer, or a hex string such as "0x0800"');

const mmioRegion = {
  type: "object",
  additionalProperties: false,
  properties: {
    name: cIdentifier,
    base: u32('must be an address: an integer, or a hex string such as "0x40000000"'),
    size,
    permission: { enum: ["READ-ONLY", "READ-WRITE"] },
  },
} as const;

const irq = {
  type: "object",
  additionalProperties: false,
  required: ["source"],
  properties: {
    source: { type: ["integer", "string"], minimum: 0, maximum: 479, description: "an IRQ number or the name of one" },
    name: cIdentifier,
    signal: cIdentifier,
    handling: { enum: ["SLIH", "FLIH"] },
    description: { type: "string" },
  },
} as const;

export const partitionManifestSchema = {
  type: "object",
  additionalProperties: false,
  required: ["psa_framework_version", "name", "type", "model", "services"],
  properties: {
    description: { type: "string" },
    psa_framework_version: { enum: [1.0, 1.1] },
    name: cIdentifier,
    type: { enum: ["PSA-ROT", "APPLICATION-ROT"] },
    priority: { enum: ["HIGH", "NORMAL", "LOW", "LOWEST"] },
    model: { enum: ["SFN", "IPC"] },
    entry_point: functionName,
    entry_init: functionName,
    stack_size: size,
    heap_size: size,
    "boot-order": { type: "integer", minimum: 0, maximum: 65535 },
    // bulkhead's own: the longest the partition may run without handing the CPU back to the SPM.
    watchdog_ms: { type: "integer", minimum: 1, maximum: 60000, description: "must be the budget in milliseconds, 1 to 60000" },
    // bulkhead's own: the restart policy; at most this many restarts after panics, then dead.
    restarts: { type: "integer", minimum: 0, maximum: 255, description: "must be how many times the partition may be restarted after a panic, 0 to 255" },
    services: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "sid"],
        properties: {
          name: cIdentifier,
          sid,
          description: { type: "string" },
          version: { type: "integer", minimum: 1, maximum: 255 },
          version_policy: { enum: ["STRICT", "RELAXED"] },
          non_secure_clients: { type: "boolean" },
          connection_based: { type: "boolean" },
          stateless_handle: {
            type: ["integer", "string"],
            minimum: 1,
            maximum: 32,
            pattern: "^auto$",
            description: 'must be a stateless handle index from 1 to 32, or "auto"',
          },
          mm_iovec: { enum: ["enable", "disable"] },
        },
      },
    },
    mmio_regions: { type: "array", items: mmioRegion },
    irqs: { type: "array", items: irq },
    dependencies: { type: "array", items: cIdentifier },
  },
} as const;

export const manifestListSchema = {
  type: "object",
  additionalProperties: false,
  required: ["manifest_list"],
  properties: {
    description: { type: "string" },
    type: { enum: ["manifest_list"] },
    version_major: { type: "integer" },
    version_minor: { type: "integer" },
    manifest_list: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["manifest", "pid"],
        properties: {
          description: { type: "string" },
          manifest: { type: "string", minLength: 1 },
          pid: { type: "integer", minimum: 256, maximum: 0x7fffffff },
          conditional: cIdentifier,
        },
      },
    },
  },
} as const;

type U32 = number | string;

export interface ManifestFile {
  psa_framework_version: number;
  name: string;
  type: "PSA-ROT" | "APPLICATION-ROT";
  priority?: "HIGH" | "NORMAL" | "LOW" | "LOWEST";
  model: "SFN" | "IPC";
  entry_point?: string;
  entry_init?: string;
  stack_size?: U32;
  heap_size?: U32;
  "boot-order"?: number;
  watchdog_ms?: number;
  restarts?: number;
  services: {
    name: string;
    sid: U32;
    version?: number;
    version_policy?: "STRICT" | "RELAXED";
    non_secure_clients?: boolean;
    connection_based?: boolean;
    stateless_handle?: number | "auto";
    mm_iovec?: "enable" | "disable";
  }[];
  mmio_regions?: { name?: string; base?: U32; size?: U32; permission?: "READ-ONLY" | "READ-WRITE" }[];
  irqs?: { source: number | string; name?: string; signal?: string; handling?: "SLIH" | "FLIH" }[];
  dependencies?: string[];
}

export interface ManifestListFile {
  description?: string;
  manifest_list: { description?: string; manifest: string; pid: number; conditional?: string }[];
}

/** A size or address key: YAML integers, or hex strings as TF-M's manifests write them. */
export function u32Value(v: U32): number {
  return typeof v === "string" ? parseInt(v, 16) : v;
}
