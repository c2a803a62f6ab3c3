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
    layer: [
      { mark: "bar", encoding: { y: { field: "instructions", type: "quantitative", scale: { type: "log" }, title: "instructions (log)" } } },
      { mark: { type: "tick", color: "black", thickness: 2 }, encoding: { y: { field: "floor", type: "quantitative" } } },
    ],
    config: { background: "white" },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  return view.toSVG();
}
