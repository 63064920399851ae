//! The numbers of one training step, as a learner reads them: the forward pass layer by layer
//! (`z = a·W + b`, `a = f(z)`), each sample's loss, the backward pass (`dz`, `dW`, `db` for
//! every layer) and the weights the next update leaves.
//!
//! Layers are numbered from 1, so the tutorial's 2-h-1 network gets exactly the tutorial's
//! names: `z1, a1, z2, a2, dz2, dW2, db2, dz1, dW1, db1`, and deeper networks go on the same
//! way. The computation is written plainly, sample by sample, in the tutorial's orientation
//! (`W` is inputs × outputs); it shares no code with the fast block-layout passes, so the tests
//! can hold each to the other. The gradient is the batch mean as the tutorial takes it:
//! `dW = aᵀ·dz / m` (plus `λ·W` under L2, `λ₁·sign(W)` under L1), with `dz` the per-sample gradient at the layer's
//! pre-activations. Dropout is left out: its masks are random each step, and an explanation
//! shows the network as it answers.

use serde::Serialize;

use crate::nn::{
    Activation, Gradients, LayerFunction, Loss, Network, Optimizer, OptimizerState, OutputHead,
    Penalty,
};

/// A matrix as rows of numbers: samples × neurons, or inputs × neurons for weights.
pub type Matrix = Vec<Vec<f64>>;

/// What one explained step works on.
#[derive(Clone, Copy, Debug)]
pub struct Step<'a> {
    /// The samples' inputs (after input features), one sample after the other.
    pub inputs: &'a [f64],
    /// One label per sample: 0 or 1 for a sigmoid output, a class index for a softmax.
    pub targets: &'a [f64],
    /// The loss trained on.
    pub loss: Loss,
    /// The weight penalty: L1 and L2 rates (the objective adds `l1 · Σ |W| + l2/2 · Σ W²`).
    pub penalty: Penalty,
    /// The learning rate the next update uses (a schedule's rate in force).
    pub learning_rate: f64,
    /// The optimiser's running state, which the next update starts from.
    pub optimizer: &'a OptimizerState,
}

/// One layer's part of the step. Every matrix of samples has one row per sample.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LayerStep {
    /// The layer's number, from 1 at the input side: the digit in `W1`, `z1`, `dz1`.
    pub number: usize,
    /// What the layer applies after its affine map: an activation, or the output head.
    #[serde(serialize_with = "function_name")]
    pub function: LayerFunction,
    /// The layer's weights, inputs × neurons.
    pub w: Matrix,
    /// The layer's biases.
    pub b: Vec<f64>,
    /// `z = input·W + b`.
    pub z: Matrix,
    /// `a = f(z)`: the activation, or the head's probabilities for the output layer.
    pub a: Matrix,
    /// Each sample's gradient at `z`: `∂(its objective)/∂z`.
    pub dz: Matrix,
    /// `∂objective/∂W`: the batch mean of `inputᵀ·dz`, plus the penalty's `λ₁·sign(W) + λ·W`.
    pub dw: Matrix,
    /// `∂objective/∂b`: the batch mean of `dz`.
    pub db: Vec<f64>,
    /// The weights after the next update.
    pub w_next: Matrix,
    /// The biases after the next update.
    pub b_next: Vec<f64>,
}

/// One training step of a network on some samples, every quantity kept.
///
/// ```
/// use nn_playground::{experiment::Experiment, view::explain::{Explanation, Quantity, Step}};
/// let trainer = Experiment::default().trainer().unwrap();
/// let (data, config) = (&trainer.data().train, trainer.config());
/// let step = Step {
///     inputs: data.input_slice(),
///     targets: data.label_slice(),
///     loss: config.loss,
///     penalty: config.penalty(),
///     learning_rate: config.learning_rate,
///     optimizer: trainer.optimizer(),
/// };
/// let explained = Explanation::new(trainer.network(), step);
/// assert_eq!(explained.samples(), 4);
/// assert_eq!(explained.name(Quantity::Dw, 2), "dW2");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    /// The inputs, samples × features: the tutorial's `X`.
    pub x: Matrix,
    /// The labels: the tutorial's `y`.
    pub y: Vec<f64>,
    /// Each sample's loss, as the loss curve reports it.
    pub loss_terms: Vec<f64>,
    /// Their mean: the loss of this batch.
    pub loss: f64,
    /// The layers, input side first.
    pub layers: Vec<LayerStep>,
    /// The loss trained on.
    #[serde(serialize_with = "loss_name")]
    pub loss_kind: Loss,
    /// The L2 rate λ.
    pub l2: f64,
    /// The L1 rate λ₁.
    pub l1: f64,
    /// The learning rate η of the next update.
    pub learning_rate: f64,
    /// The update rule.
    #[serde(serialize_with = "optimizer_name")]
    pub optimizer: Optimizer,
}

