//! What a click or a key asks for, recorded while drawing and applied afterwards.

use std::path::PathBuf;

use crate::{
    cli::line::RunLine,
    nn::LayerEdit,
    view::{
        explained::ExplainTarget,
        session::{ParameterEdit, PointEdit},
    },
    weights::ExportFormat,
};

/// A file operation, before or after its path is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Open a weights file or an experiment file, or import a CSV of points.
    Open,
    /// Save the weights.
    Save,
    /// Export the loss history as CSV.
    ExportCsv,
    /// Export the decision boundary as PNG.
    ExportPng,
    /// Save the whole run as an experiment file.
    SaveExperiment,
    /// Import points from a CSV file of `x1,x2,label`.
    ImportCsv,
    /// Export the current points as CSV.
    ExportData,
    /// Export the network for other tools (ONNX, …).
    Export(ExportFormat),
}

impl FileAction {
    /// A short verb phrase for dialogs and messages.
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open weights, experiment or points",
            Self::Save => "Save weights",
            Self::ExportCsv => "Export loss CSV",
            Self::ExportPng => "Export boundary PNG",
            Self::SaveExperiment => "Save experiment",
            Self::ImportCsv => "Import points CSV",
            Self::ExportData => "Export points CSV",
            Self::Export(ExportFormat::Onnx) => "Export ONNX",
            Self::Export(ExportFormat::Safetensors) => "Export safetensors",
            Self::Export(ExportFormat::Python) => "Export as Python",
        }
    }

    /// File-name extensions the dialog offers.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Open => &["json", "npz", "csv"],
            Self::Save => &["json", "npz"],
            Self::SaveExperiment => &["json"],
            Self::ExportCsv | Self::ImportCsv | Self::ExportData => &["csv"],
            Self::ExportPng => &["png"],
            Self::Export(format) => match format {
                ExportFormat::Onnx => &["onnx"],
                ExportFormat::Safetensors => &["safetensors"],
                ExportFormat::Python => &["py"],
            },
        }
    }

    /// The file name a save dialog suggests.
    pub fn default_name(self) -> &'static str {
        match self {
            Self::Open | Self::Save => "weights.json",
            Self::ExportCsv => "loss.csv",
            Self::ExportPng => "boundary.png",
            Self::ImportCsv | Self::ExportData => "points.csv",
            Self::SaveExperiment => "experiment.nnexp.json",
            Self::Export(ExportFormat::Onnx) => "network.onnx",
            Self::Export(ExportFormat::Safetensors) => "network.safetensors",
            Self::Export(ExportFormat::Python) => "rerun.py",
        }
    }
}

/// Something the user asked for. Drawing code only records these; the app applies them after
/// the panels are drawn, so no dialog or file I/O runs inside a UI closure.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Start or pause training.
    TogglePlay,
    /// Train exactly one epoch (pausing first).
    Step,
    /// Train exactly one mini-batch (pausing first).
    StepBatch,
    /// Show the next phase of a training step in the Explain panel (pausing first): forward,
    /// loss, backward, then the update, which trains it.
    StepPhase,
    /// Fresh weights from the current seed: the same run again.
    Reset,
    /// Pick the next seed and rebuild.
    NewSeed,
    /// Draw the dataset afresh: the next data seed, the same settings, fresh weights.
    Regenerate,
    /// Take the suggested network and training settings for the current dataset, and rebuild.
    UseSuggested,
    /// Save to the current file as the kind of file it is (weights or experiment), or ask.
    Save,
    /// Ask for a path (native dialog, else the app's own path field).
    Pick(FileAction),
    /// Carry out a file action on a known path.
    Run(FileAction, PathBuf),
    /// A hidden layer or a neuron more or fewer (the diagram's +/−), and rebuild.
    EditLayers(LayerEdit),
    /// Add, remove or clear hand-made points (the run keeps training on them).
    EditPoints(PointEdit),
    /// Pick the class a left click on the boundary paints (0 to 5).
    PaintClass(u8),
    /// Pin the current run's loss curve for comparison.
    Pin,
    /// Forget every pinned curve.
    ClearPins,
    /// Open or close the Explain window (while it is open, a left click on the boundary
    /// explains the data point under it instead of painting one).
    ToggleExplain,
    /// Explain `target` in the Explain window (opening it).
    Explain(ExplainTarget),
    /// Explain the data point nearest to `(x1, x2)` if one lies within `within` of it (in the
    /// plane's units).
    ExplainNear {
        /// First input where the click was.
        x1: f64,
        /// Second input.
        x2: f64,
        /// How far a point may be.
        within: f64,
    },
    /// Set one weight or bias to a typed value (the run goes on from there).
    SetParameter(ParameterEdit),
    /// Say in the status line, as an error, why an input was refused.
    Refuse(String),
    /// Open or close the Hidden space window.
    ToggleHiddenSpace,
    /// Turn the gradient view on or off.
    ToggleGradients,
    /// Show or hide the About window.
    ToggleAbout,
    /// Copy the experiment as one line of text (the Classroom menu).
    CopyLine,
    /// Open the field to paste an experiment line into.
    OpenLinePrompt,
    /// Restore the run an experiment line describes (pasted or typed).
    PasteLine(String),
    /// Restore a run already read from a line (the window's own command line).
    UseLine(Box<RunLine>),
    /// Close the window.
    Quit,
}
