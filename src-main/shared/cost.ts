// Money as the supervisor reads it. One rule per kind of figure, everywhere (list, detail,
// overview, CSV export):
// - a single call's cost always has 3 decimals, because the platform bills in tenths of a cent
//   ($0.139); $0.120 beside $0.079 lines up in a column;
// - a total (a sum over calls) has 2 decimals, in whole cents ($23.93).
// Shared by main and the renderer: no Node, electron, DOM or React here.

export const CALL_COST_DECIMALS = 3;
export const TOTAL_COST_DECIMALS = 2;

const money = (decimals: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    // A refund rounded to zero reads $0.000, not -$0.000.
    signDisplay: 'negative',
  });
const callCost = money(CALL_COST_DECIMALS);
const totalCost = money(TOTAL_COST_DECIMALS);
const callAmount = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: CALL_COST_DECIMALS,
  maximumFractionDigits: CALL_COST_DECIMALS,
  useGrouping: false,
  signDisplay: 'negative',
});

const usable = (value: number | null): value is number => value !== null && Number.isFinite(value);

/** One call's cost: 0.12 → "$0.120"; null when unknown. */
export function formatCallCost(cost: number | null): string | null {
  return usable(cost) ? callCost.format(cost) : null;
}

/** A sum of costs: 23.933 → "$23.93"; null when unknown. */
export function formatTotalCost(total: number | null): string | null {
  return usable(total) ? totalCost.format(total) : null;
}

/** One call's cost as a plain number for a spreadsheet, with the same 3 decimals: "0.120". */
export function callCostAmount(cost: number | null): string | null {
  return usable(cost) ? callAmount.format(cost) : null;
}