/// The named quantities of a step, each with a name and a formula per layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// The pre-activations `z`.
    Z,
    /// The activations `a`.
    A,
    /// The gradient at the pre-activations, `dz`.
    Dz,
    /// The weights' gradient, `dW`.
    Dw,
    /// The biases' gradient, `db`.
    Db,
    /// The weights after the update.
    WNext,
    /// The biases after the update.
    BNext,
}

/// The four phases of a training step, in the order a step runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// From the inputs to the output: `z = a·W + b`, `a = f(z)`.
    Forward,
    /// How far the outputs are from the labels.
    Loss,
    /// From the loss back to every weight: `dz`, `dW`, `db`.
    Backward,
    /// The optimiser's step: `W ← W - η·dW`.
    Update,
}

/// A number, a vector or a matrix of a step.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// One number (the loss).
    Scalar(f64),
    /// One number per sample or per neuron.
    Vector(Vec<f64>),
    /// Rows of numbers.
    Matrix(Matrix),
}

/// One named quantity of a step, as the Explain views and `nn-playground explain` list them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// Its name: `X`, `W1`, `z1`, `loss`, `dW2`, `W1'`.
    pub name: String,
    /// How it is computed (`z1 = X·W1 + b1`), or `None` for what the step starts from.
    pub formula: Option<String>,
    /// The phase that computes it.
    pub phase: Phase,
    /// The layer it belongs to, from 1; `None` for the inputs, labels and loss.
    pub layer: Option<usize>,
    /// Its numbers.
    pub value: Value,
}

