//! A fast, accurate `e^x` for the activation functions, which spend most of a small network's
//! time in it.
//!
//! The standard library's `exp` is an out-of-line libm call with special-case branches; these
//! networks call it a dozen times per sample. This version is straight-line arithmetic the
//! compiler inlines into the activation loops, with the same accuracy for our purposes (a few
//! units in the last place).
//!
//! Method (the classic Cody–Waite reduction, as in Muller, *Elementary Functions*, ch. 11):
//! write `x = k·ln 2 + r` with `k = round(x / ln 2)` and `|r| ≤ ln 2 / 2`, using `ln 2` split
//! into a high part with trailing zero bits and a low correction so `k·ln2_hi` is exact; take
//! `e^r` from its Taylor polynomial to degree 13 (truncation error below 1e-17 on that interval),
//! evaluated with Estrin's scheme for a short dependency chain; then scale by `2^k`, built from
//! exponent bits in two halves so that results down to the subnormal range and up to overflow
//! come out right.

/// High part of `ln 2` (its last 32 bits are zero, so `k · LN2_HI` is exact for |k| < 2^20).
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
/// `ln 2 - LN2_HI`.
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// `1 / ln 2`.
const INV_LN2: f64 = std::f64::consts::LOG2_E;
/// Adding then subtracting `1.5 · 2^52` rounds a double of magnitude below `2^51` to the nearest
/// integer without a libm call.
const ROUNDER: f64 = 6_755_399_441_055_744.0;

/// `1 / n!` for n = 0..=13.
const INV_FACTORIAL: [f64; 14] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// `2^k` for `|k| ≤ 1022`, built from its exponent bits.
#[inline(always)]
fn pow2(k: i64) -> f64 {
    f64::from_bits((k.wrapping_add(1023) as u64) << 52)
}

/// `e^x`: infinity above about 709.78, zero below about -745.1, NaN for NaN.
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    // Beyond these bounds the result has already overflowed or underflowed; clamping keeps `k`
    // in range (NaN passes through `clamp` unchanged and stays NaN).
    let x_clamped = x.clamp(-746.0, 710.0);
    let shifted = x_clamped * INV_LN2 + ROUNDER;
    let k = shifted - ROUNDER;
    // `shifted` has a unit last place, so its bits count `k` up from ROUNDER's: the integer
    // `k` without a float-to-int conversion.
    let k_int = shifted.to_bits().wrapping_sub(ROUNDER.to_bits()) as i64;
    let r = (x_clamped - k * LN2_HI) - k * LN2_LO;
    let c = &INV_FACTORIAL;
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let p01 = c[0] + c[1] * r;
    let p23 = c[2] + c[3] * r;
    let p45 = c[4] + c[5] * r;
    let p67 = c[6] + c[7] * r;
    let p89 = c[8] + c[9] * r;
    let p1011 = c[10] + c[11] * r;
    let p1213 = c[12] + c[13] * r;
    let low = (p01 + p23 * r2) + (p45 + p67 * r2) * r4;
    let high = (p89 + p1011 * r2) + p1213 * r4;
    let poly = low + high * r8;
    // 2^k in two factors, so neither leaves the normal range even when the product does.
    let half = k_int >> 1;
    poly * pow2(half) * pow2(k_int.wrapping_sub(half))
}

#[cfg(test)]
mod tests {
    use super::exp;

    fn ulps(a: f64, b: f64) -> u64 {
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    #[test]
    fn matches_the_standard_library_to_a_few_ulps() {
        let mut worst = 0;
        let mut x = -745.0;
        while x < 709.7 {
            let (ours, std) = (exp(x), x.exp());
            if std.is_normal() {
                worst = worst.max(ulps(ours, std));
            } else {
                assert!((ours - std).abs() <= f64::MIN_POSITIVE * 1e-3, "{x}");
            }
            x += 0.0137;
        }
        assert!(worst <= 4, "worst error {worst} ulps");
        for x in [-1e-300, 0.0, 1e-17, 1e-9, -0.5, 0.3466, -0.3466, 1.0] {
            assert!(ulps(exp(x), x.exp()) <= 2, "{x}");
        }
    }

    #[test]
    fn edges() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(-746.0), 0.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert!(exp(709.7).is_finite());
        assert!(exp(-744.0) > 0.0);
    }
}
