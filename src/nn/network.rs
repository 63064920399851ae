//! The network: its configuration and the stack of layers it builds.

use ndarray::{Array1, Array2};
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::{
    Activation, Init, Layer, MAX_CLASSES, NetworkError, OutputHead, Workspace,
    init::standard_normal,
};

/// The widest layer (and the most inputs) a network may have.
pub const MAX_WIDTH: usize = 1024;
/// The most hidden layers a network may have.
pub const MAX_HIDDEN_LAYERS: usize = 16;

/// The shape of a network: hidden layer widths, each one's activation, the initialisation and
/// the number of classes. No hidden layer at all is a network too: the inputs feed the output
/// layer straight away (logistic regression on two classes, the baseline that cannot learn
/// XOR).
///
/// The input width comes from the data. Two classes give one sigmoid output neuron (the
/// probability of class 1); 3 to [`MAX_CLASSES`] classes give one softmax neuron per class.
/// The default is the tutorial's: one hidden layer of 4 sigmoid neurons, standard normal
/// weights, two classes.
///
/// The activations are held in one canonical form: a single entry when every hidden layer
/// shares it (also with no hidden layer: the one a layer added later gets), else one entry
/// per hidden layer. [`Self::activation`] reads a layer's, the setters keep the form.
///
/// ```
/// use nn_playground::nn::{Activation, LayerEdit, NetworkConfig};
/// use rand::{SeedableRng as _, rngs::StdRng};
///
/// let config = NetworkConfig::default();
/// config.check().unwrap();
/// let network = config.init(2, &mut StdRng::seed_from_u64(0));
/// assert_eq!(network.parameter_count(), 2 * 4 + 4 + 4 + 1);
///
/// // Three classes: a softmax output neuron per class.
/// let three = NetworkConfig { classes: 3, ..config.clone() };
/// let network = three.init(2, &mut StdRng::seed_from_u64(0));
/// assert_eq!((network.outputs(), network.classes()), (3, 3));
///
/// // A second layer, one neuron wider, with its own activation.
/// let mut shaped = config;
/// shaped.edit(LayerEdit::AddLayer);
/// shaped.edit(LayerEdit::AddNeuron(1));
/// shaped.set_layer_activation(1, Activation::Relu);
/// assert_eq!(shaped.hidden, [4, 5]);
/// assert_eq!(shaped.hidden_activations(), [Activation::Sigmoid, Activation::Relu]);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "NetworkConfigIn")]
pub struct NetworkConfig {
    /// Width of each hidden layer, input side first.
    pub hidden: Vec<usize>,
    /// The hidden layers' activations, input side first: one for every layer, or one per
    /// layer (see [`NetworkConfig`]). Set them with [`Self::set_activations`] and its kin.
    pub activations: Vec<Activation>,
    /// How the weights are drawn.
    pub init: Init,
    /// Classes to tell apart: 2 (one sigmoid output, the default, also when a file omits it)
    /// or 3 to [`MAX_CLASSES`] (softmax outputs).
    pub classes: usize,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        Self {
            hidden: vec![4],
            activations: vec![Activation::Sigmoid],
            init: Init::Normal,
            classes: 2,
        }
    }
}

/// A network configuration as files hold it: `activations` (a list) since per-layer shapes,
/// `activation` (one name for every layer) before them. Both are read; the list wins.
#[derive(Deserialize)]
#[serde(default)]
struct NetworkConfigIn {
    hidden: Vec<usize>,
    #[serde(deserialize_with = "present")]
    activation: Option<Activation>,
    #[serde(deserialize_with = "present")]
    activations: Option<Vec<Activation>>,
    init: Init,
    classes: usize,
}

/// A field that is there: its value (RON would otherwise ask for `Some(…)` round it).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

impl Default for NetworkConfigIn {
    fn default() -> Self {
        let NetworkConfig {
            hidden,
            init,
            classes,
            ..
        } = NetworkConfig::default();
        Self {
            hidden,
            activation: None,
            activations: None,
            init,
            classes,
        }
    }
}

impl From<NetworkConfigIn> for NetworkConfig {
    fn from(file: NetworkConfigIn) -> Self {
        let mut config = Self {
            hidden: file.hidden,
            activations: Vec::new(),
            init: file.init,
            classes: file.classes,
        };
        let activations = match (file.activations, file.activation) {
            (Some(list), _) => list,
            (None, one) => vec![one.unwrap_or_default()],
        };
        config.set_activations(&activations);
        config
    }
}