impl Explanation {
    /// Explains one step of `network` on `step`'s samples. `step.inputs` holds
    /// `network.inputs()` numbers per sample and `step.targets` one label per sample.
    pub fn new(network: &Network, step: Step<'_>) -> Self {
        let width = network.inputs();
        let x: Matrix = step.inputs.chunks(width).map(<[f64]>::to_vec).collect();
        let y = step.targets[..x.len()].to_vec();
        let samples = x.len().max(1) as f64;
        let head = network.head();
        let functions: Vec<LayerFunction> = network.functions().collect();

        // Forward: z = input·W + b, a = f(z), layer by layer.
        let mut zs: Vec<Matrix> = Vec::new();
        let mut activations: Vec<Matrix> = Vec::new();
        for (k, layer) in network.layers().iter().enumerate() {
            let input = activations.last().unwrap_or(&x);
            let z: Matrix = input.iter().map(|row| affine(layer, row)).collect();
            let a = z
                .iter()
                .map(|row| apply(functions[k], row.clone()))
                .collect();
            zs.push(z);
            activations.push(a);
        }
        let (logits, probs) = (&zs[zs.len() - 1], &activations[activations.len() - 1]);
        let loss_terms: Vec<f64> = logits
            .iter()
            .zip(probs)
            .zip(&y)
            .map(|((z, p), &y)| head.sample_loss(step.loss, z, p, y))
            .collect();
        let loss = loss_terms.iter().sum::<f64>() / samples;

        // Backward: dz at the output from the head, then back through each layer's weights
        // and the derivative of its activation.
        let last = network.layers().len() - 1;
        let mut dzs: Vec<Matrix> = vec![Vec::new(); last + 1];
        dzs[last] = probs
            .iter()
            .zip(&y)
            .map(|(p, &y)| {
                let mut delta = vec![0.0; p.len()];
                head.sample_logit_gradient(step.loss, p, y, &mut delta);
                delta
            })
            .collect();
        for k in (0..last).rev() {
            let (above, activation) = (&network.layers()[k + 1], network.layers()[k].activation());
            let w = above.weights();
            dzs[k] = dzs[k + 1]
                .iter()
                .zip(&activations[k])
                .map(|(d, a)| {
                    a.iter()
                        .enumerate()
                        .map(|(i, &a)| {
                            let back: f64 = d.iter().enumerate().map(|(j, d)| d * w[[i, j]]).sum();
                            back * activation.derivative_from_output(a)
                        })
                        .collect()
                })
                .collect();
        }

        // Gradients: batch means, and the penalty on the weights.
        let mut grads = Gradients::zeros_like(network);
        let mut layers = Vec::with_capacity(last + 1);
        for (k, layer) in network.layers().iter().enumerate() {
            let input = if k == 0 { &x } else { &activations[k - 1] };
            let dz = &dzs[k];
            let w = layer.weights();
            let dw: Matrix = (0..layer.inputs())
                .map(|i| {
                    (0..layer.outputs())
                        .map(|j| {
                            let sum: f64 = input.iter().zip(dz).map(|(a, d)| a[i] * d[j]).sum();
                            sum / samples + step.penalty.weight_gradient(w[[i, j]])
                        })
                        .collect()
                })
                .collect();
            let db: Vec<f64> = (0..layer.outputs())
                .map(|j| dz.iter().map(|d| d[j]).sum::<f64>() / samples)
                .collect();
            let g = grads.layers[k].params_mut();
            for (j, column) in g
                .chunks_mut(layer.inputs())
                .take(layer.outputs())
                .enumerate()
            {
                for (i, g) in column.iter_mut().enumerate() {
                    *g = dw[i][j];
                }
            }
            g[layer.inputs() * layer.outputs()..].copy_from_slice(&db);
            layers.push(LayerStep {
                number: k + 1,
                function: functions[k],
                w: rows_of(layer.weights()),
                b: layer.bias().to_vec(),
                z: zs[k].clone(),
                a: activations[k].clone(),
                dz: dz.clone(),
                dw,
                db,
                w_next: Vec::new(),
                b_next: Vec::new(),
            });
        }

        // The update, by the optimiser itself on copies, so what is shown is what it does.
        let (mut next, mut state) = (network.clone(), step.optimizer.clone());
        state.step(&mut next, &grads, step.learning_rate);
        for (layer, after) in layers.iter_mut().zip(next.layers()) {
            layer.w_next = rows_of(after.weights());
            layer.b_next = after.bias().to_vec();
        }

        Self {
            x,
            y,
            loss_terms,
            loss,
            layers,
            loss_kind: step.loss,
            l2: step.penalty.l2,
            l1: step.penalty.l1,
            learning_rate: step.learning_rate,
            optimizer: step.optimizer.kind(),
        }
    }

