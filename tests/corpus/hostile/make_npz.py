"""Makes the NumPy fixtures of tests/hostile_corpus.rs: weights saved the way a reader of the
tutorial saves them, with np.savez and np.savez_compressed, arrays only (no config), plus an
archive whose .npy headers use Python 2 longs, `(2L, 4L)`.

Run from this folder with a Python that has NumPy: `python3 make_npz.py`. The outputs of the
NumPy network on the four XOR points go to tutorial-outputs.txt, for the test to compare.
"""

import io
import zipfile

import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def train_tutorial():
    # The tutorial's network and algorithm: 2-4-1 sigmoid, MSE, gradient descent, lr 0.5.
    rng = np.random.default_rng(7)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    y = np.array([[0], [1], [1], [0]], dtype=np.float64)
    W1 = rng.standard_normal((2, 4))
    b1 = np.zeros((1, 4))
    W2 = rng.standard_normal((4, 1))
    b2 = np.zeros((1, 1))
    for _ in range(2000):
        a1 = sigmoid(X @ W1 + b1)
        a2 = sigmoid(a1 @ W2 + b2)
        d2 = (a2 - y) * a2 * (1 - a2)
        d1 = (d2 @ W2.T) * a1 * (1 - a1)
        W2 -= 0.5 * a1.T @ d2
        b2 -= 0.5 * d2.sum(axis=0, keepdims=True)
        W1 -= 0.5 * X.T @ d1
        b1 -= 0.5 * d1.sum(axis=0, keepdims=True)
    out = sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)
    return W1, b1, W2, b2, X, out


def npy_with_python2_longs(array):
    shape = ", ".join(f"{d}L" for d in array.shape)
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (%s), }" % shape
    header += " " * ((64 - (len(header) + 11) % 64) % 64) + "\n"
    return (
        b"\x93NUMPY\x01\x00"
        + len(header).to_bytes(2, "little")
        + header.encode("latin1")
        + array.astype("<f8").tobytes()
    )


def main():
    W1, b1, W2, b2, X, out = train_tutorial()
    np.savez("tutorial.npz", W1=W1, b1=b1, W2=W2, b2=b2)
    np.savez_compressed("tutorial-compressed.npz", W1=W1, b1=b1, W2=W2, b2=b2)
    rng = np.random.default_rng(3)
    np.savez(
        "three-layers.npz",
        W1=rng.standard_normal((2, 5)),
        b1=np.zeros((1, 5)),
        W2=rng.standard_normal((5, 3)),
        b2=np.zeros((1, 3)),
        W3=rng.standard_normal((3, 1)),
        b3=np.zeros((1, 1)),
    )
    with zipfile.ZipFile("python2-longs.npz", "w") as z:
        for name, array in [("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2)]:
            z.writestr(name + ".npy", npy_with_python2_longs(array))
    # NumPy itself reads the Python 2 header.
    check = np.load("python2-longs.npz")
    assert check["W1"].shape == (2, 4)
    with open("tutorial-outputs.txt", "w") as f:
        for x, p in zip(X, out[:, 0]):
            f.write(f"{x[0]:g} {x[1]:g} {float(p)!r}\n")


main()