/// A change to the hidden layers' shape, as the window's +/− buttons ask for it. Layers are
/// counted from 0, input side first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerEdit {
    /// A hidden layer after the last, as wide as it (4 neurons when there is none) and with
    /// its activation.
    AddLayer,
    /// Drop the last hidden layer.
    RemoveLayer,
    /// One neuron more in hidden layer `n`.
    AddNeuron(usize),
    /// One neuron fewer in hidden layer `n` (never below one).
    RemoveNeuron(usize),
}

/// The width a hidden layer added to a network without one starts with (the tutorial's).
const FIRST_LAYER_WIDTH: usize = 4;

impl NetworkConfig {
    /// Checks the layer count (0 to [`MAX_HIDDEN_LAYERS`]), widths, activations (one, or one
    /// per layer) and class count.
    pub fn check(&self) -> Result<(), NetworkError> {
        if !(2..=MAX_CLASSES).contains(&self.classes) {
            return Err(NetworkError::BadClasses {
                found: self.classes,
                max: MAX_CLASSES,
            });
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return Err(NetworkError::TooManyLayers {
                found: self.hidden.len(),
                max: MAX_HIDDEN_LAYERS,
            });
        }
        for (i, &width) in self.hidden.iter().enumerate() {
            if width == 0 || width > MAX_WIDTH {
                return Err(NetworkError::BadWidth {
                    layer: i + 1,
                    found: width,
                    max: MAX_WIDTH,
                });
            }
        }
        let found = self.activations.len();
        if found != 1 && found != self.hidden.len() {
            return Err(NetworkError::ActivationCount {
                found,
                layers: self.hidden.len(),
            });
        }
        Ok(())
    }

    /// Hidden layer `layer`'s activation (from 0, input side first).
    pub fn activation(&self, layer: usize) -> Activation {
        match self.activations[..] {
            [one] => one,
            ref each => each.get(layer).copied().unwrap_or_default(),
        }
    }

    /// Every hidden layer's activation, input side first.
    pub fn hidden_activations(&self) -> Vec<Activation> {
        (0..self.hidden.len()).map(|k| self.activation(k)).collect()
    }

    /// The activation every hidden layer shares, or `None` when they differ.
    pub fn shared_activation(&self) -> Option<Activation> {
        match self.activations[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Sets the activations: one for every hidden layer, or one per layer (another count is
    /// kept as given, for [`Self::check`] to refuse with the counts).
    pub fn set_activations(&mut self, activations: &[Activation]) {
        self.activations = match activations {
            [first, rest @ ..] if rest.iter().all(|a| a == first) => vec![*first],
            _ => activations.to_vec(),
        };
    }

    /// The same network with its activations written the one shortest way: one name when the
    /// layers agree, and the default's when none is given. Two configurations that build the
    /// same network and grow the same layers have the same canonical form.
    pub fn canonical(&self) -> Self {
        let mut network = self.clone();
        if network.activations.is_empty() {
            network.activations = vec![Activation::default()];
        }
        let activations = network.activations.clone();
        network.set_activations(&activations);
        network
    }

    /// Gives every hidden layer `activation`.
    pub fn set_activation(&mut self, activation: Activation) {
        self.activations = vec![activation];
    }

    /// Gives hidden layer `layer` (from 0) `activation`; the others keep theirs.
    pub fn set_layer_activation(&mut self, layer: usize, activation: Activation) {
        let mut each = self.hidden_activations();
        if let Some(a) = each.get_mut(layer) {
            *a = activation;
            self.set_activations(&each);
        }
    }

    /// Applies `edit` within the network's limits (at most [`MAX_HIDDEN_LAYERS`] layers of 1
    /// to [`MAX_WIDTH`] neurons) and says whether anything changed.
    pub fn edit(&mut self, edit: LayerEdit) -> bool {
        let mut each = self.hidden_activations();
        match edit {
            LayerEdit::AddLayer if self.hidden.len() < MAX_HIDDEN_LAYERS => {
                let width = self.hidden.last().copied().unwrap_or(FIRST_LAYER_WIDTH);
                let activation = each.last().copied().unwrap_or(self.activation(0));
                self.hidden.push(width);
                each.push(activation);
            }
            LayerEdit::RemoveLayer if !self.hidden.is_empty() => {
                self.hidden.pop();
                // The last activation stays remembered for a layer added back.
                if each.len() > 1 {
                    each.pop();
                }
            }
            LayerEdit::AddNeuron(k) if self.hidden.get(k).is_some_and(|&w| w < MAX_WIDTH) => {
                self.hidden[k] += 1;
            }
            LayerEdit::RemoveNeuron(k) if self.hidden.get(k).is_some_and(|&w| w > 1) => {
                self.hidden[k] -= 1;
            }
            _ => return false,
        }
        self.set_activations(&each);
        true
    }

    /// A freshly initialised network for `inputs` features: weights drawn from `rng` as
    /// [`Self::init`] says, biases zero. Call [`Self::check`] first: an unchecked config may
    /// build a degenerate network.
    pub fn init(&self, inputs: usize, rng: &mut impl Rng) -> Network {
        let mut widths = Vec::with_capacity(self.hidden.len() + 2);
        widths.push(inputs);
        widths.extend_from_slice(&self.hidden);
        let head = self.head();
        widths.push(head.outputs(self.classes));
        let layers = widths
            .windows(2)
            .enumerate()
            .map(|(i, pair)| {
                let (fan_in, fan_out) = (pair[0], pair[1]);
                // The output layer is affine: the head applies the rest.
                let activation = if i == self.hidden.len() {
                    Activation::Linear
                } else {
                    self.activation(i)
                };
                let std_dev = self.init.std_dev(fan_in, fan_out);
                let weights = Array2::from_shape_simple_fn((fan_in, fan_out), || {
                    std_dev * standard_normal(rng)
                });
                Layer::new(weights, Array1::zeros(fan_out), activation)
                    .expect("bias length equals the weight columns by construction")
            })
            .collect();
        Network { layers, head }
    }

    /// The output head for this many classes: one sigmoid neuron for two classes, one softmax
    /// neuron per class otherwise.
    pub fn head(&self) -> OutputHead {
        OutputHead::for_classes(self.classes)
    }
}

/// What a layer applies after its affine map, as files and the diagram name it: the hidden
/// layers' activation, or the network's output head on the last layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerFunction {
    /// A hidden layer's activation.
    Hidden(Activation),
    /// The output layer's head.
    Head(OutputHead),
}

impl LayerFunction {
    /// The name files give it: the activation's or the head's.
    pub fn name(self) -> &'static str {
        match self {
            Self::Hidden(activation) => activation.name(),
            Self::Head(head) => head.name(),
        }
    }

    /// Whether the outputs are sigmoids, probabilities of one class each.
    pub fn is_sigmoid(self) -> bool {
        matches!(
            self,
            Self::Hidden(Activation::Sigmoid) | Self::Head(OutputHead::Sigmoid)
        )
    }
}

/// A feed-forward network: hidden layers, an affine output layer and the [`OutputHead`] that
/// turns its logits into one sigmoid probability (for class 1) or `K` softmax probabilities
/// (one per class, `3 ≤ K ≤` [`MAX_CLASSES`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    layers: Vec<Layer>,
    head: OutputHead,
}