    /// Every quantity of the step in reading order: the forward pass layer by layer (with the
    /// weights each layer reads), the loss, the backward pass from the output down, and the
    /// weights after the update.
    pub fn entries(&self) -> Vec<Entry> {
        let entry = |name: String, formula, phase, layer, value| Entry {
            name,
            formula,
            phase,
            layer,
            value,
        };
        let mut list = vec![entry(
            "X".into(),
            None,
            Phase::Forward,
            None,
            Value::Matrix(self.x.clone()),
        )];
        for l in &self.layers {
            let k = Some(l.number);
            let f = |q| Some(self.formula(q, l.number));
            list.extend([
                entry(
                    format!("W{}", l.number),
                    None,
                    Phase::Forward,
                    k,
                    Value::Matrix(l.w.clone()),
                ),
                entry(
                    format!("b{}", l.number),
                    None,
                    Phase::Forward,
                    k,
                    Value::Vector(l.b.clone()),
                ),
                entry(
                    self.name(Quantity::Z, l.number),
                    f(Quantity::Z),
                    Phase::Forward,
                    k,
                    Value::Matrix(l.z.clone()),
                ),
                entry(
                    self.name(Quantity::A, l.number),
                    f(Quantity::A),
                    Phase::Forward,
                    k,
                    Value::Matrix(l.a.clone()),
                ),
            ]);
        }
        list.extend([
            entry(
                "y".into(),
                None,
                Phase::Loss,
                None,
                Value::Vector(self.y.clone()),
            ),
            entry(
                "loss_terms".into(),
                Some("each sample's loss".into()),
                Phase::Loss,
                None,
                Value::Vector(self.loss_terms.clone()),
            ),
            entry(
                "loss".into(),
                Some(self.loss_formula()),
                Phase::Loss,
                None,
                Value::Scalar(self.loss),
            ),
        ]);
        for l in self.layers.iter().rev() {
            let k = Some(l.number);
            let f = |q| Some(self.formula(q, l.number));
            list.extend([
                entry(
                    self.name(Quantity::Dz, l.number),
                    f(Quantity::Dz),
                    Phase::Backward,
                    k,
                    Value::Matrix(l.dz.clone()),
                ),
                entry(
                    self.name(Quantity::Dw, l.number),
                    f(Quantity::Dw),
                    Phase::Backward,
                    k,
                    Value::Matrix(l.dw.clone()),
                ),
                entry(
                    self.name(Quantity::Db, l.number),
                    f(Quantity::Db),
                    Phase::Backward,
                    k,
                    Value::Vector(l.db.clone()),
                ),
            ]);
        }
        for l in &self.layers {
            let k = Some(l.number);
            let f = |q| Some(self.formula(q, l.number));
            list.extend([
                entry(
                    self.name(Quantity::WNext, l.number),
                    f(Quantity::WNext),
                    Phase::Update,
                    k,
                    Value::Matrix(l.w_next.clone()),
                ),
                entry(
                    self.name(Quantity::BNext, l.number),
                    f(Quantity::BNext),
                    Phase::Update,
                    k,
                    Value::Vector(l.b_next.clone()),
                ),
            ]);
        }
        list
    }

    /// How many samples the step averages over: the tutorial's `m`.
    pub fn samples(&self) -> usize {
        self.x.len()
    }

    /// The output layer's number: 2 for the tutorial's network.
    pub fn output_layer(&self) -> usize {
        self.layers.len()
    }

    /// The name of `quantity` at layer `number` (from 1): `z1`, `dW2`, `W1'` for the weights
    /// after the update.
    pub fn name(&self, quantity: Quantity, number: usize) -> String {
        match quantity {
            Quantity::Z => format!("z{number}"),
            Quantity::A => format!("a{number}"),
            Quantity::Dz => format!("dz{number}"),
            Quantity::Dw => format!("dW{number}"),
            Quantity::Db => format!("db{number}"),
            Quantity::WNext => format!("W{number}'"),
            Quantity::BNext => format!("b{number}'"),
        }
    }

    /// The name of what layer `number` reads: `X` for the first, else the activations below.
    pub fn input_name(&self, number: usize) -> String {
        if number <= 1 {
            "X".to_owned()
        } else {
            format!("a{}", number - 1)
        }
    }

    /// The formula of `quantity` at layer `number`, in the tutorial's NumPy-like notation:
    /// `z1 = X·W1 + b1`, `dz1 = dz2·W2ᵀ * a1·(1 - a1)`.
    pub fn formula(&self, quantity: Quantity, number: usize) -> String {
        let name = self.name(quantity, number);
        let input = self.input_name(number);
        let k = number;
        let body = match quantity {
            Quantity::Z => format!("{input}·W{k} + b{k}"),
            Quantity::A => format!("{}(z{k})", self.function(k).name()),
            Quantity::Dz if k == self.output_layer() => self.output_delta(),
            Quantity::Dz => match self.function(k) {
                LayerFunction::Hidden(activation) => format!(
                    "dz{}·W{}ᵀ * {}",
                    k + 1,
                    k + 1,
                    derivative_text(activation, k)
                ),
                LayerFunction::Head(_) => self.output_delta(),
            },
            Quantity::Dw => format!("{input}ᵀ·dz{k} / m{}", self.penalty_text(k)),
            Quantity::Db => format!("sum(dz{k}, axis=0) / m"),
            Quantity::WNext => self.update_text(&format!("W{k}"), &format!("dW{k}")),
            Quantity::BNext => self.update_text(&format!("b{k}"), &format!("db{k}")),
        };
        format!("{name} = {body}")
    }

