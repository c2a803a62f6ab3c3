import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdirSync } from "node:fs";
import { tempDir } from "./support/temp-dir.ts";
import { join } from "node:path";
import { loadPartitions } from "../host/manifest/load.ts";
import { manifestHeaders, spmTables, statelessHandle } from "../host/manifest/codegen.ts";
import { bootOrder } from "../host/manifest/boot-order.ts";
import { resolveBoardNames } from "../host/manifest/board-names.ts";
import { loadBoard } from "../host/board.ts";
import { DEFAULT_MANIFEST_LIST, buildWasm } from "../host/image/build.ts";
import { Progress } from "../host/image/progress.ts";
import { ROOT } from "../host/image/wasm.ts";
import { checkIsolation } from "../host/manifest/isolation.ts";

const LEVEL_1 = { level: 1, rules: [], board: loadBoard("mps2-an521") };
const NSCE_OFF = { contexts: 0, manageNsid: false };

const GOOD = `psa_framework_version: 1.1
name: TFM_SP_A
type: PSA-ROT
model: SFN
services:
  - name: A_SERVICE
    sid: 0x0000F000
    version: 1
`;

/** A project with one manifest per entry; returns the list's path. */
function project(manifests: string[], list?: string): string {
  const dir = tempDir("manifest");
  manifests.forEach((text, i) => {
    mkdirSync(join(dir, `p${i}`));
    writeFileSync(join(dir, `p${i}`, "manifest.yaml"), text);
    writeFileSync(join(dir, `p${i}`, "partition.ts"), "");
  });
  const entries = manifests.map((_, i) => `  - manifest: p${i}/manifest.yaml\n    pid: ${256 + i}\n`).join("");
  writeFileSync(join(dir, "list.yaml"), list ?? `manifest_list:\n${entries}`);
  return join(dir, "list.yaml");
}

