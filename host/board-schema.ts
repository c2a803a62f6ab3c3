// boards/<name>/board.json, as a JSON schema: a board file that is incomplete or malformed is an
// error naming the file, the line and the key, never a crash deep in the build.
import { validator } from "./manifest/validate.js";

const hexWord = { type: "string", pattern: "^0x[0-9a-fA-F]{1,8}$", description: 'must be a hex string such as "0x10000000"' };
const rangeSchema = { type: "object", additionalProperties: false, required: ["base", "size"], properties: { base: hexWord, size: hexWord } };
const memorySchema = { type: "object", additionalProperties: false, required: ["code", "ram"], properties: { code: rangeSchema, ram: rangeSchema } };
const boardSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name", "description", "cpu", "qemu", "cpuClockHz", "mpuRegions", "secure", "nonSecure", "uart", "nsccfg", "mpcs", "irqLines"],
  properties: {
    name: { type: "string", pattern: "^[a-z0-9-]+$", description: "must be the board's folder name (lower case, digits, -)" },
    description: { type: "string" },
    cpu: { enum: ["cortex-m33", "cortex-m35p", "cortex-m55", "cortex-m85"] },
    qemu: { type: "object", additionalProperties: false, required: ["machine"], properties: { machine: { type: "string" } } },
    cpuClockHz: { type: "integer", minimum: 1, description: "must be the CPU clock in Hz (a positive whole number)" },
    mpuRegions: { enum: [4, 8, 12, 16] },
    secure: memorySchema,
    nonSecure: memorySchema,
    uart: hexWord,
    nsccfg: hexWord,
    mpcs: {
      type: "array",
      items: {
        type: "object", additionalProperties: false, required: ["name", "base", "memory", "size"],
        properties: { name: { type: "string" }, base: hexWord, memory: hexWord, size: hexWord },
      },
    },
    irqLines: { type: "integer", minimum: 1, maximum: 480 },
    peripherals: {
      type: "object",
      additionalProperties: {
        type: "object", additionalProperties: false, required: ["base", "size"],
        properties: { base: hexWord, size: hexWord, irq: { type: "integer", minimum: 0 } },
      },
    },
    irqNames: { type: "object", additionalProperties: { type: "integer", minimum: 0 } },
  },
};
interface RawRange { base: string; size: string }
export interface RawBoard {
  name: string; description: string; cpu: string; qemu: { machine: string }; cpuClockHz: number; mpuRegions: number;
  secure: { code: RawRange; ram: RawRange }; nonSecure: { code: RawRange; ram: RawRange }; uart: string; nsccfg: string;
  mpcs: { name: string; base: string; memory: string; size: string }[]; irqLines: number;
  peripherals?: Record<string, RawRange & { irq?: number }>; irqNames?: Record<string, number>;
}
export const readBoard = validator<RawBoard>(boardSchema);