    /// The penalty's part of `dW{k}`: `+ λ·W1` under L2, `+ λ₁·sign(W1)` under L1, both
    /// (L2's rate then `λ₂`) under both, nothing without.
    fn penalty_text(&self, k: usize) -> String {
        match (self.l1 > 0.0, self.l2 > 0.0) {
            (false, false) => String::new(),
            (false, true) => format!(" + λ·W{k}"),
            (true, false) => format!(" + λ₁·sign(W{k})"),
            (true, true) => format!(" + λ₁·sign(W{k}) + λ₂·W{k}"),
        }
    }

    /// The loss's formula: the tutorial's `mean((a2 - y)²)` for MSE.
    pub fn loss_formula(&self) -> String {
        let a = format!("a{}", self.output_layer());
        let body = match (self.head(), self.loss_kind) {
            (OutputHead::Sigmoid, Loss::Mse) => format!("mean(({a} - y)²)"),
            (OutputHead::Sigmoid, Loss::CrossEntropy) => {
                format!("mean(-y·ln({a}) - (1 - y)·ln(1 - {a}))")
            }
            (OutputHead::Softmax, _) => format!("mean(-ln({a}[y]))"),
        };
        format!("loss = {body}")
    }

    fn function(&self, number: usize) -> LayerFunction {
        self.layers[number - 1].function
    }

    fn head(&self) -> OutputHead {
        match self.function(self.output_layer()) {
            LayerFunction::Head(head) => head,
            LayerFunction::Hidden(_) => OutputHead::default(),
        }
    }

    /// `dz` at the output: the head's gradient of the objective at its logits.
    fn output_delta(&self) -> String {
        let a = format!("a{}", self.output_layer());
        match (self.head(), self.loss_kind) {
            (OutputHead::Sigmoid, Loss::Mse) => format!("({a} - y) * {a}·(1 - {a})"),
            (OutputHead::Sigmoid, Loss::CrossEntropy) => format!("{a} - y"),
            (OutputHead::Softmax, _) => format!("{a} - onehot(y)"),
        }
    }

    /// The update rule applied to `param` with gradient `grad`.
    fn update_text(&self, param: &str, grad: &str) -> String {
        let lr = self.learning_rate;
        match self.optimizer {
            Optimizer::Sgd => format!("{param} - η·{grad}   (η = {lr})"),
            Optimizer::Momentum => {
                format!("{param} - η·v,  v = 0.9·v + {grad}   (η = {lr})")
            }
            Optimizer::Adam => format!(
                "{param} - η·m̂ / (√v̂ + ε),  m, v: running means of {grad} and {grad}²   (η = {lr})"
            ),
        }
    }
}

/// `da/dz` of `activation` at layer `k`, written from its output as the passes compute it.
fn derivative_text(activation: Activation, k: usize) -> String {
    match activation {
        Activation::Sigmoid => format!("a{k}·(1 - a{k})"),
        Activation::Tanh => format!("(1 - a{k}²)"),
        Activation::Relu => format!("(a{k} > 0)"),
        Activation::LeakyRelu => format!("where(a{k} > 0, 1, 0.01)"),
        Activation::Linear => "1".to_owned(),
    }
}

/// One sample's `input·W + b` through `layer`.
fn affine(layer: &crate::nn::Layer, input: &[f64]) -> Vec<f64> {
    let (w, b) = (layer.weights(), layer.bias());
    (0..layer.outputs())
        .map(|j| {
            b[j] + input
                .iter()
                .enumerate()
                .map(|(i, x)| x * w[[i, j]])
                .sum::<f64>()
        })
        .collect()
}

