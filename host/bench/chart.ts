import * as vega from "vega";
import * as vl from "vega-lite";
import type { Results } from "./report.js";
import { configName } from "./report.js";
import { SCENARIOS } from "./scenarios.js";

/**
 * Grouped bars: instructions per operation for each scenario (one group) and configuration (one
 * bar), log scale, with each configuration's floor marked as a tick on its bar. Drawn by
 * Vega-Lite (no DOM needed to render SVG).
 */
const LOG = { type: "log", domainMin: 10, nice: true } as const;

export async function chartSvg(r: Results): Promise<string> {
  // The board TF-M's anchor figures were measured on, when it was benched.
  const board = r.runs.some((x) => x.board === "mps2-an521") ? "mps2-an521" : r.runs[0]?.board;
  const rows = r.runs.filter((x) => x.board === board && SCENARIOS.some((s) => s.name === x.scenario))
    .map((x) => ({ scenario: x.scenario, config: configName(x), instructions: x.instructions_per_op, floor: x.instructions_per_op / x.floor_multiple }));
  const spec: vl.TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `bulkhead on ${board}: instructions per operation (QEMU -icount shift=0; tick = floor)`,
    width: 640,
    height: 320,
    data: { values: rows },
    encoding: {
      x: { field: "scenario", type: "nominal", sort: SCENARIOS.map((s) => s.name), axis: { labelAngle: -20 } },
      xOffset: { field: "config", type: "nominal" },
      color: { field: "config", type: "nominal", title: "configuration" },
    },
    // Both layers on the one log scale (a layer left linear makes the shared scale unusable), from
    // 10 instructions, since a log-scale bar needs a baseline above zero.
    layer: [
      { mark: "bar", encoding: { y: { field: "instructions", type: "quantitative", scale: LOG, title: "instructions (log)" }, y2: { datum: LOG.domainMin } } },
      { mark: { type: "tick", thickness: 2 }, encoding: { y: { field: "floor", type: "quantitative", scale: LOG }, color: { value: "black" } } },
    ],
    config: { background: "white" },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}
