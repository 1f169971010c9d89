// Medians and 95th percentiles, the same in every benchmark (and in the search page, which
// imports this in the browser). A percentile is the nearest rank: a value that was measured.
//
//   quantile(xs, q)   the q-quantile of xs (0 < q ≤ 1)
//   summary(xs)       { median, p95, runs }

export function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))];
}

export const summary = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95), runs: xs.length });
