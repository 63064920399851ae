"""Loads an nn-playground .npz weights file with NumPy and runs the forward pass.

Usage: check_npz.py FILE.npz X1,X2 [X1,X2 ...]

Prints one output per input row (repr, so every digit survives). The arrays are assigned to
the tutorial's network attributes (W1, b1, W2, b2, ...) and the activations come from the
archive's `config` member, a uint8 array of UTF-8 JSON. Exits non-zero on any inconsistency.
"""

import json
import sys

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


ACTIVATIONS = {
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "linear": lambda z: z,
}


class NeuralNetwork:
    """The tutorial's network, generalised to any depth: attributes W1, b1, W2, b2, ..."""

    def __init__(self, npz):
        self.config = json.loads(npz["config"].tobytes().decode("utf-8"))
        assert self.config["format"] == "nn-playground-weights", self.config["format"]
        assert self.config["version"] == 1, self.config["version"]
        self.activations = self.config["activations"]
        self.layers = len(self.activations)
        for k in range(1, self.layers + 1):
            W, b = npz[f"W{k}"], npz[f"b{k}"]
            assert W.dtype == np.float64 and b.dtype == np.float64
            assert W.ndim == 2 and b.shape == (1, W.shape[1]), (W.shape, b.shape)
            setattr(self, f"W{k}", W)
            setattr(self, f"b{k}", b)

    def forward(self, X):
        a = X
        for k in range(1, self.layers + 1):
            z = np.dot(a, getattr(self, f"W{k}")) + getattr(self, f"b{k}")
            a = ACTIVATIONS[self.activations[k - 1]](z)
        return a


def main():
    path, rows = sys.argv[1], sys.argv[2:]
    X = np.array([[float(v) for v in row.split(",")] for row in rows], dtype=np.float64)
    with np.load(path) as npz:
        net = NeuralNetwork(npz)
    assert X.shape[1] == net.W1.shape[0], "input width"
    out = net.forward(X)
    assert out.shape == (len(rows), 1), out.shape
    if net.layers == 2 and net.activations == ["sigmoid", "sigmoid"]:
        # The tutorial's own forward pass, line for line.
        z1 = np.dot(X, net.W1) + net.b1
        a1 = sigmoid(z1)
        z2 = np.dot(a1, net.W2) + net.b2
        a2 = sigmoid(z2)
        assert np.array_equal(a2, out)
    for value in out[:, 0]:
        print(repr(float(value)))


if __name__ == "__main__":
    main()
