/** JSON schemas of the YAML inputs. Key names are TF-M's so its manifests read the same here. */

const cIdentifier = {
  type: "string",
  pattern: "^[A-Z][A-Z0-9_]*$",
  description: "must be an upper-case C identifier such as TFM_SP_ECHO",
};

const sid = {
  type: ["integer", "string"],
  minimum: 1,
  maximum: 0xffffffff,
  pattern: "^0[xX][0-9a-fA-F]{1,8}$",
  description: 'must be a SID: a 32-bit integer, or a hex string such as "0x0000F100"',
};

export const partitionManifestSchema = {
  type: "object",
  additionalProperties: false,
  required: ["psa_framework_version", "name", "type", "model", "services"],
  properties: {
    psa_framework_version: { enum: [1.0, 1.1] },
    name: cIdentifier,
    type: { enum: ["PSA-ROT", "APPLICATION-ROT"] },
    model: { enum: ["SFN", "IPC"] },
    heap_size: { type: "integer", minimum: 0, maximum: 0x100000 },
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
          version: { type: "integer", minimum: 1, maximum: 255 },
          version_policy: { enum: ["STRICT", "RELAXED"] },
          non_secure_clients: { type: "boolean" },
        },
      },
    },
  },
} as const;

export const manifestListSchema = {
  type: "object",
  additionalProperties: false,
  required: ["manifest_list"],
  properties: {
    description: { type: "string" },
    type: { enum: ["manifest_list"] },
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
        },
      },
    },
  },
} as const;

export interface ManifestFile {
  psa_framework_version: number;
  name: string;
  type: "PSA-ROT" | "APPLICATION-ROT";
  model: "SFN" | "IPC";
  heap_size?: number;
  services: {
    name: string;
    sid: number | string;
    version?: number;
    version_policy?: "STRICT" | "RELAXED";
    non_secure_clients?: boolean;
  }[];
}

export interface ManifestListFile {
  description?: string;
  manifest_list: { description?: string; manifest: string; pid: number }[];
}
