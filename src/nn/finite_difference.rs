//! The numeric derivative every gradient check compares against.

/// `(f(x + h) - f(x - h)) / 2h`, the central difference: its error shrinks like `h²`, so
/// `h = 1e-5` or `1e-6` leaves about 1e-10 on the smooth functions here, far below the
/// tolerances the checks use and far above the rounding of `f`.
///
/// ```
/// use nn_playground::nn::central_difference;
/// let slope = central_difference(|x| x * x, 3.0, 1e-5);
/// assert!((slope - 6.0).abs() < 1e-9);
/// ```
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}
