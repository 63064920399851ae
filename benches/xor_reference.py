#!/usr/bin/env python3
"""NumPy reference of the tutorial's algorithm, written for nn-playground's benchmarks and tests.

The same experiment as the seed tutorial, re-implemented independently: a 2-4-1 network with
sigmoid hidden and output units, standard-normal weights and zero biases, mean squared error,
and full-batch gradient descent whose output delta is (a - y) * a * (1 - a), averaged over the
batch. Two uses:

  xor_reference.py stats --seeds 1000      how often the algorithm classifies XOR right
  xor_reference.py speed --epochs 20000    epochs per second of this NumPy implementation

Both print one JSON object on stdout.
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

    def step(self, x, y, lr):
        """One epoch: forward, the tutorial's backward pass, update. Returns the pre-update MSE."""
        out = self.forward(x)
        n = x.shape[0]
        delta_out = (out - y) * out * (1.0 - out)
        delta_hidden = (delta_out @ self.w_out.T) * self.hidden * (1.0 - self.hidden)
        self.w_out -= lr * (self.hidden.T @ delta_out) / n
        self.b_out -= lr * delta_out.sum(axis=0, keepdims=True) / n
        self.w_hidden -= lr * (x.T @ delta_hidden) / n
        self.b_hidden -= lr * delta_hidden.sum(axis=0, keepdims=True) / n
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
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