function errorOf(list: string): string {
  try {
    loadPartitions(list);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail("expected the manifests to be rejected");
}

test("the reference manifests load into partitions with build-assigned service rows", () => {
  const [echo] = loadPartitions(DEFAULT_MANIFEST_LIST, { CONFIG_TFM_SPM_BACKEND_IPC: false });
  assert.equal(echo.name, "TFM_SP_ECHO");
  assert.equal(echo.services[0].sid, 0xf100);
  assert.equal(echo.services[0].sfnExport, "tfm_echo_service_sfn");
  assert.equal(statelessHandle(echo.services[0]), 0x40000101);
  assert.match(spmTables([echo], "sfn", LEVEL_1, NSCE_OFF), /0x0000f100, 0, 1, 7, 4, \/\/ TFM_ECHO_SERVICE/);
  assert.match(manifestHeaders([echo])["psa_manifest/sid.ts"], /export const TFM_ECHO_SERVICE_HANDLE: i32 = 1073742081;/);
});

test("a missing key names the file, the line and the key", () => {
  const msg = errorOf(project([GOOD.replace("model: SFN\n", "")]));
  assert.match(msg, /p0\/manifest\.yaml:1: missing required key 'model'/);
});

test("a value of the wrong type names the key, its line and what is allowed", () => {
  const msg = errorOf(project([GOOD.replace("    version: 1", "    version: one")]));
  assert.match(msg, /manifest\.yaml:8: services\[0\]\.version: must be an integer/);
});

test("an unknown key is rejected with the keys allowed there", () => {
  const msg = errorOf(project([GOOD.replace("    version: 1\n", "    version: 1\n    colour: red\n")]));
  assert.match(msg, /manifest\.yaml:9: services\[0\]\.colour: unknown key; allowed keys here: name, sid, description, version, version_policy, non_secure_clients, connection_based, stateless_handle, mm_iovec/);
});

test("an enum value outside the allowed set lists the allowed values", () => {
  const msg = errorOf(project([GOOD.replace("type: PSA-ROT", "type: ROOT")]));
  assert.match(msg, /manifest\.yaml:3: type: must be one of "PSA-ROT", "APPLICATION-ROT"/);
});

test("a malformed SID string says what a SID looks like", () => {
  const msg = errorOf(project([GOOD.replace("sid: 0x0000F000", 'sid: "F000"')]));
  assert.match(msg, /manifest\.yaml:7: services\[0\]\.sid: must be a SID: a 32-bit integer, or a hex string/);
});

test("every problem in a manifest is reported at once", () => {
  const msg = errorOf(project([GOOD.replace("model: SFN\n", "").replace("type: PSA-ROT", "type: 7")]));
  assert.equal(msg.split("\n").length, 2);
});

test("a SID used twice across partitions is rejected at the second use", () => {
  const other = GOOD.replace("TFM_SP_A", "TFM_SP_B").replace("A_SERVICE", "B_SERVICE");
  const msg = errorOf(project([GOOD, other]));
  assert.match(msg, /p1\/manifest\.yaml:7: services\[0\]\.sid: SID 0xf000 is also used by A_SERVICE \(TFM_SP_A\)/);
});

test("the manifest list is validated too", () => {
  const msg = errorOf(project([GOOD], "manifest_list:\n  - manifest: p0/manifest.yaml\n    pid: 12\n"));
  assert.match(msg, /list\.yaml:3: manifest_list\[0\]\.pid: must be >= 256/);
});

test("a list entry naming a missing manifest is reported with its line", () => {
  const msg = errorOf(project([GOOD], "manifest_list:\n  - manifest: nowhere.yaml\n    pid: 300\n"));
  assert.match(msg, /list\.yaml:2: manifest_list\[0\]\.manifest: no such file: nowhere\.yaml/);
});

test("YAML syntax errors carry the line", () => {
  const msg = errorOf(project([GOOD.replace("model: SFN", "model: [SFN")]));
  assert.match(msg, /manifest\.yaml:\d+: YAML syntax/);
});

const IPC = `psa_framework_version: 1.1
name: TFM_SP_I
type: APPLICATION-ROT
model: IPC
entry_point: tfm_i_main
services:
  - name: I_SERVICE
    sid: 0x0000F200
`;

test("a dependency on a service no partition provides is named", () => {
  const msg = errorOf(project([GOOD + "dependencies:\n  - NO_SUCH_SERVICE\n"]));
  assert.match(msg, /p0\/manifest\.yaml:10: dependencies\[0\]: no partition of this build provides service NO_SUCH_SERVICE/);
});

test("a stateless handle index used twice is rejected at the second use", () => {
  const stateless = (name: string, sid: string) => GOOD.replace("TFM_SP_A", `TFM_SP_${name}`).replace("A_SERVICE", `${name}_SERVICE`).replace("0x0000F000", sid) + "    connection_based: false\n    stateless_handle: 3\n";
  const msg = errorOf(project([stateless("A", "0x0000F000"), stateless("B", "0x0000F001")]));
  assert.match(msg, /p1\/manifest\.yaml:\d+: services\[0\]\.stateless_handle: stateless handle 3 is also used by A_SERVICE \(TFM_SP_A\)/);
});

test("a stateless handle on a connection-based service is rejected", () => {
  const msg = errorOf(project([GOOD + "    stateless_handle: 2\n"]));
  assert.match(msg, /services\[0\]\.stateless_handle: a stateless handle needs connection_based: false/);
});

test("more services and IRQs than a partition has signals", () => {
  const services = Array.from({ length: 29 }, (_, i) => `  - name: S${i}\n    sid: ${0xa000 + i}\n`).join("");
  const msg = errorOf(project([GOOD.slice(0, GOOD.indexOf("services:")) + "services:\n" + services]));
  assert.match(msg, /services: 29 services \+ 0 irqs need 29 signals; a partition has 28/);
});

test("a stack too small for a PSA call is rejected with the minimum", () => {
  const msg = errorOf(project([IPC + "stack_size: 0x100\n"]));
  assert.match(msg, /stack_size: 256 bytes is too small; at least 512/);
});

test("model rules: an IPC partition needs entry_point, an SFN partition has none", () => {
  assert.match(errorOf(project([IPC.replace("entry_point: tfm_i_main\n", "")])), /entry_point: an IPC partition needs entry_point/);
  assert.match(errorOf(project([GOOD + "entry_point: tfm_a_main\n"])), /entry_point: an SFN partition has no thread; use entry_init/);
});

test("a dependency cycle is a build error naming the partitions in it", () => {
  const a = GOOD + "dependencies:\n  - B_SERVICE\n";
  const b = GOOD.replace("TFM_SP_A", "TFM_SP_B").replace("A_SERVICE", "B_SERVICE").replace("0x0000F000", "0x0000F001") + "dependencies:\n  - A_SERVICE\n";
  const list = project([a, b]);
  assert.throws(() => bootOrder(loadPartitions(list)), /dependency cycle among TFM_SP_A, TFM_SP_B/);
});

test("boot order: dependencies first, then boot-order, then priority, then list order", () => {
  const p = (name: string, extra: string) => GOOD.replace("TFM_SP_A", `TFM_SP_${name}`).replace("A_SERVICE", `${name}_SERVICE`).replace("0x0000F000", `0x0000F0${name.charCodeAt(0).toString(16)}`) + extra;
  const list = project([p("A", "dependencies:\n  - D_SERVICE\n"), p("B", "priority: LOW\n"), p("C", "priority: HIGH\n"), p("D", "boot-order: 9\n")]);
  assert.deepEqual(bootOrder(loadPartitions(list)).map((i) => "ABCD"[i]), ["D", "C", "A", "B"]);
});

test("a manifest-list conditional must name a switch the build knows", () => {
  const msg = errorOf(project([GOOD], "manifest_list:\n  - manifest: p0/manifest.yaml\n    pid: 300\n    conditional: TFM_PARTITION_NOPE\n"));
  assert.match(msg, /list\.yaml:4: manifest_list\[0\]\.conditional: unknown switch TFM_PARTITION_NOPE; switches of this build: none/);
});

test("IRQ sources and MMIO regions named in TF-M's way resolve through the board, or name what the board has", () => {
  const withDevices = (irq: string, region: string) => `${GOOD}mmio_regions:\n  - name: ${region}\n    permission: READ-WRITE\nirqs:\n  - source: ${irq}\n    name: T_IRQ\n    handling: SLIH\n`;
  const board = loadBoard("mps2-an521");
  const good = loadPartitions(project([withDevices("TFM_TIMER0_IRQ", "TFM_PERIPHERAL_TIMER0")]));
  resolveBoardNames(good, board);
  assert.equal(good[0].irqs[0].line, 3);
  assert.deepEqual([good[0].mmioRegions[0].base, good[0].mmioRegions[0].size], [0x50000000, 0x1000]);
  assert.match(spmTables(good, "sfn", LEVEL_1, NSCE_OFF), /IRQ_COUNT: u32 = 1;[\s\S]*  3, 0, 5, 0, \/\/ T_IRQ \(TFM_SP_A\)/);

  const bad = (manifests: string[]) => {
    const partitions = loadPartitions(project(manifests));
    assert.throws(() => resolveBoardNames(partitions, board), (e: Error) => (messages.push(e.message), true));
  };
  const messages: string[] = [];
  bad([withDevices("TFM_UART9_IRQ", "TFM_PERIPHERAL_TIMER0")]);
  bad([withDevices("200", "TFM_PERIPHERAL_TIMER0")]);
  bad([withDevices("TFM_TIMER0_IRQ", "TFM_PERIPHERAL_NOPE")]);
  bad([withDevices("TFM_TIMER0_IRQ", "TFM_PERIPHERAL_TIMER0"), withDevices("3", "TFM_PERIPHERAL_TIMER1").replace("TFM_SP_A", "TFM_SP_B").replace("A_SERVICE", "B_SERVICE").replace("0x0000F000", "0x0000F001")]);
  assert.match(messages[0], /manifest\.yaml:\d+: irqs\[0\]\.source: mps2-an521 has no IRQ named TFM_UART9_IRQ; named sources: TFM_TIMER0_IRQ, TFM_TIMER1_IRQ, TFM_S32KTIMER_IRQ \(or give the IRQ number\)/);
  assert.match(messages[1], /irqs\[0\]\.source: IRQ 200 does not exist on mps2-an521: its lines are 0\.\.91/);
  assert.match(messages[2], /mmio_regions\[0\]\.name: mps2-an521 has no peripheral named TFM_PERIPHERAL_NOPE; named regions: TFM_PERIPHERAL_TIMER0, TFM_PERIPHERAL_TIMER1/);
  bad([`${GOOD}mmio_regions:\n  - base: 0x50000002\n    size: 2\n`]);
  assert.match(messages[4], /mmio_regions\[0\]: base and size must be multiples of 4, size at least 4/);
  assert.match(messages[3], /p1\/manifest\.yaml:\d+: irqs\[0\]\.source: IRQ 3 is already handled by TFM_SP_A \(T_IRQ\)/);
});

test("isolation: a FLIH in an unprivileged partition, an MPU-unaligned peripheral and overlapping peripherals are refused with file, line and key", () => {
  const board = loadBoard("mps2-an521");
  const arot = (name: string, sid: string, mmio: string, irqs = "") =>
    GOOD.replace("TFM_SP_A", name).replace("PSA-ROT", "APPLICATION-ROT").replace("A_SERVICE", `${name}_SERVICE`).replace("0x0000F000", sid) +
    `mmio_regions:\n${mmio}${irqs}`;
  const region = (base: string, size: number) => `  - base: ${base}\n    size: ${size}\n    permission: READ-WRITE\n`;
  const refusal = (manifests: string[], level: number): string => {
    const partitions = loadPartitions(project(manifests));
    resolveBoardNames(partitions, board);
    try {
      checkIsolation(partitions, board, "ipc", level, []);
    } catch (e) {
      return (e as Error).message;
    }
    return "";
  };
  const flih = arot("TFM_SP_F", "0x0000F010", region("0x50002000", 32), "irqs:\n  - source: TFM_TIMER0_IRQ\n    name: F_IRQ\n    handling: FLIH\n");
  assert.match(refusal([flih], 2), /p0\/manifest\.yaml:\d+: irqs\[0\]\.handling: a FLIH runs in interrupt context, which is privileged; at isolation level 2 TFM_SP_F runs unprivileged \(allowed: SLIH, or make the partition PSA-ROT\)/);
  assert.equal(refusal([flih], 1), "", "at level 1 every partition is privileged, so a FLIH is fine");
  const unaligned = arot("TFM_SP_U", "0x0000F011", region("0x50002010", 16));
  assert.match(refusal([unaligned], 3), /mmio_regions\[0\]: at isolation level 3 TFM_SP_U reaches this region through an MPU region, so base and size must be multiples of 32/);
  assert.equal(refusal([unaligned], 1), "");
  const overlap = [arot("TFM_SP_X", "0x0000F012", region("0x50002000", 64)), arot("TFM_SP_Y", "0x0000F013", region("0x50002020", 32))];
  assert.match(refusal(overlap, 1), /p1\/manifest\.yaml:\d+: mmio_regions\[0\]: overlaps TFM_SP_X's region 0x50002000\.\.0x50002040: FF-M gives every partition exclusive peripheral regions/);
});

// Issue 17, item 12: the unsafe or impossible manifests a build must refuse, each with the file,
// line and key it belongs to.
test("the same manifest listed twice, and a pid used twice, are refused at the list's line", () => {
  const dir = project([GOOD, GOOD.replace("TFM_SP_A", "TFM_SP_B").replace("A_SERVICE", "B_SERVICE").replace("0x0000F000", "0x0000F001")]);
  writeFileSync(dir, "manifest_list:\n  - manifest: p0/manifest.yaml\n    pid: 256\n  - manifest: p0/manifest.yaml\n    pid: 257\n");
  assert.match(errorOf(dir), /list\.yaml:4: manifest_list\[1\]\.manifest: p0\/manifest\.yaml is already listed at line 2; a partition is listed once$/);
  writeFileSync(dir, "manifest_list:\n  - manifest: p0/manifest.yaml\n    pid: 256\n  - manifest: p1/manifest.yaml\n    pid: 256\n");
  assert.match(errorOf(dir), /list\.yaml:5: manifest_list\[1\]\.pid: pid 256 is also used by TFM_SP_A \(line 3\)$/);
  writeFileSync(dir, "manifest_list:\n  - manifest: p0\n    pid: 256\n");
  assert.match(errorOf(dir), /list\.yaml:2: manifest_list\[0\]\.manifest: p0 is not a file$/);
});

test("a partition depending on its own service is refused", () => {
  assert.match(errorOf(project([`${GOOD}dependencies:\n  - A_SERVICE\n`])), /manifest\.yaml:10: dependencies\[0\]: A_SERVICE is TFM_SP_A's own service; a partition cannot call itself/);
});

test("heap_size beyond one Wasm page is refused with the limit, never wrapped or capped", () => {
  for (const heap of ["0xFFFFFFF0", "0x20000", "0x10000"]) {
    assert.match(errorOf(project([`${GOOD}heap_size: ${heap}\n`])), /manifest\.yaml:9: heap_size: 0x[0-9a-f]+ bytes cannot fit: a partition's memory is one 64 KiB Wasm page .* heap_size is at most 0xfc00 less the static data/);
  }
});

test("a YAML alias bomb is a one-line error, not a crash", () => {
  const bomb = ["a: &a [1,1,1,1,1,1,1,1,1,1]", ...Array.from({ length: 7 }, (_, i) => `${"bcdefgh"[i]}: &${"bcdefgh"[i]} [${Array(10).fill(`*${"abcdefg"[i]}`).join(",")}]`)].join("\n");
  assert.match(errorOf(project([`${GOOD}${bomb}\n`])), /manifest\.yaml:1: YAML aliases: Excessive alias count indicates a resource exhaustion attack; expand the aliases by hand$/);
});

test("mmio_regions over memory (secure code and RAM, the NS image, the System Control Space) and a stack larger than the RAM are refused", () => {
  const board = loadBoard("mps2-an521");
  const refusal = (extra: string): string => {
    const partitions = loadPartitions(project([`${GOOD}${extra}`]));
    try {
      resolveBoardNames(partitions, board);
    } catch (e) {
      return (e as Error).message;
    }
    return "";
  };
  const region = (base: string, size: string) => `mmio_regions:\n  - base: ${base}\n    size: ${size}\n    permission: READ-WRITE\n`;
  assert.match(refusal(region("0x10000000", "0x100")), /manifest\.yaml:10: mmio_regions\[0\]: 0x10000000\.\.0x100000ff overlaps secure code \(0x10000000\.\.0x101fffff\) on mps2-an521; mmio_regions name device registers only/);
  assert.match(refusal(region("0x103fdffc", "0x8")), /overlaps secure RAM \(0x10200000\.\.0x103fdfff\)/);
  assert.match(refusal(region("0x28100000", "0x20")), /overlaps NS RAM/);
  assert.match(refusal(region("0x28000000", "0x20")), /overlaps NS code/);
  assert.match(refusal(region("0xE000ED00", "0x40")), /overlaps the System Control Space \(SCB, MPU, SAU, NVIC\)/);
  assert.equal(refusal(region("0x50002000", "0x20")), "", "a device's registers are fine");
  assert.match(refusal("stack_size: 0x400000\n"), /manifest\.yaml:9: stack_size: 0x400000 bytes is more than mps2-an521's secure RAM \(0x1fe000\)/);
  assert.match(errorOf(project([`${GOOD}stack_size: 0x404\n`])), /stack_size: must be a multiple of 8/);
});

test("a missing export is reported at the manifest key that promises it; static data plus heap must fit the page", async () => {
  const flih = `${GOOD.replace("PSA-ROT", "PSA-ROT")}irqs:\n  - source: TFM_TIMER0_IRQ\n    name: T_IRQ\n    handling: FLIH\n`;
  const list = project([flih]);
  const source = join(list, "..", "p0", "partition.ts");
  writeFileSync(source, "const buf = memory.data(64);\nexport function a_service_sfn(msg: u32): i32 { return load<i32>(buf); }\n");
  const nsApp = join(ROOT, "tests", "ns-pointers", "ns_app.ts");
  const build = (manifestList: string) => buildWasm({ board: "mps2-an521", backend: "sfn", manifestList, nsApp }, new Progress(() => {}));
  await assert.rejects(build(list), /p0\/manifest\.yaml:12: irqs\[0\]\.handling: .*partition\.ts must export t_irq_flih\(\): psa_flih_result_t/);
  writeFileSync(join(list, "..", "p0", "manifest.yaml"), `${GOOD}heap_size: 0xFC00\n`);
  await assert.rejects(build(list), /p0\/manifest\.yaml:9: heap_size: 0xfc00 bytes do not fit: TFM_SP_A's static data ends at \d+, so its heap can be at most \d+ bytes/);
});

test("watchdog_ms is a budget in milliseconds, 1 to 60000", () => {
  for (const bad of ["0", "60001", "fast"]) {
    assert.match(errorOf(project([`${GOOD}watchdog_ms: ${bad}\n`])), /manifest\.yaml:9: watchdog_ms: (must be the budget in milliseconds, 1 to 60000|must be an integer|must be >= 1|must be <= 60000)/);
  }
  assert.equal(loadPartitions(project([`${GOOD}watchdog_ms: 50\n`]))[0].watchdogMs, 50);
});

test("restarts is a count from 0 to 255", () => {
  assert.match(errorOf(project([`${GOOD}restarts: 256\n`])), /manifest\.yaml:9: restarts: (must be how many times the partition may be restarted after a panic, 0 to 255|must be <= 255)/);
  assert.equal(loadPartitions(project([`${GOOD}restarts: 3\n`]))[0].restarts, 3);
});
