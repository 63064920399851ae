//! The few ONNX protobuf messages an exported network needs, written out with `prost`'s derive
//! (no `protoc`). Field numbers are onnx.proto's; fields the export never sets are left out,
//! which protobuf allows: a reader takes an absent field as its default.
//!
//! onnx.proto declares `TypeProto.value` and `Dimension.value` as `oneof`s; here each holds the
//! one member the export uses as an optional field, which is the same bytes on the wire.

/// `ModelProto`: the file's top level.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct ModelProto {
    /// The IR version the model targets.
    #[prost(int64, tag = "1")]
    pub ir_version: i64,
    /// The operator sets the graph's nodes bind to.
    #[prost(message, repeated, tag = "8")]
    pub opset_import: Vec<OperatorSetIdProto>,
    /// The program that wrote the file.
    #[prost(string, tag = "2")]
    pub producer_name: String,
    /// Its version.
    #[prost(string, tag = "3")]
    pub producer_version: String,
    /// Human-readable description.
    #[prost(string, tag = "6")]
    pub doc_string: String,
    /// The computation.
    #[prost(message, optional, tag = "7")]
    pub graph: Option<GraphProto>,
    /// Named metadata strings.
    #[prost(message, repeated, tag = "14")]
    pub metadata_props: Vec<StringStringEntryProto>,
}

/// `OperatorSetIdProto`: an operator set and its version.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct OperatorSetIdProto {
    /// Empty for the default `ai.onnx` domain.
    #[prost(string, tag = "1")]
    pub domain: String,
    /// The operator set version.
    #[prost(int64, tag = "2")]
    pub version: i64,
}

/// `StringStringEntryProto`: one metadata entry.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct StringStringEntryProto {
    /// The key.
    #[prost(string, tag = "1")]
    pub key: String,
    /// The value.
    #[prost(string, tag = "2")]
    pub value: String,
}

/// `GraphProto`: nodes in topological order, constants, inputs and outputs.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct GraphProto {
    /// The nodes, each after the nodes it reads from.
    #[prost(message, repeated, tag = "1")]
    pub node: Vec<NodeProto>,
    /// The graph's name.
    #[prost(string, tag = "2")]
    pub name: String,
    /// Constant tensors (weights, biases, indices).
    #[prost(message, repeated, tag = "5")]
    pub initializer: Vec<TensorProto>,
    /// The graph's inputs.
    #[prost(message, repeated, tag = "11")]
    pub input: Vec<ValueInfoProto>,
    /// The graph's outputs.
    #[prost(message, repeated, tag = "12")]
    pub output: Vec<ValueInfoProto>,
}

/// `NodeProto`: one operator applied to named values.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct NodeProto {
    /// Names of the values read.
    #[prost(string, repeated, tag = "1")]
    pub input: Vec<String>,
    /// Names of the values written.
    #[prost(string, repeated, tag = "2")]
    pub output: Vec<String>,
    /// The node's own name.
    #[prost(string, tag = "3")]
    pub name: String,
    /// The operator, e.g. `Gemm`.
    #[prost(string, tag = "4")]
    pub op_type: String,
    /// The operator's attributes.
    #[prost(message, repeated, tag = "5")]
    pub attribute: Vec<AttributeProto>,
}

/// `AttributeProto.AttributeType::INT`.
pub(super) const ATTRIBUTE_INT: i32 = 2;

/// `AttributeProto`, for the integer attributes the export uses (`axis`).
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct AttributeProto {
    /// The attribute's name.
    #[prost(string, tag = "1")]
    pub name: String,
    /// Which value field is set: [`ATTRIBUTE_INT`].
    #[prost(int32, tag = "20")]
    pub r#type: i32,
    /// The integer value.
    #[prost(int64, tag = "3")]
    pub i: i64,
}

/// `TensorProto.DataType::INT64`.
pub(super) const DATA_TYPE_INT64: i32 = 7;
/// `TensorProto.DataType::DOUBLE`.
pub(super) const DATA_TYPE_DOUBLE: i32 = 11;

/// `TensorProto`: a constant tensor.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct TensorProto {
    /// The shape.
    #[prost(int64, repeated, tag = "1")]
    pub dims: Vec<i64>,
    /// The element type: [`DATA_TYPE_DOUBLE`] or [`DATA_TYPE_INT64`].
    #[prost(int32, tag = "2")]
    pub data_type: i32,
    /// Integer elements, row-major.
    #[prost(int64, repeated, tag = "7")]
    pub int64_data: Vec<i64>,
    /// The tensor's name, as nodes refer to it.
    #[prost(string, tag = "8")]
    pub name: String,
    /// Float64 elements, row-major.
    #[prost(double, repeated, tag = "10")]
    pub double_data: Vec<f64>,
}

/// `ValueInfoProto`: a graph input's or output's name and type.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct ValueInfoProto {
    /// The value's name.
    #[prost(string, tag = "1")]
    pub name: String,
    /// Its type.
    #[prost(message, optional, tag = "2")]
    pub r#type: Option<TypeProto>,
    /// What it holds, for people.
    #[prost(string, tag = "3")]
    pub doc_string: String,
}

/// `TypeProto`, for tensors.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct TypeProto {
    /// The tensor type (`oneof value`'s `tensor_type`).
    #[prost(message, optional, tag = "1")]
    pub tensor_type: Option<TensorTypeProto>,
}

/// `TypeProto.Tensor`: element type and shape.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct TensorTypeProto {
    /// The element type, a `TensorProto.DataType`.
    #[prost(int32, tag = "1")]
    pub elem_type: i32,
    /// The shape.
    #[prost(message, optional, tag = "2")]
    pub shape: Option<TensorShapeProto>,
}

/// `TensorShapeProto`.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct TensorShapeProto {
    /// One entry per axis.
    #[prost(message, repeated, tag = "1")]
    pub dim: Vec<Dimension>,
}

/// `TensorShapeProto.Dimension`: a fixed size or a named, free one.
#[derive(Clone, PartialEq, prost::Message)]
pub(super) struct Dimension {
    /// A fixed size.
    #[prost(int64, optional, tag = "1")]
    pub dim_value: Option<i64>,
    /// A symbolic size, e.g. `N` for the batch.
    #[prost(string, optional, tag = "2")]
    pub dim_param: Option<String>,
}
