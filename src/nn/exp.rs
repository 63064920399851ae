//! A fast, accurate `e^x` for the activation functions, which spend most of a small network's
//! time in it, and the logistic function built on the same steps with one division.
//!
//! The standard library's `exp` is an out-of-line libm call with special-case branches; these
//! networks call it a dozen times per sample. This version is straight-line arithmetic the
//! compiler inlines into the activation loops and vectorises, within an ulp of the standard
//! library over the whole normal range.
//!
//! Method (the reduction and the rational form of fdlibm's `exp`; Muller, *Elementary
//! Functions*, ch. 11):
//!
//! 1. Cody–Waite reduction: `x = k·ln 2 + r` with `k = round(x / ln 2)` and `|r| ≤ ln 2 / 2`,
//!    using `ln 2` split into a high part with trailing zero bits and a low correction so
//!    `k·ln2_hi` is exact.
//! 2. `e^r = 1 + 2r / (Q(r²) - r)`, which holds exactly for `Q = r·coth(r/2)`, an even function
//!    `2 + r²/6 - r⁴/360 + …`. `Q` approximates it by a polynomial of degree 5 in `t = r²`
//!    whose coefficients minimise (Remez exchange) the relative error they cause in `e^r` on
//!    `|r| ≤ ln 2 / 2`: 1.9e-19 (2^-62) after rounding them to `f64`, far below the rounding of
//!    the arithmetic; `benches/exp_coefficients.py` computes them. `Q` by Estrin's scheme
//!    (twelve multiplications and additions, counting `r²`, in a chain of six where Horner's
//!    rule has eleven) and one division are fewer instructions, and less time vectorised, than
//!    the 22 or more of a polynomial in `r` as accurate (degree 11: degree 10 leaves a
//!    relative error of 2.9e-16, over an ulp). Adding the small
//!    quotient to 1 last keeps the rounding errors small: at most 1 ulp from the standard
//!    library in our measurements.
//! 3. Scale by `2^k` in two factors whose biased exponents are the two halves of `k + 2046`,
//!    so neither leaves the normal range even when the product does: results down to the
//!    subnormal range and up to overflow come out right. The first factor is applied before
//!    the division and the final addition (`s1 · e^r = s1 + 2r·s1 / (Q - r)`, rounded exactly
//!    as the unscaled form because `s1` is a power of two and nothing there leaves the normal
//!    range), which takes one multiply off the dependency chain; the second factor takes the
//!    result into the subnormal or overflow range where it belongs.

/// High part of `ln 2` (its last 32 bits are zero, so `k · LN2_HI` is exact for |k| < 2^20).
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
/// `ln 2 - LN2_HI`.
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// `1 / ln 2`.
const INV_LN2: f64 = std::f64::consts::LOG2_E;
/// Adding then subtracting `1.5 · 2^52` rounds a double of magnitude below `2^51` to the nearest
/// integer without a libm call.
const ROUNDER: f64 = 6_755_399_441_055_744.0;

/// `Q(t) = Σ Q[i]·t^i ≈ r·coth(r/2)` for `t = r²`, `|r| ≤ ln 2 / 2`: Remez-minimax for the
/// relative error of `e^r` (see the module docs), with `Q[0] = 2` exact so that `e^0 = 1`.
const Q: [f64; 6] = [
    2.0,
    f64::from_bits(0x3FC5_5555_5555_552D), // 1.66666666666665547e-1  (1/6)
    f64::from_bits(0xBF66_C16C_16BD_9E8F), // -2.77777777766969420e-3 (-1/360)
    f64::from_bits(0x3F11_566A_AC04_A9F5), // 6.61375625027672728e-5  (1/15120)
    f64::from_bits(0xBEBB_BD3A_A354_1BAA), // -1.65338373153839456e-6 (-1/604800)
    f64::from_bits(0x3E66_348C_458F_3BED), // 4.13605298409956018e-8  (1/23950080)
];

/// `e^x` reduced to `s1 · s2 · e^r`, with `e^r = (q + r) / (q - r)`: what [`exp`] and
/// [`logistic`] share.
struct Reduced {
    /// The two powers of two whose product is `2^k`.
    s1: f64,
    s2: f64,
    /// `x - k·ln 2`, within `±ln 2 / 2`.
    r: f64,
    /// `Q(r²) ≈ r·coth(r/2)`.
    q: f64,
}

