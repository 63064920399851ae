//! Optimisers: how a gradient becomes a step.

use serde::{Deserialize, Serialize};

use super::{Gradients, Network};

/// Momentum coefficient of [`Optimizer::Momentum`].
pub const MOMENTUM: f64 = 0.9;
/// Adam's first-moment decay.
pub const ADAM_BETA1: f64 = 0.9;
/// Adam's second-moment decay.
pub const ADAM_BETA2: f64 = 0.999;
/// Adam's denominator guard.
pub const ADAM_EPSILON: f64 = 1e-8;
/// The largest change one update may make to one parameter before training counts as blown up.
///
/// Inputs here live within about ±10, so a step of 1000 on any weight moves a neuron's input by
/// thousands: every sigmoid or tanh saturates to exactly 0 or 1 and every rectifier explodes.
/// With a sigmoid output, a bounded loss like MSE never turns NaN after such a step; it freezes
/// (the gradient is exactly 0) with the weights wrecked. So a step this large is divergence, as
/// is any NaN or infinity. Healthy runs, even at learning rate 10, take steps far below it.
pub const MAX_STEP: f64 = 1e3;

/// Applies `step` to `p` and says whether it was healthy: finite and within [`MAX_STEP`].
///
/// That is also all it takes for `p` to stay finite: every network starts with finite numbers
/// ([`super::Network`] checks them), and steps of at most [`MAX_STEP`] would need some 10³⁰⁵
/// updates to overflow. So the parameters themselves need no check, and the loop stays a plain
/// vectorisable one.
#[inline]
fn apply(p: &mut f64, step: f64) -> bool {
    *p -= step;
    // NaN fails every comparison, so this also rejects NaN and infinities.
    step.abs() <= MAX_STEP
}

/// The update rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Optimizer {
    /// Plain gradient descent, `w -= lr · g`: the tutorial's.
    #[default]
    Sgd,
    /// Heavy-ball momentum: `v = 0.9 v + g; w -= lr · v`.
    Momentum,
    /// Adam (Kingma & Ba, 2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and bias correction.
    Adam,
}

super::names::name_table!(Optimizer {
    Sgd => "sgd",
    Momentum => "momentum",
    Adam => "adam",
} aliases {
    "gd" => Sgd,
});

/// An optimiser with its running state (velocities, moments), shaped like one network.
#[derive(Clone, Debug)]
pub struct OptimizerState {
    kind: Optimizer,
    /// Momentum's velocity or Adam's first moment.
    first: Gradients,
    /// Adam's second moment.
    second: Gradients,
    /// Updates made so far (Adam's bias correction needs it).
    steps: u64,
    /// β₁^steps and β₂^steps, kept as running products rather than `powi` each step.
    beta_powers: (f64, f64),
}

impl OptimizerState {
    /// Fresh state for `kind` on networks shaped like `network`.
    pub fn new(kind: Optimizer, network: &Network) -> Self {
        let zeros = Gradients::zeros_like(network);
        Self {
            kind,
            first: zeros.clone(),
            second: zeros,
            steps: 0,
            beta_powers: (1.0, 1.0),
        }
    }

    /// Which update rule this is.
    pub fn kind(&self) -> Optimizer {
        self.kind
    }

    /// Switches rule, starting its state from zero. Allocates nothing.
    pub fn set_kind(&mut self, kind: Optimizer) {
        if kind != self.kind {
            self.kind = kind;
            self.reset();
        }
    }

    /// Forgets all running state.
    pub fn reset(&mut self) {
        self.first.fill_zero();
        self.second.fill_zero();
        self.steps = 0;
        self.beta_powers = (1.0, 1.0);
    }

    /// Overwrites this state with `other`'s (same shape). Allocates nothing.
    pub fn copy_from(&mut self, other: &Self) {
        self.kind = other.kind;
        self.first.copy_from(&other.first);
        self.second.copy_from(&other.second);
        self.steps = other.steps;
        self.beta_powers = other.beta_powers;
    }

    /// Applies one update with learning rate `lr`. Returns whether every parameter is still
    /// healthy: finite, and no step larger than [`MAX_STEP`] (checked in the same pass, so
    /// divergence costs nothing to detect).
    pub fn step(&mut self, network: &mut Network, grads: &Gradients, lr: f64) -> bool {
        self.steps += 1;
        let (b1t, b2t) = (
            self.beta_powers.0 * ADAM_BETA1,
            self.beta_powers.1 * ADAM_BETA2,
        );
        self.beta_powers = (b1t, b2t);
        let layers = network.layers_mut().iter_mut().zip(&grads.layers);
        // One loop per rule, each walking only the state it uses.
        let mut finite = true;
        match self.kind {
            Optimizer::Sgd => {
                for (layer, g) in layers {
                    finite &= sgd(layer.params_mut(), g.params(), lr);
                }
            }
            Optimizer::Momentum => {
                for ((layer, g), m) in layers.zip(&mut self.first.layers) {
                    finite &= momentum(layer.params_mut(), g.params(), m.params_mut(), lr);
                }
            }
            Optimizer::Adam => {
                // Adam's bias corrections folded into one step size.
                let step_size = lr * (1.0 - b2t).sqrt() / (1.0 - b1t);
                let state = self.first.layers.iter_mut().zip(&mut self.second.layers);
                for ((layer, g), (m, v)) in layers.zip(state) {
                    let (m, v) = (m.params_mut(), v.params_mut());
                    finite &= adam(layer.params_mut(), g.params(), m, v, step_size);
                }
            }
        }
        finite
    }
}

fn sgd(params: &mut [f64], g: &[f64], lr: f64) -> bool {
    let mut finite = true;
    for (p, &g) in params.iter_mut().zip(g) {
        finite &= apply(p, lr * g);
    }
    finite
}

fn momentum(params: &mut [f64], g: &[f64], velocity: &mut [f64], lr: f64) -> bool {
    let mut finite = true;
    for ((p, &g), v) in params.iter_mut().zip(g).zip(velocity) {
        *v = MOMENTUM * *v + g;
        finite &= apply(p, lr * *v);
    }
    finite
}

/// Adam with the bias corrections folded into `step_size` (the "efficient" form of
/// Kingma & Ba's Algorithm 1, section 2).
fn adam(params: &mut [f64], g: &[f64], m: &mut [f64], v: &mut [f64], step_size: f64) -> bool {
    let mut finite = true;
    for (((p, &g), m), v) in params.iter_mut().zip(g).zip(m).zip(v) {
        *m = ADAM_BETA1 * *m + (1.0 - ADAM_BETA1) * g;
        *v = ADAM_BETA2 * *v + (1.0 - ADAM_BETA2) * g * g;
        finite &= apply(p, step_size * *m / (v.sqrt() + ADAM_EPSILON));
    }
    finite
}