impl Network {
    /// A network from its layers (the last affine, [`Activation::Linear`]) and its head,
    /// checked: at least the output layer, shapes that chain, an output layer the head fits
    /// (one sigmoid neuron, or 3 to [`MAX_CLASSES`] softmax neurons), finite numbers, widths
    /// within [`MAX_WIDTH`].
    pub fn from_layers(layers: Vec<Layer>, head: OutputHead) -> Result<Self, NetworkError> {
        let Some(last) = layers.last() else {
            return Err(NetworkError::NoLayers);
        };
        if layers.len() - 1 > MAX_HIDDEN_LAYERS {
            return Err(NetworkError::TooManyLayers {
                found: layers.len() - 1,
                max: MAX_HIDDEN_LAYERS,
            });
        }
        let affine = last.activation() == Activation::Linear;
        match head {
            OutputHead::Softmax if !(affine && head.fits(last.outputs())) => {
                return Err(NetworkError::BadSoftmaxOutput {
                    found: last.outputs(),
                    max: MAX_CLASSES,
                });
            }
            OutputHead::Sigmoid if !(affine && head.fits(last.outputs())) => {
                return Err(NetworkError::BadOutput {
                    found: last.outputs(),
                    activation: if affine {
                        head.name()
                    } else {
                        last.activation().name()
                    },
                });
            }
            OutputHead::Sigmoid | OutputHead::Softmax => {}
        }
        let inputs = layers[0].inputs();
        if inputs == 0 || inputs > MAX_WIDTH {
            return Err(NetworkError::BadInputs {
                found: inputs,
                max: MAX_WIDTH,
            });
        }
        let mut expected = inputs;
        for (i, layer) in layers.iter().enumerate() {
            if layer.inputs() != expected {
                return Err(NetworkError::ShapesDoNotChain {
                    layer: i + 1,
                    expected,
                    found: layer.inputs(),
                });
            }
            if layer.outputs() == 0 || layer.outputs() > MAX_WIDTH {
                return Err(NetworkError::BadWidth {
                    layer: i + 1,
                    found: layer.outputs(),
                    max: MAX_WIDTH,
                });
            }
            if !layer.is_finite() {
                return Err(NetworkError::NonFinite { layer: i + 1 });
            }
            expected = layer.outputs();
        }
        Ok(Self { layers, head })
    }

