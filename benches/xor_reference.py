#!/usr/bin/env python3
"""NumPy reference of the tutorial's algorithm, written for nn-playground's benchmarks and tests.

The same experiment as the seed tutorial, re-implemented independently: a 2-4-1 network with
sigmoid hidden and output units, standard-normal weights and zero biases, mean squared error,
and full-batch gradient descent whose output delta is (a - y) * a * (1 - a), averaged over the
batch. Two uses:

  xor_reference.py stats --seeds 1000      how often the algorithm classifies XOR right
  xor_reference.py speed --epochs 20000    epochs per second of this NumPy implementation
  xor_reference.py explain --npz W.npz     one step's quantities on W1, b1, W2, b2 from an .npz

Each prints one JSON object on stdout.
"""

import argparse
import json
import time

import numpy as np

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def logistic(z):
    return 1.0 / (1.0 + np.exp(-z))


class TwoLayerNet:
    """input -> sigmoid hidden layer -> one sigmoid output."""

    def __init__(self, rng, inputs=2, hidden=4):
        self.w_hidden = rng.standard_normal((inputs, hidden))
        self.b_hidden = np.zeros((1, hidden))
        self.w_out = rng.standard_normal((hidden, 1))
        self.b_out = np.zeros((1, 1))

    def forward(self, x):
        self.hidden = logistic(x @ self.w_hidden + self.b_hidden)
        self.out = logistic(self.hidden @ self.w_out + self.b_out)
        return self.out

    def backward(self, x, y):
        """The tutorial's backward pass after `forward(x)`: its deltas and the batch-mean gradients."""
        n = x.shape[0]
        delta_out = (self.out - y) * self.out * (1.0 - self.out)
        delta_hidden = (delta_out @ self.w_out.T) * self.hidden * (1.0 - self.hidden)
        grad_w_out = (self.hidden.T @ delta_out) / n
        grad_b_out = delta_out.sum(axis=0, keepdims=True) / n
        grad_w_hidden = (x.T @ delta_hidden) / n
        grad_b_hidden = delta_hidden.sum(axis=0, keepdims=True) / n
        return delta_out, delta_hidden, grad_w_out, grad_b_out, grad_w_hidden, grad_b_hidden

    def step(self, x, y, lr):
        """One epoch: forward, the tutorial's backward pass, update. Returns the pre-update MSE."""
        out = self.forward(x)
        _, _, grad_w_out, grad_b_out, grad_w_hidden, grad_b_hidden = self.backward(x, y)
        self.w_out -= lr * grad_w_out
        self.b_out -= lr * grad_b_out
        self.w_hidden -= lr * grad_w_hidden
        self.b_hidden -= lr * grad_b_hidden
        return float(np.mean((out - y) ** 2))


def run(seed, epochs, lr):
    net = TwoLayerNet(np.random.default_rng(seed))
    for _ in range(epochs):
        net.step(XOR_X, XOR_Y, lr)
    out = net.forward(XOR_X)
    final = float(np.mean((out - XOR_Y) ** 2))
    solved = bool(np.all((out >= 0.5) == (XOR_Y >= 0.5)))
    return final, solved


def stats(args):
    finals, solved = [], 0
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        final, ok = run(seed, args.epochs, args.lr)
        finals.append(final)
        solved += ok
    finals = np.array(finals)
    print(json.dumps({
        "seeds": args.seeds,
        "epochs": args.epochs,
        "solved": solved,
        "solved_share": solved / args.seeds,
        "final_mse_median": float(np.median(finals)),
        "final_mse_p10": float(np.percentile(finals, 10)),
        "final_mse_p90": float(np.percentile(finals, 90)),
    }))


def speed(args):
    net = TwoLayerNet(np.random.default_rng(0))
    start = time.perf_counter()
    for _ in range(args.epochs):
        net.step(XOR_X, XOR_Y, args.lr)
    seconds = time.perf_counter() - start
    print(json.dumps({"epochs": args.epochs, "seconds": seconds, "epochs_per_second": args.epochs / seconds}))


def explain(args):
    """The tutorial's names for one full-batch step on XOR, from the weights in an .npz."""
    arrays = np.load(args.npz)
    net = TwoLayerNet(np.random.default_rng(0))
    net.w_hidden, net.b_hidden = arrays["W1"], arrays["b1"].reshape(1, -1)
    net.w_out, net.b_out = arrays["W2"], arrays["b2"].reshape(1, -1)
    z1 = XOR_X @ net.w_hidden + net.b_hidden
    z2 = logistic(z1) @ net.w_out + net.b_out
    a2 = net.forward(XOR_X)
    dz2, dz1, dW2, db2, dW1, db1 = net.backward(XOR_X, XOR_Y)
    quantities = {
        "z1": z1, "a1": net.hidden, "z2": z2, "a2": a2,
        "dz2": dz2, "dW2": dW2, "db2": db2, "dz1": dz1, "dW1": dW1, "db1": db1,
        "W1'": net.w_hidden - args.lr * dW1, "b1'": net.b_hidden - args.lr * db1,
        "W2'": net.w_out - args.lr * dW2, "b2'": net.b_out - args.lr * db2,
    }
    report = {name: value.tolist() for name, value in quantities.items()}
    report["loss"] = float(np.mean((a2 - XOR_Y) ** 2))
    print(json.dumps(report))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    p_stats = sub.add_parser("stats")
    p_stats.add_argument("--seeds", type=int, default=1000)
    p_stats.add_argument("--first-seed", type=int, default=0)
    p_stats.add_argument("--epochs", type=int, default=2000)
    p_stats.add_argument("--lr", type=float, default=0.5)
    p_stats.set_defaults(func=stats)
    p_speed = sub.add_parser("speed")
    p_speed.add_argument("--epochs", type=int, default=20000)
    p_speed.add_argument("--lr", type=float, default=0.5)
    p_speed.set_defaults(func=speed)
    p_explain = sub.add_parser("explain")
    p_explain.add_argument("--npz", required=True)
    p_explain.add_argument("--lr", type=float, default=0.5)
    p_explain.set_defaults(func=explain)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
