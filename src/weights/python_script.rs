//! "Export as Python": a NumPy script that reruns the run, written the way the classic XOR
//! tutorial writes its network (a `NeuralNetwork` class with `W1, b1, z1, a1, …`, `forward`,
//! `backward` and `train`, a loss printed every 100 epochs).
//!
//! The script holds the training points, the starting weights, and the app's final weights;
//! it trains with the same loss, optimiser, L2 and schedule for the same number of epochs and
//! ends by asserting its weights equal the app's within [`TOLERANCE`].
//!
//! Only full-batch runs without dropout can be rerun: mini-batch order and dropout masks come
//! from Rust's `StdRng` (ChaCha12), which the script does not reproduce. Before writing, the run
//! is replayed here from its experiment: a network that is not what its experiment gives (a
//! setting changed mid-run, weights loaded from a file) is refused, so the script's promise
//! holds whenever it is written.

use std::fmt::Write as _;

use super::WeightsFile;
use crate::{
    experiment::Experiment,
    nn::{ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MOMENTUM},
    nn::{Activation, LEAKY_SLOPE, LayerFunction, Loss, Network, Optimizer, OutputHead},
    train::{COSINE_FLOOR, Schedule},
};

/// The longest run the script reruns, in epochs: NumPy takes about 30 µs an epoch on the
/// tutorial's network (`benches/compare`), so this is half a minute there.
pub const MAX_RERUN_EPOCHS: u64 = 1_000_000;

/// How far the script's final weights may be from the app's, relative to `1 + |w|`.
///
/// Both sides do the same arithmetic in float64, but not in the same order: NumPy's `dot`
/// sums in its own order, its `exp`, `tanh` and `sin` are not ours (ours are within 1 to 4
/// ulps of exact), and we divide by the batch size at another step. Each epoch so differs by
/// a few ulps (about 1e-16), and training carries the differences on; measured over the
/// tests' runs (tutorial 2000 epochs: 6.7e-16; Adam with cross-entropy, L2 and cosine, 500
/// epochs: 1.5e-15; a softmax network with momentum, 300 epochs: 3.3e-15). 1e-9 leaves six
/// orders of magnitude for longer or more chaotic runs and other machines' BLAS, and is still
/// far below what a wrong formula does (Adam's epsilon ten times too large moves them by 3e-4; a
/// wrong gradient, by 1e-2 or more).
pub const TOLERANCE: f64 = 1e-9;

/// Why a run cannot be written as a script, or the script.
pub(super) fn encode(file: &WeightsFile) -> Result<Vec<u8>, String> {
    let experiment = &file.experiment;
    let training = &experiment.training;
    if training.dropout > 0.0 {
        return Err("the Python script reruns runs without dropout only (its masks come from Rust's random numbers); set dropout to 0".to_owned());
    }
    if file.epoch > MAX_RERUN_EPOCHS {
        return Err(format!(
            "the run is at epoch {}; the Python script reruns at most {MAX_RERUN_EPOCHS} epochs",
            file.epoch
        ));
    }
    let mut replay = experiment.clone();
    replay.training.stop_at = None;
    let mut trainer = replay.trainer().map_err(|e| e.to_string())?;
    let train = &trainer.data().train;
    if training.rows_per_batch(train.len()) < train.len() {
        return Err("the Python script reruns full-batch runs only (mini-batches are shuffled by Rust's random numbers); set the batch size to all points".to_owned());
    }
    let points: Vec<(f64, f64)> = train.plane_points().map(|(x1, x2, _)| (x1, x2)).collect();
    let classes: Vec<usize> = train.label_slice().iter().map(|&y| y as usize).collect();
    let initial = trainer.network().clone();
    trainer.run(file.epoch).map_err(|e| e.to_string())?;
    if trainer.network() != &file.network {
        return Err(format!(
            "this network is not what its experiment gives after {} epochs (a setting changed during the run, or the weights came from a file); Reset and train to export a script that reruns it",
            file.epoch
        ));
    }
    let mut script = String::new();
    write_script(&mut script, experiment, file, &points, &classes, &initial)
        .map_err(|e| e.to_string())?;
    Ok(script.into_bytes())
}

/// A float64 in Python: Rust's shortest round-trip form, which Python parses to the same bits.
fn number(x: f64) -> String {
    format!("{x:?}")
}