    /// The output head: how the output layer's logits become probabilities, and the loss.
    pub fn head(&self) -> OutputHead {
        self.head
    }

    /// What each layer applies after its affine map, input side first: the hidden activation,
    /// then the head.
    pub fn functions(&self) -> impl Iterator<Item = LayerFunction> + '_ {
        let last = self.layers.len() - 1;
        self.layers.iter().enumerate().map(move |(k, layer)| {
            if k == last {
                LayerFunction::Head(self.head)
            } else {
                LayerFunction::Hidden(layer.activation())
            }
        })
    }

    /// Layer `k`'s outputs for samples stored one after the other (see
    /// [`Layer::forward_samples`]); for the output layer, the head's probabilities.
    pub fn forward_samples_at(&self, k: usize, input: &[f64], rows: usize, out: &mut [f64]) {
        let layer = &self.layers[k];
        layer.forward_samples(input, rows, out);
        if k + 1 == self.layers.len() {
            self.head
                .apply_to_samples(&mut out[..rows * layer.outputs()], layer.outputs());
        }
    }

    /// The classes this network tells apart: 2 for a sigmoid output, else its softmax width.
    pub fn classes(&self) -> usize {
        self.head.classes(self.outputs())
    }

    /// The output layer's width: 1 (sigmoid) or the class count (softmax).
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(1, Layer::outputs)
    }

    /// Whether the output is a softmax over three or more classes.
    pub fn is_multiclass(&self) -> bool {
        self.head == OutputHead::Softmax
    }

    /// The layers, input side first; the last is the output layer.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Mutable layers, for optimisers. Shapes cannot change through this.
    pub(crate) fn layers_mut(&mut self) -> &mut [Layer] {
        &mut self.layers
    }

    /// The number of input features.
    pub fn inputs(&self) -> usize {
        self.layers[0].inputs()
    }

    /// Widths of the hidden layers.
    pub fn hidden_sizes(&self) -> Vec<usize> {
        self.layers[..self.layers.len() - 1]
            .iter()
            .map(Layer::outputs)
            .collect()
    }

    /// The hidden layers' activations, input side first (none without a hidden layer).
    pub fn hidden_activations(&self) -> Vec<Activation> {
        let hidden = &self.layers[..self.layers.len().saturating_sub(1)];
        hidden.iter().map(Layer::activation).collect()
    }

    /// The widest layer, inputs included.
    pub fn max_width(&self) -> usize {
        self.layers
            .iter()
            .map(Layer::outputs)
            .chain([self.inputs()])
            .max()
            .unwrap_or(1)
    }

    /// Total trainable numbers.
    pub fn parameter_count(&self) -> usize {
        self.layers.iter().map(Layer::parameter_count).sum()
    }

    /// Whether every weight and bias is finite.
    pub fn is_finite(&self) -> bool {
        self.layers.iter().all(Layer::is_finite)
    }

    /// Whether `other` has the same layer shapes, activations and head.
    pub fn same_shape(&self, other: &Self) -> bool {
        self.head == other.head
            && self.layers.len() == other.layers.len()
            && self.layers.iter().zip(&other.layers).all(|(a, b)| {
                a.weights().dim() == b.weights().dim() && a.activation() == b.activation()
            })
    }

    /// Overwrites this network's numbers with `other`'s (same shape). Allocates nothing.
    pub fn copy_from(&mut self, other: &Self) {
        debug_assert!(self.same_shape(other));
        for (a, b) in self.layers.iter_mut().zip(&other.layers) {
            a.copy_from(b);
        }
    }

    /// The probability of class 1 for each row of `inputs` (`n × inputs`); for a multiclass
    /// network, the `K` class probabilities of each row, one after the other.
    ///
    /// Convenient rather than fast: it allocates. The trainer and the boundary grid use a
    /// [`Workspace`] instead.
    pub fn predict(&self, inputs: &Array2<f64>) -> Array1<f64> {
        let rows = inputs.nrows();
        let flat = inputs.as_standard_layout();
        let mut ws = Workspace::new(self, rows.max(1));
        let flat = flat.as_slice().unwrap_or(&[]);
        Array1::from(ws.forward(self, flat, rows).to_vec())
    }

    /// The probability of class 1 for one sample (for a multiclass network, of class 0: use
    /// [`Self::predict`] for all of them).
    pub fn predict_one(&self, x: &[f64]) -> f64 {
        let mut ws = Workspace::new(self, 1);
        ws.forward(self, x, 1)[0]
    }
}
