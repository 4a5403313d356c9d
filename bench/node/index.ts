// Entry of the Node part of `npm run bench`, bundled by scripts/bench.mjs with esbuild.
export { benchOrders, FXP_VERSION, measureOrderCpu, measureParseSpeed, type OrderCpuRow, type ParseSpeedRow } from "./parse-and-map";
export { measureFanoutCpu, type FanoutCpuResult } from "./cron-fanout-cpu";
export { allotmentCovers, PRICES, priceUsage, WORKERS_PAID_MINIMUM_USD_PER_MONTH, type PricedMeter, type Usage } from "../lib/pricing";
export { measureActivityCpu, type ActivityCpuRow } from "./activity-cpu";