/// `values` as a Python list.
fn list(values: impl IntoIterator<Item = f64>) -> String {
    let items: Vec<String> = values.into_iter().map(number).collect();
    format!("[{}]", items.join(", "))
}

/// Layer `n`'s weights and biases as `self.Wn = …` / `self.bn = …` lines (or, with `prefix`
/// `"app_"`, module-level names), `W` in the tutorial's `inputs × outputs` orientation.
fn layer_arrays(out: &mut String, network: &Network, owner: &str) -> std::fmt::Result {
    for (k, layer) in network.layers().iter().enumerate() {
        let n = k + 1;
        let rows: Vec<String> = layer
            .weights()
            .rows()
            .into_iter()
            .map(|row| list(row.iter().copied()))
            .collect();
        writeln!(
            out,
            "{owner}W{n} = np.array([\n{}\n])",
            rows.iter()
                .map(|r| format!("    {r},"))
                .collect::<Vec<_>>()
                .join("\n")
        )?;
        writeln!(
            out,
            "{owner}b{n} = np.array([{}])",
            list(layer.bias().iter().copied())
        )?;
    }
    Ok(())
}

/// Indents every line of `text` by `spaces`.
fn indent(text: &str, spaces: usize) -> String {
    let pad = " ".repeat(spaces);
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Python name of a hidden activation's function.
fn activation_name(activation: Activation) -> &'static str {
    match activation {
        Activation::Sigmoid => "sigmoid",
        Activation::Tanh => "tanh",
        Activation::Relu => "relu",
        Activation::LeakyRelu => "leaky_relu",
        Activation::Linear => "linear",
    }
}

/// The method pair (function and derivative from its output) for `activation`.
fn activation_methods(activation: Activation) -> String {
    let (apply, derivative) = match activation {
        Activation::Sigmoid => ("1 / (1 + np.exp(-x))", "a * (1 - a)"),
        Activation::Tanh => ("np.tanh(x)", "1 - a * a"),
        Activation::Relu => ("np.maximum(x, 0.0)", "(a > 0).astype(float)"),
        Activation::LeakyRelu => (
            "np.where(x > 0, x, LEAKY_SLOPE * x)",
            "np.where(a > 0, 1.0, LEAKY_SLOPE)",
        ),
        Activation::Linear => ("x", "np.ones_like(a)"),
    };
    let name = activation_name(activation);
    format!(
        "    def {name}(self, x):\n        return {apply}\n\n    def {name}_derivative(self, a):\n        # written with the output a = {name}(z), as the tutorial writes sigmoid's\n        return {derivative}\n"
    )
}

/// The Python expression of the learning rate at `epoch`, for base rate `lr`.
fn schedule_body(schedule: Schedule, lr: f64) -> String {
    match schedule {
        Schedule::Constant => format!("    return {}", number(lr)),
        Schedule::Step { every, factor } => format!(
            "    # step decay: times {} every {every} epochs\n    return {} * {} ** (epoch // {})",
            number(factor),
            number(lr),
            number(factor),
            every.max(1)
        ),
        Schedule::Cosine { period } => format!(
            "    # cosine annealing over {period} epochs, down to {} of the base rate\n    t = min(epoch / {}, 1.0)\n    return {} * ({} + (1 - {}) * 0.5 * (1 + np.cos(np.pi * t)))",
            number(COSINE_FLOOR),
            period.max(1),
            number(lr),
            number(COSINE_FLOOR),
            number(COSINE_FLOOR)
        ),
    }
}

/// The Python expression building the network's inputs from the columns `x1`, `x2`.
fn feature_columns(experiment: &Experiment) -> String {
    let exprs = [
        "x1",
        "x2",
        "x1 * x1",
        "x2 * x2",
        "x1 * x2",
        "np.sin(x1)",
        "np.sin(x2)",
    ];
    let toggles = experiment.data.features.toggles();
    let columns: Vec<&str> = exprs
        .into_iter()
        .zip(toggles)
        .filter_map(|(expr, on)| on.then_some(expr))
        .collect();
    columns.join(", ")
}

