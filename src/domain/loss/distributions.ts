/**
 * The three distributions the loss model needs, written out so the domain depends on no library:
 * the standard normal's CDF and inverse (for the lognormal severity and its closed-form capped
 * mean) and the Poisson's inverse CDF (for the number of incidents in a year).
 */

/**
 * Complementary error function, W. J. Cody's rational Chebyshev form as given in Numerical
 * Recipes (`erfcc`): fractional error below 1.2e-7 everywhere, far finer than the figures shown.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Φ(x), the standard normal CDF. */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  return 0.5 * erfc(-x / Math.SQRT2);
}

const QA = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
] as const;
const QB = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
] as const;
const QC = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const;
const QD = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416,
] as const;

/**
 * Φ⁻¹(p) by P. J. Acklam's rational approximation (relative error below 1.2e-9). Increasing in
 * p, which the simulation relies on: a larger uniform never gives a smaller loss.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  // The coefficients are module constants: the simulation calls this once per incident, and
  // literal arrays here were rebuilt on every call.
  const a = QA;
  const b = QB;
  const c = QC;
  const d = QD;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * The smallest k with P(N ≤ k) > u for N ~ Poisson(λ): the inverse CDF, so for a fixed u it never
 * decreases as λ grows. Summed term by term, which is exact enough for the rates a year of one
 * vector has (λ well under 100).
 */
export function poissonQuantile(u: number, lambda: number): number {
  if (lambda <= 0) return 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  // The cap only guards against u within rounding of 1; no real rate reaches it.
  while (u >= cdf && k < 10_000) {
    k += 1;
    p *= lambda / k;
    cdf += p;
    if (p === 0) break;
  }
  return k;
}

/**
 * The parameters of a lognormal with the given median and mean: μ = ln(median) and
 * σ = √(2 ln(mean / median)), since mean = median · e^{σ²/2}. A mean equal to the median is the
 * degenerate case σ = 0 (a fixed severity); a mean below it has no lognormal and is refused.
 */
export function lognormalFromMedianMean(
  median: number,
  mean: number,
): { readonly mu: number; readonly sigma: number } {
  if (!(median > 0) || !(mean >= median)) {
    throw new RangeError(
      `expected 0 < median ≤ mean, got median ${String(median)}, mean ${String(mean)}`,
    );
  }
  return { mu: Math.log(median), sigma: Math.sqrt(2 * Math.log(mean / median)) };
}

/**
 * E[min(X, cap)] for X ~ LN(μ, σ): the mean of one incident's loss once it cannot exceed what the
 * vector reaches. e^{μ+σ²/2} Φ((ln cap − μ − σ²)/σ) + cap (1 − Φ((ln cap − μ)/σ)).
 */
export function cappedLognormalMean(mu: number, sigma: number, cap: number): number {
  if (!(cap > 0)) return 0;
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  if (sigma === 0 || cap === Infinity) return Math.min(mean, cap);
  const lc = Math.log(cap);
  const value =
    mean * normalCdf((lc - mu - sigma * sigma) / sigma) + cap * (1 - normalCdf((lc - mu) / sigma));
  // The approximation of Φ must not lift the result past what min(X, cap) allows.
  return Math.min(value, cap, mean);
}