/// Below this `e^x` has underflowed to 0.
const EXP_FLOOR: f64 = -746.0;
/// Above this `e^x` has overflowed to infinity.
const EXP_CEILING: f64 = 710.0;

/// Steps 1 and 2 of the module docs for `x_clamped`, and the two factors of step 3.
/// `x_clamped` must lie within [`EXP_FLOOR`, `EXP_CEILING`] (or be NaN), which keeps `k` in
/// range; the callers clamp, each only where it has to.
#[inline(always)]
fn reduce(x_clamped: f64) -> Reduced {
    let shifted = x_clamped * INV_LN2 + ROUNDER;
    let k = shifted - ROUNDER;
    let r = (x_clamped - k * LN2_HI) - k * LN2_LO;
    // `shifted` has a unit last place, so its bits count `k` up from ROUNDER's: the integer
    // `k` without a float-to-int conversion. `k` lies in [-1076, 1024], so `k + 2046` is
    // positive and its halves are biased exponents in [485, 1535], inside the normal range.
    let biased = shifted
        .to_bits()
        .wrapping_sub(ROUNDER.to_bits())
        .wrapping_add(2046);
    let e1 = biased >> 1;
    let t = r * r;
    Reduced {
        s1: f64::from_bits(e1 << 52),
        s2: f64::from_bits((biased - e1) << 52),
        r,
        // Estrin's scheme: three independent pairs combined by powers of `t²`, a shorter
        // chain of dependent operations than Horner's rule for one more multiplication.
        q: {
            let t2 = t * t;
            (Q[0] + Q[1] * t) + t2 * ((Q[2] + Q[3] * t) + t2 * (Q[4] + Q[5] * t))
        },
    }
}

/// `e^x`: infinity above about 709.78, zero below about -745.1, NaN for NaN.
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    // NaN passes through `clamp` unchanged and stays NaN.
    let Reduced { s1, s2, r, q } = reduce(x.clamp(EXP_FLOOR, EXP_CEILING));
    (s1 + (r + r) * s1 / (q - r)) * s2
}

/// The logistic function `1 / (1 + e^-z)` with one division.
///
/// With `e = e^-|z| = 2^k (q + r) / (q - r)` (at most 1, so nothing overflows), the logistic
/// is `1 / (1 + e)` for `z ≥ 0` and `e / (1 + e)` below; multiplied through by `q - r`, both
/// share the denominator `(q - r) + 2^k (q + r)`. That is one division where `1 / (1 + exp(-z))`
/// takes two, the slowest step of a vectorised sigmoid. The result stays within a few ulps
/// (tests), is exactly 0.5 at 0, 1 for large `z`, 0 for very negative `z`, and NaN for NaN.
///
/// Two shortcuts keep the chain of dependent steps short (a network's layers wait on it): the
/// exponent `-|z|` needs only the lower clamp, and `2^k` is multiplied out before `q + r` is
/// ready. Both factors of `2^k` are then at most 1, and their product is exact down to the
/// smallest subnormal (`k ≥ -1074`); below that, where `e^-|z|` is under 2.5e-324 and the
/// result rounds to 0 or to that smallest subnormal, it gives 0.
#[inline(always)]
pub fn logistic(z: f64) -> f64 {
    let x = -z.abs();
    // `x` is at most 0. The comparison is false for NaN, which so passes through.
    let x_clamped = if x < EXP_FLOOR { EXP_FLOOR } else { x };
    let Reduced { s1, s2, r, q } = reduce(x_clamped);
    let (q_minus_r, scaled) = (q - r, (q + r) * (s1 * s2));
    let numerator = if z >= 0.0 { q_minus_r } else { scaled };
    numerator / (q_minus_r + scaled)
}

/// Below this `-2|z|` gives a [`tanh`] of exactly ±1 in `f64` (it is ±1 from |z| ≈ 19.1), so
/// the exponent can stop here: `2^k` then stays a normal number, one factor of it enough.
const TANH_FLOOR: f64 = -40.0;