/// A layer's function on one sample's pre-activations.
fn apply(function: LayerFunction, mut z: Vec<f64>) -> Vec<f64> {
    match function {
        LayerFunction::Hidden(activation) => activation.apply_in_place(&mut z),
        LayerFunction::Head(head) => {
            let width = z.len();
            head.apply_to_samples(&mut z, width);
        }
    }
    z
}

fn rows_of(m: ndarray::ArrayView2<'_, f64>) -> Matrix {
    m.rows().into_iter().map(|r| r.to_vec()).collect()
}

fn function_name<S: serde::Serializer>(f: &LayerFunction, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.name())
}

fn loss_name<S: serde::Serializer>(loss: &Loss, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(loss.name())
}

fn optimizer_name<S: serde::Serializer>(o: &Optimizer, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(o.name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Experiment;

    fn tutorial() -> (crate::train::Trainer, Explanation) {
        let trainer = Experiment::default().trainer().unwrap();
        let (data, config) = (&trainer.data().train, trainer.config());
        let step = Step {
            inputs: data.input_slice(),
            targets: data.label_slice(),
            loss: config.loss,
            penalty: config.penalty(),
            learning_rate: config.learning_rate,
            optimizer: trainer.optimizer(),
        };
        let explained = Explanation::new(trainer.network(), step);
        (trainer, explained)
    }

    #[test]
    fn the_tutorials_network_gets_the_tutorials_names() {
        let (_, e) = tutorial();
        assert_eq!(e.formula(Quantity::Z, 1), "z1 = X·W1 + b1");
        assert_eq!(e.formula(Quantity::A, 2), "a2 = sigmoid(z2)");
        assert_eq!(e.formula(Quantity::Dz, 2), "dz2 = (a2 - y) * a2·(1 - a2)");
        assert_eq!(e.formula(Quantity::Dz, 1), "dz1 = dz2·W2ᵀ * a1·(1 - a1)");
        assert_eq!(e.formula(Quantity::Dw, 1), "dW1 = Xᵀ·dz1 / m");
        assert_eq!(e.formula(Quantity::Db, 2), "db2 = sum(dz2, axis=0) / m");
        assert_eq!(e.loss_formula(), "loss = mean((a2 - y)²)");
        assert_eq!(e.samples(), 4);
        assert_eq!(e.layers[0].z.len(), 4);
        assert_eq!(e.layers[0].z[0].len(), 4);
    }

    #[test]
    fn the_penalties_show_in_the_weight_gradients_formula() {
        let trainer = Experiment::default().trainer().unwrap();
        let data = &trainer.data().train;
        let formula = |l1, l2| {
            let step = Step {
                inputs: data.input_slice(),
                targets: data.label_slice(),
                loss: Loss::Mse,
                penalty: Penalty { l1, l2 },
                learning_rate: 0.5,
                optimizer: trainer.optimizer(),
            };
            Explanation::new(trainer.network(), step).formula(Quantity::Dw, 2)
        };
        assert_eq!(formula(0.0, 0.0), "dW2 = a1ᵀ·dz2 / m");
        assert_eq!(formula(0.0, 0.1), "dW2 = a1ᵀ·dz2 / m + λ·W2");
        assert_eq!(formula(0.1, 0.0), "dW2 = a1ᵀ·dz2 / m + λ₁·sign(W2)");
        assert_eq!(formula(0.1, 0.1), "dW2 = a1ᵀ·dz2 / m + λ₁·sign(W2) + λ₂·W2");
    }

    #[test]
    fn plain_gradient_descent_moves_each_weight_by_eta_times_its_gradient() {
        let (trainer, e) = tutorial();
        let lr = trainer.config().learning_rate;
        for layer in &e.layers {
            for ((w, g), next) in layer
                .w
                .iter()
                .flatten()
                .zip(layer.dw.iter().flatten())
                .zip(layer.w_next.iter().flatten())
            {
                assert!((next - (w - lr * g)).abs() < 1e-15, "{w} {g} {next}");
            }
        }
    }
}