/// Writes the whole script.
fn write_script(
    out: &mut String,
    experiment: &Experiment,
    file: &WeightsFile,
    points: &[(f64, f64)],
    classes: &[usize],
    initial: &Network,
) -> std::fmt::Result {
    let network = &file.network;
    let training = &experiment.training;
    let head = network.head();
    let layers = network.layers().len();
    let widths: Vec<String> = std::iter::once(network.inputs())
        .chain(network.layers().iter().map(|l| l.outputs()))
        .map(|w| w.to_string())
        .collect();
    let epochs = file.epoch;
    let loss = training.loss;
    writeln!(out, "#!/usr/bin/env python3")?;
    writeln!(
        out,
        "\"\"\"Reruns an nn-playground experiment in NumPy, step for step.\n\n\
         Written by nn-playground {version}. The network is {} ({} hidden layers, {} output),\n\
         trained with {} loss and {} at learning rate {} ({} schedule), L2 {}, full batch,\n\
         for {epochs} epochs.\n\n\
         It is written as the classic NumPy XOR tutorial writes its 2-4-1 network: weights \
         W1, b1, ...\n(W is inputs x outputs), a forward pass naming z1, a1, ..., a backward \
         pass naming dz, dW, db,\nand the loss printed every 100 epochs. The points and the \
         starting weights are the app's; at\nthe end the script checks that its weights \
         equal the app's final ones.\n\nRun it with: python3 THIS_FILE (needs NumPy)\n\"\"\"",
        widths.join("-"),
        Activation::list_name(&network.hidden_activations())
            .unwrap_or_else(|| "no hidden".to_owned()),
        head.name(),
        loss.name(),
        training.optimizer.name(),
        number(training.learning_rate),
        training.schedule.name(),
        number(training.l2),
        version = env!("CARGO_PKG_VERSION"),
    )?;
    writeln!(out, "\nimport numpy as np\n")?;
    writeln!(
        out,
        "# The app's experiment: {}",
        serde_json::to_string(experiment).unwrap_or_default()
    )?;
    writeln!(out, "\nLEAKY_SLOPE = {}", number(LEAKY_SLOPE))?;
    writeln!(out, "L2 = {}", number(training.l2))?;
    writeln!(out, "L1 = {}", number(training.l1))?;
    writeln!(out, "EPOCHS = {epochs}")?;
    writeln!(
        out,
        "\n# The {} training points (x1, x2) and their classes, in the app's order.",
        points.len()
    )?;
    writeln!(out, "points = np.array([")?;
    for &(x1, x2) in points {
        writeln!(out, "    [{}, {}],", number(x1), number(x2))?;
    }
    writeln!(out, "])")?;
    let class_list: Vec<String> = classes.iter().map(usize::to_string).collect();
    writeln!(out, "classes = np.array([{}])", class_list.join(", "))?;
    writeln!(
        out,
        "\n\ndef input_features(points):\n    \"\"\"The inputs the network sees: {}.\"\"\"\n    x1 = points[:, 0:1]\n    x2 = points[:, 1:2]\n    return np.hstack([{}])\n",
        experiment.data.features.names().join(", "),
        feature_columns(experiment)
    )?;
    writeln!(out, "\nX = input_features(points)")?;
    match head {
        OutputHead::Sigmoid => writeln!(
            out,
            "# One output, the probability of class 1: the targets are 0 or 1.\ny = classes.reshape(-1, 1).astype(float)"
        )?,
        OutputHead::Softmax => writeln!(
            out,
            "# One output per class (softmax): the targets are one-hot rows.\ny = np.eye({})[classes]",
            network.outputs()
        )?,
    }
    writeln!(out, "\n\ndef learning_rate(epoch):")?;
    writeln!(
        out,
        "{}",
        schedule_body(training.schedule, training.learning_rate)
    )?;

    // The class.
    writeln!(out, "\n\nclass NeuralNetwork:")?;
    writeln!(out, "    def __init__(self):")?;
    writeln!(
        out,
        "        # The app's starting weights (seed {}, {} initialisation).",
        experiment.seed,
        experiment.network.init.name()
    )?;
    let mut arrays = String::new();
    layer_arrays(&mut arrays, initial, "self.")?;
    writeln!(out, "{}", indent(&arrays, 8))?;
    let names: Vec<String> = (1..=layers)
        .flat_map(|n| [format!("self.W{n}"), format!("self.b{n}")])
        .collect();
    match training.optimizer {
        Optimizer::Sgd => {}
        Optimizer::Momentum => writeln!(
            out,
            "        # momentum: one velocity per parameter, from zero\n        self.velocity = [np.zeros_like(p) for p in self.parameters()]"
        )?,
        Optimizer::Adam => writeln!(
            out,
            "        # Adam: first and second moment per parameter, from zero, and the powers of\n        # the betas for the bias correction\n        self.m = [np.zeros_like(p) for p in self.parameters()]\n        self.v = [np.zeros_like(p) for p in self.parameters()]\n        self.beta1_power = 1.0\n        self.beta2_power = 1.0"
        )?,
    }
    writeln!(
        out,
        "\n    def parameters(self):\n        return [{}]\n",
        names.join(", ")
    )?;
    writeln!(
        out,
        "    def set_parameters(self, values):\n        {} = values\n",
        names.join(", ")
    )?;
    let per_layer: Vec<Activation> = network
        .functions()
        .filter_map(|f| match f {
            LayerFunction::Hidden(a) => Some(a),
            LayerFunction::Head(_) => None,
        })
        .collect();
    // Each function the network uses once, the sigmoid head's included.
    let head_sigmoid = (head == OutputHead::Sigmoid).then_some(Activation::Sigmoid);
    let mut methods: Vec<Activation> = Vec::new();
    for a in per_layer.iter().copied().chain(head_sigmoid) {
        if !methods.contains(&a) {
            methods.push(a);
        }
    }
    for a in &methods {
        writeln!(out, "{}", activation_methods(*a))?;
    }
    if head == OutputHead::Softmax {
        writeln!(
            out,
            "    def softmax(self, x):\n        e = np.exp(x - np.max(x, axis=1, keepdims=True))\n        return e / np.sum(e, axis=1, keepdims=True)\n"
        )?;
    }

    // forward
    writeln!(out, "    def forward(self, X):")?;
    for n in 1..=layers {
        let input = if n == 1 {
            "X".to_owned()
        } else {
            format!("self.a{}", n - 1)
        };
        writeln!(
            out,
            "        self.z{n} = np.dot({input}, self.W{n}) + self.b{n}"
        )?;
        let f = if n == layers {
            match head {
                OutputHead::Sigmoid => "sigmoid",
                OutputHead::Softmax => "softmax",
            }
        } else {
            activation_name(per_layer[n - 1])
        };
        writeln!(out, "        self.a{n} = self.{f}(self.z{n})")?;
    }
    writeln!(out, "        return self.a{layers}\n")?;

    // loss
    writeln!(out, "    def loss(self, y):")?;
    let z = format!("self.z{layers}");
    let a = format!("self.a{layers}");
    match (head, loss) {
        (OutputHead::Sigmoid, Loss::Mse) => {
            writeln!(out, "        return np.mean(({a} - y) ** 2)\n")?;
        }
        (OutputHead::Sigmoid, Loss::CrossEntropy) => writeln!(
            out,
            "        # binary cross-entropy from the logit: log(1 + e^z) - y z, which never takes log 0\n        return np.mean(np.logaddexp(0.0, {z}) - y * {z})\n"
        )?,
        (OutputHead::Softmax, _) => writeln!(
            out,
            "        # cross-entropy: log-sum-exp of the logits minus the true class's logit\n        top = np.max({z}, axis=1, keepdims=True)\n        log_sum = np.log(np.sum(np.exp({z} - top), axis=1, keepdims=True)) + top\n        return np.mean(np.sum((log_sum - {z}) * y, axis=1))\n"
        )?,
    }

    // backward
    writeln!(out, "    def backward(self, X, y):")?;
    writeln!(out, "        m = X.shape[0]")?;
    match (head, loss) {
        (OutputHead::Sigmoid, Loss::Mse) => writeln!(
            out,
            "        # output error, as the tutorial has it: the gradient of half the mean squared error\n        dz{layers} = ({a} - y) * self.sigmoid_derivative({a})"
        )?,
        (OutputHead::Sigmoid, Loss::CrossEntropy) | (OutputHead::Softmax, _) => writeln!(
            out,
            "        # output error: cross-entropy's gradient at the logits is prediction minus target\n        dz{layers} = {a} - y"
        )?,
    }
    let mut grads = Vec::new();
    for n in (1..=layers).rev() {
        let input = if n == 1 {
            "X".to_owned()
        } else {
            format!("self.a{}", n - 1)
        };
        // np.sign(0) is 0: the subgradient the app takes for |W| at 0.
        let mut decay = String::new();
        if training.l1 > 0.0 {
            decay.push_str(&format!(" + L1 * np.sign(self.W{n})"));
        }
        if training.l2 > 0.0 {
            decay.push_str(&format!(" + L2 * self.W{n}"));
        }
        writeln!(
            out,
            "        dW{n} = np.dot({input}.T, dz{n}) / m{decay}\n        db{n} = np.sum(dz{n}, axis=0, keepdims=True) / m"
        )?;
        if n > 1 {
            let f = activation_name(per_layer[n - 2]);
            writeln!(
                out,
                "        dz{} = np.dot(dz{n}, self.W{n}.T) * self.{f}_derivative(self.a{})",
                n - 1,
                n - 1
            )?;
        }
        grads.push(format!("dW{n}, db{n}"));
    }
    grads.reverse();
    writeln!(out, "        return [{}]\n", grads.join(", "))?;

    // update
    writeln!(out, "    def update(self, grads, learning_rate):")?;
    match training.optimizer {
        Optimizer::Sgd => writeln!(
            out,
            "        # plain gradient descent\n        self.set_parameters([p - learning_rate * g for p, g in zip(self.parameters(), grads)])\n"
        )?,
        Optimizer::Momentum => writeln!(
            out,
            "        # momentum {}: the velocity gathers the gradients, the step follows it\n        self.velocity = [{} * v + g for v, g in zip(self.velocity, grads)]\n        self.set_parameters([p - learning_rate * v for p, v in zip(self.parameters(), self.velocity)])\n",
            number(MOMENTUM),
            number(MOMENTUM)
        )?,
        Optimizer::Adam => writeln!(
            out,
            "        # Adam (beta1 {b1}, beta2 {b2}, epsilon {eps}), the bias correction folded into the step size\n        self.beta1_power *= {b1}\n        self.beta2_power *= {b2}\n        step_size = learning_rate * np.sqrt(1 - self.beta2_power) / (1 - self.beta1_power)\n        self.m = [{b1} * m + (1 - {b1}) * g for m, g in zip(self.m, grads)]\n        self.v = [{b2} * v + (1 - {b2}) * g * g for v, g in zip(self.v, grads)]\n        self.set_parameters([\n            p - step_size * m / (np.sqrt(v) + {eps})\n            for p, m, v in zip(self.parameters(), self.m, self.v)\n        ])\n",
            b1 = number(ADAM_BETA1),
            b2 = number(ADAM_BETA2),
            eps = number(ADAM_EPSILON),
        )?,
    }

    // train
    writeln!(
        out,
        "    def train(self, X, y, epochs):\n        losses = []\n        for epoch in range(epochs):\n            self.forward(X)\n            loss = self.loss(y)\n            losses.append(loss)\n            self.update(self.backward(X, y), learning_rate(epoch))\n            if epoch % 100 == 0:\n                print(f\"Epoch {{epoch}}, Loss: {{loss:.4f}}\")\n        return losses\n"
    )?;

    // run and check
    writeln!(
        out,
        "\nnn = NeuralNetwork()\nlosses = nn.train(X, y, epochs=EPOCHS)\nprint(\"Predictions for the first points:\")\nprint(nn.forward(X)[:8])\n"
    )?;
    writeln!(out, "# The app's weights after {epochs} epochs.")?;
    let mut finals = String::new();
    layer_arrays(&mut finals, network, "app_")?;
    writeln!(out, "{finals}")?;
    let app_names: Vec<String> = (1..=layers)
        .flat_map(|n| [format!("app_W{n}"), format!("app_b{n}")])
        .collect();
    writeln!(
        out,
        "# Same arithmetic in another order (NumPy's dot, its exp and tanh) differs by a few\n\
         # units in the last place an epoch, and training carries that on: measured from 7e-16\n\
         # to 3e-15 after hundreds to thousands of epochs. A wrong formula moves them by far more.\n\
         TOLERANCE = {}\n\
         worst = max(\n    float(np.max(np.abs(ours - app) / (1 + np.abs(app))))\n    for ours, app in zip(nn.parameters(), [{}])\n)\n\
         print(f\"Largest difference from the app's final weights: {{worst:.1e}} (tolerance {{TOLERANCE:.0e}})\")\n\
         assert worst <= TOLERANCE, \"the rerun's weights differ from the app's\"\n\
         print(\"The rerun matches the app.\")",
        number(TOLERANCE),
        app_names.join(", ")
    )?;
    Ok(())
}