/// The hyperbolic tangent with one division, on the steps of [`exp`].
///
/// With `x = -2|z| = k·ln 2 + r` and `s = 2^k ≤ 1`, `e^x = s (q + r) / (q - r)`, so
/// `tanh|z| = (1 - e^x) / (1 + e^x)` multiplied through by `q - r` is
/// `(q(1 - s) - r(1 + s)) / (q(1 + s) - r(1 - s))`: one division where the quotient of two
/// sums of `e^x` takes two. That form is also the accurate one: `1 - s` and `1 + s` are exact
/// (`s` is a power of two), and where `k = 0` the numerator is `-2r = 4|z|` exactly, so even
/// tiny arguments come out with a relative error of an ulp or two, where `1 - e^x` loses the
/// digits of small `z`. Within a few ulps of the standard library (tests); ±1 beyond
/// about 19.1, odd (`tanh(-0) = -0`), NaN for NaN.
#[inline(always)]
pub fn tanh(z: f64) -> f64 {
    let x = -2.0 * z.abs();
    // The comparison is false for NaN, which so passes through.
    let x_clamped = if x < TANH_FLOOR { TANH_FLOOR } else { x };
    let Reduced { s1, s2, r, q } = reduce(x_clamped);
    let s = s1 * s2;
    let (one_minus, one_plus) = (1.0 - s, 1.0 + s);
    ((q * one_minus - r * one_plus) / (q * one_plus - r * one_minus)).copysign(z)
}

#[cfg(test)]
mod tests {
    use super::{exp, logistic, tanh};

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

    /// The logistic from the standard library's `exp`, in the form that keeps it accurate:
    /// the quotient of 1 by a number in [1, 2] or of `e ≤ 1` by one.
    fn reference_logistic(z: f64) -> f64 {
        let e = (-z.abs()).exp();
        if z >= 0.0 {
            1.0 / (1.0 + e)
        } else {
            e / (1.0 + e)
        }
    }

    #[test]
    fn logistic_matches_the_standard_library_to_a_few_ulps() {
        let mut worst = 0;
        let mut z = -745.0;
        while z < 745.0 {
            let (ours, reference) = (logistic(z), reference_logistic(z));
            if reference.is_normal() {
                worst = worst.max(ulps(ours, reference));
            } else {
                assert!((ours - reference).abs() <= f64::MIN_POSITIVE * 1e-3, "{z}");
            }
            z += 0.00731;
        }
        assert!(worst <= 3, "worst error {worst} ulps");
    }

    #[test]
    fn logistic_edges() {
        assert_eq!(logistic(0.0), 0.5);
        assert_eq!(logistic(-0.0), 0.5);
        assert_eq!(logistic(40.0), 1.0);
        assert_eq!(logistic(f64::INFINITY), 1.0);
        assert_eq!(logistic(-746.0), 0.0);
        assert_eq!(logistic(f64::NEG_INFINITY), 0.0);
        assert!(logistic(-744.0) > 0.0);
        assert!(logistic(f64::NAN).is_nan());
        for z in [-3.0, -0.5, 0.25, 2.0] {
            assert!(
                (logistic(z) + logistic(-z) - 1.0).abs() <= f64::EPSILON,
                "{z}"
            );
        }
    }

    #[test]
    fn tanh_matches_the_standard_library_to_a_few_ulps() {
        let mut worst = 0;
        let mut z = -25.0;
        while z < 25.0 {
            worst = worst.max(ulps(tanh(z), z.tanh()));
            z += 0.000_731;
        }
        // Small and tiny arguments, where the plain `(1 - e) / (1 + e)` loses digits.
        for i in 0..2000 {
            let z = 1e-12 * 1.02_f64.powi(i);
            worst = worst.max(ulps(tanh(z), z.tanh()));
            worst = worst.max(ulps(tanh(-z), (-z).tanh()));
        }
        assert!(worst <= 4, "worst error {worst} ulps");
    }

    #[test]
    fn tanh_edges() {
        assert_eq!(tanh(0.0).to_bits(), 0.0_f64.to_bits());
        assert_eq!(tanh(-0.0).to_bits(), (-0.0_f64).to_bits());
        assert_eq!(tanh(19.5), 1.0);
        assert_eq!(tanh(-1e6), -1.0);
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
        assert!(tanh(f64::NAN).is_nan());
        assert_eq!(tanh(1e-300), 1e-300);
    }
}
