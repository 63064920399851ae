//! ONNX export: a trained network as an ONNX graph that takes the raw plane coordinates.
//!
//! The graph reads `x`, float64 `[N, 2]` (`x1, x2` per row), builds the run's extra input
//! features inside the graph (`Gather` picks a column, `Mul` squares or multiplies, `Sin`,
//! then `Concat` in [`Features`] order), then applies one `Gemm` per layer (`x · W + b`, `W` in
//! the tutorial's `inputs × outputs` orientation) and the layer's activation, and ends in the
//! head: `Sigmoid` gives `probability` `[N, 1]` (of class 1), `Softmax` gives `probabilities`
//! `[N, K]`. Everything is float64, so onnxruntime's outputs equal `predict`'s to rounding.
//!
//! Leaky ReLU is written as `Max(z, 0.01 · z)` rather than ONNX's `LeakyRelu`: that
//! operator's `alpha` is a float32 attribute, and float32's 0.01 is 0.0099999998, which would
//! move every negative output by 2e-9 of itself. For a slope below 1 the two forms agree.

use prost::Message as _;

use super::{
    WeightsFile,
    onnx_proto::{
        ATTRIBUTE_INT, AttributeProto, DATA_TYPE_DOUBLE, DATA_TYPE_INT64, Dimension, GraphProto,
        ModelProto, NodeProto, OperatorSetIdProto, StringStringEntryProto, TensorProto,
        TensorShapeProto, TensorTypeProto, TypeProto, ValueInfoProto,
    },
};
use crate::{
    data::Features,
    nn::{Activation, LEAKY_SLOPE, LayerFunction, OutputHead},
};

/// The IR version written: 8 (ONNX 1.10), which onnxruntime, onnx's checker and tract read.
const IR_VERSION: i64 = 8;
/// The `ai.onnx` operator set the nodes use: 13 has every operator here with float64.
const OPSET: i64 = 13;
/// The graph input's name.
pub const INPUT_NAME: &str = "x";
/// The metadata key holding the experiment as JSON.
pub const EXPERIMENT_KEY: &str = "nn_playground_experiment";

/// The graph's output name for a network with `head`.
pub fn output_name(head: OutputHead) -> &'static str {
    match head {
        OutputHead::Sigmoid => "probability",
        OutputHead::Softmax => "probabilities",
    }
}

