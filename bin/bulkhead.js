#!/usr/bin/env node
// The `bulkhead` command. host/ is TypeScript, loaded through tsx so there is no separate
// compile step between editing the build tool and running it.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../host/cli/main.ts");
process.exitCode = await main(process.argv);
