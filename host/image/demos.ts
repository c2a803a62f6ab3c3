import { join } from "node:path";
import { ROOT } from "./wasm.js";
import type { BuildOptions } from "./build.js";

/** Images beyond the default one, by name (`bulkhead run --demo <name>`). */
export const DEMOS = {
  /** NS tasks of several NSCE groups under the NS scheduler, each seen by services with its own client ID. */
  nsce: {
    manifestList: join(ROOT, "demo", "nsce", "manifest_list.yaml"),
    nsApp: join(ROOT, "demo", "nsce", "ns_app.ts"),
    nsSources: ["scheduler.c", "nsid_manager.c"].map((f) => join(ROOT, "boards", "armv8m", "ns_scheduler", f)).concat(join(ROOT, "demo", "nsce", "tasks.c")),
    variant: "nsce",
  },
  /** Published Crypto vectors and ITS from NS code in C (psa/crypto.h, psa/internal_trusted_storage.h); ITS across a warm reset. */
  "trusted-services": {
    nsApp: join(ROOT, "demo", "trusted-services", "ns_app.ts"),
    nsSources: [join(ROOT, "demo", "trusted-services", "vectors.c")],
    variant: "trusted-services",
  },
} satisfies Record<string, Partial<BuildOptions>>;

export type DemoName = keyof typeof DEMOS;
