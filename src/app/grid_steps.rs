//! Grid steps for the plots' axes. egui_plot's default steps are powers of ten alone, which
//! can leave an axis with a single labelled tick, "0": a loss from 0 to 0.09, or the boundary's
//! -6 to 6 in a small window. These steps are 1, 2 or 5 times a power of ten.

use egui_plot::GridInput;

/// An axis's three grid steps, each 1, 2 or 5 times a power of ten and dividing the next.
/// The largest is at least four times the thinnest line spacing (`base_step_size`, 8
/// points), so its ticks are 32 to 80 points apart: wide enough to be labelled, close enough
/// for two or more to fit.
pub fn grid_steps(input: GridInput) -> [f64; 3] {
    let large = nice_at_least(input.base_step_size * 4.0);
    let finer = |step: f64| {
        let mantissa = step / 10f64.powf(step.log10().floor());
        // 1 → 0.5, 2 → 1, 5 → 1: each divides the step above it.
        if mantissa > 4.0 {
            step / 5.0
        } else {
            step / 2.0
        }
    };
    let medium = finer(large);
    [finer(medium), medium, large]
}

/// The smallest of 1, 2 and 5 times a power of ten that is at least `value` (> 0).
fn nice_at_least(value: f64) -> f64 {
    if !(value.is_finite() && value > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&step| step >= value * (1.0 - 1e-12))
        .unwrap_or(10.0 * power)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_five_and_label_a_small_range_more_than_once() {
        assert_eq!(nice_at_least(0.003), 0.005);
        assert_eq!(nice_at_least(0.02), 0.02);
        assert_eq!(nice_at_least(7.0), 10.0);
        // A 0 to 0.1 loss range on 180 points: 8 points are 0.0044 of loss.
        let base_step_size = 0.1 / 180.0 * 8.0;
        let [small, medium, large] = grid_steps(GridInput {
            bounds: (0.0, 0.1),
            base_step_size,
        });
        assert!((large - 0.02).abs() < 1e-15, "{large}");
        assert!((medium - 0.01).abs() < 1e-15 && (small - 0.005).abs() < 1e-15);
        assert!(0.1 / large >= 2.0, "at least two labelled ticks");
        for step in [0.3, 7e-5, 1.0, 42.0] {
            let [s, m, l] = grid_steps(GridInput {
                bounds: (0.0, 1.0),
                base_step_size: step,
            });
            assert!(l >= 4.0 * step && l <= 10.0 * step, "{step}: {l}");
            for (fine, coarse) in [(s, m), (m, l)] {
                let ratio = coarse / fine;
                assert!(
                    (ratio - ratio.round()).abs() < 1e-9,
                    "{fine} divides {coarse}"
                );
            }
        }
    }
}
