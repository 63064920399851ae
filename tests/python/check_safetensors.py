"""Loads an nn-playground safetensors export with the safetensors package and runs it in NumPy
as the PyTorch nn.Sequential its names describe would: x @ weight.T + bias, then each module.

Usage: check_safetensors.py FILE.safetensors X1,X2 [X1,X2 ...]

Prints one line per row: the outputs, comma separated, in repr. The input features come from
the metadata's experiment (JSON), computed from x1, x2 as the app computes them. Exits
non-zero on any inconsistency.
"""

import json
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

MODULES = {
    "nn.Sigmoid()": lambda z: 1 / (1 + np.exp(-z)),
    "nn.Tanh()": np.tanh,
    "nn.ReLU()": lambda z: np.maximum(z, 0.0),
    "nn.LeakyReLU(0.01)": lambda z: np.where(z > 0, z, 0.01 * z),
    "nn.Identity()": lambda z: z,
    "nn.Softmax(dim=1)": lambda z: (lambda e: e / e.sum(axis=1, keepdims=True))(
        np.exp(z - z.max(axis=1, keepdims=True))
    ),
}


def features(x, toggles):
    x1, x2 = x[:, 0:1], x[:, 1:2]
    columns = {
        "x1": x1,
        "x2": x2,
        "x1_squared": x1 * x1,
        "x2_squared": x2 * x2,
        "x1_x2": x1 * x2,
        "sin_x1": np.sin(x1),
        "sin_x2": np.sin(x2),
    }
    # x1 and x2 are on unless the experiment says otherwise (files from before they could be
    # switched off leave them out); the others are off unless it says so.
    on = {k: toggles.get(k, k in ("x1", "x2")) for k in columns}
    return np.hstack([v for k, v in columns.items() if on[k]])


def main():
    path, rows = sys.argv[1], sys.argv[2:]
    with safe_open(path, framework="np") as f:
        metadata = f.metadata()
    assert metadata["format"] == "nn-playground", metadata
    experiment = json.loads(metadata["experiment"])
    tensors = load_file(path)
    sequential = metadata["sequential"]
    assert sequential.startswith("nn.Sequential(") and sequential.endswith(")"), sequential
    modules = [m.strip() for m in sequential[len("nn.Sequential("):-1].split("), ")]
    modules = [m if m.endswith(")") else m + ")" for m in modules]
    x = np.array([[float(v) for v in row.split(",")] for row in rows], dtype=np.float64)
    a = features(x, experiment["data"].get("features", {}))
    assert a.shape[1] == tensors["0.weight"].shape[1], (a.shape, tensors["0.weight"].shape)
    for index, module in enumerate(modules):
        if module.startswith("nn.Linear("):
            weight, bias = tensors[f"{index}.weight"], tensors[f"{index}.bias"]
            assert weight.dtype == np.float64 and weight.shape == (bias.shape[0], a.shape[1])
            a = a @ weight.T + bias
        else:
            a = MODULES[module](a)
    assert len(tensors) == sum(m.startswith("nn.Linear(") for m in modules) * 2
    for row in a:
        print(",".join(repr(float(v)) for v in row))


main()