/// How a feature column is computed from the gathered `x1`, `x2`: an operator and its inputs.
type Formula = (&'static str, &'static [&'static str]);

/// Encodes `file` as an ONNX model; `experiment_json` goes into its metadata.
pub(super) fn encode(file: &WeightsFile, experiment_json: String) -> Vec<u8> {
    let mut graph = Graph::default();
    let features = graph.features(&file.experiment.data.features);
    let network = &file.network;
    let mut current = features;
    let mut widths = vec![network.inputs().to_string()];
    for (k, (layer, function)) in network.layers().iter().zip(network.functions()).enumerate() {
        let n = k + 1;
        let (inputs, outputs) = (layer.inputs(), layer.outputs());
        widths.push(outputs.to_string());
        let weights: Vec<f64> = layer.weights().iter().copied().collect();
        graph.constant(&format!("W{n}"), &[inputs, outputs], weights);
        graph.constant(&format!("b{n}"), &[outputs], layer.bias().to_vec());
        let z = format!("z{n}");
        graph.node(
            "Gemm",
            &[&current, &format!("W{n}"), &format!("b{n}")],
            &z,
            &[],
        );
        current = match function {
            LayerFunction::Hidden(activation) => graph.activation(activation, &z, n),
            LayerFunction::Head(head) => {
                let out = output_name(head);
                match head {
                    OutputHead::Sigmoid => graph.node("Sigmoid", &[&z], out, &[]),
                    OutputHead::Softmax => graph.node("Softmax", &[&z], out, &[("axis", 1)]),
                }
                graph.outputs.push(value_info(
                    out,
                    outputs,
                    match head {
                        OutputHead::Sigmoid => "the probability of class 1",
                        OutputHead::Softmax => "each class's probability",
                    },
                ));
                out.to_owned()
            }
        };
    }
    let hidden =
        Activation::list_name(&network.hidden_activations()).unwrap_or_else(|| "no".to_owned());
    let description = format!(
        "nn-playground network {} ({hidden} hidden, {} head) at epoch {}; input x is [N, 2] rows of x1, x2; inputs seen by the first layer: {}",
        widths.join("-"),
        network.head().name(),
        file.epoch,
        file.experiment.data.features.names().join(", ")
    );
    let model = ModelProto {
        ir_version: IR_VERSION,
        opset_import: vec![OperatorSetIdProto {
            domain: String::new(),
            version: OPSET,
        }],
        producer_name: "nn-playground".to_owned(),
        producer_version: env!("CARGO_PKG_VERSION").to_owned(),
        doc_string: description,
        graph: Some(GraphProto {
            node: graph.nodes,
            name: "nn_playground".to_owned(),
            initializer: graph.initializers,
            input: vec![value_info(INPUT_NAME, 2, "rows of x1, x2")],
            output: graph.outputs,
        }),
        metadata_props: vec![
            StringStringEntryProto {
                key: EXPERIMENT_KEY.to_owned(),
                value: experiment_json,
            },
            StringStringEntryProto {
                key: "epoch".to_owned(),
                value: file.epoch.to_string(),
            },
        ],
    };
    model.encode_to_vec()
}

/// A graph under construction.
#[derive(Default)]
struct Graph {
    nodes: Vec<NodeProto>,
    initializers: Vec<TensorProto>,
    outputs: Vec<ValueInfoProto>,
}

impl Graph {
    /// Adds a node `op(inputs) -> output` with integer attributes.
    fn node(&mut self, op: &str, inputs: &[&str], output: &str, attributes: &[(&str, i64)]) {
        self.nodes.push(NodeProto {
            input: inputs.iter().map(|&s| s.to_owned()).collect(),
            output: vec![output.to_owned()],
            name: format!("{op}_{output}"),
            op_type: op.to_owned(),
            attribute: attributes
                .iter()
                .map(|&(name, i)| AttributeProto {
                    name: name.to_owned(),
                    r#type: ATTRIBUTE_INT,
                    i,
                })
                .collect(),
        });
    }

    /// Adds a float64 constant of shape `dims`, elements row-major.
    fn constant(&mut self, name: &str, dims: &[usize], values: Vec<f64>) {
        self.initializers.push(TensorProto {
            dims: dims.iter().map(|&d| d as i64).collect(),
            data_type: DATA_TYPE_DOUBLE,
            name: name.to_owned(),
            double_data: values,
            ..TensorProto::default()
        });
    }

    /// Adds the nodes building the first layer's inputs from `x` and returns the name of the
    /// value holding them: `x` itself for just `x1, x2`.
    fn features(&mut self, features: &Features) -> String {
        if features.is_plain() {
            return INPUT_NAME.to_owned();
        }
        for (column, name) in [(0, "x1"), (1, "x2")] {
            let index = format!("{name}_index");
            self.initializers.push(TensorProto {
                dims: vec![1],
                data_type: DATA_TYPE_INT64,
                int64_data: vec![column],
                name: index.clone(),
                ..TensorProto::default()
            });
            self.node("Gather", &[INPUT_NAME, &index], name, &[("axis", 1)]);
        }
        // The same order and formulas as `Features::expand`; x1 and x2 are the gathered
        // columns themselves.
        let each: [(&str, Option<Formula>); 7] = [
            ("x1", None),
            ("x2", None),
            ("x1_squared", Some(("Mul", &["x1", "x1"]))),
            ("x2_squared", Some(("Mul", &["x2", "x2"]))),
            ("x1_x2", Some(("Mul", &["x1", "x2"]))),
            ("sin_x1", Some(("Sin", &["x1"]))),
            ("sin_x2", Some(("Sin", &["x2"]))),
        ];
        let mut columns = Vec::new();
        for ((name, op), on) in each.into_iter().zip(features.toggles()) {
            if on {
                if let Some((op, inputs)) = op {
                    self.node(op, inputs, name, &[]);
                }
                columns.push(name);
            }
        }
        self.node("Concat", &columns, "features", &[("axis", 1)]);
        "features".to_owned()
    }

    /// Adds hidden layer `n`'s activation of `z` and returns the name of its output.
    fn activation(&mut self, activation: Activation, z: &str, n: usize) -> String {
        let a = format!("a{n}");
        match activation {
            Activation::Sigmoid => self.node("Sigmoid", &[z], &a, &[]),
            Activation::Tanh => self.node("Tanh", &[z], &a, &[]),
            Activation::Relu => self.node("Relu", &[z], &a, &[]),
            Activation::LeakyRelu => {
                if !self.initializers.iter().any(|t| t.name == "leaky_slope") {
                    self.constant("leaky_slope", &[], vec![LEAKY_SLOPE]);
                }
                let scaled = format!("{z}_scaled");
                self.node("Mul", &[z, "leaky_slope"], &scaled, &[]);
                self.node("Max", &[z, &scaled], &a, &[]);
            }
            Activation::Linear => return z.to_owned(),
        }
        a
    }
}

/// A float64 `[N, width]` graph input or output.
fn value_info(name: &str, width: usize, what: &str) -> ValueInfoProto {
    ValueInfoProto {
        name: name.to_owned(),
        r#type: Some(TypeProto {
            tensor_type: Some(TensorTypeProto {
                elem_type: DATA_TYPE_DOUBLE,
                shape: Some(TensorShapeProto {
                    dim: vec![
                        Dimension {
                            dim_value: None,
                            dim_param: Some("N".to_owned()),
                        },
                        Dimension {
                            dim_value: Some(width as i64),
                            dim_param: None,
                        },
                    ],
                }),
            }),
        }),
        doc_string: what.to_owned(),
    }
}
