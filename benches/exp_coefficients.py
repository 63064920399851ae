#!/usr/bin/env python3
"""The constants `Q` of src/nn/exp.rs: a Remez (minimax) fit, printed as exact f64 bit patterns.

For |r| <= ln2/2 the module computes e^r = 1 + 2r / (Q(r^2) - r), exact when
Q(t) = r coth(r/2), t = r^2. We fit Q(t) = 2 + q1 t + ... + q5 t^5 (q0 = 2 exact, so e^0 = 1)
to minimise the largest relative error of e^r that Q's error causes, to first order
w(r) (Q(t) - r coth(r/2)) with w(r) = 2r / (Q^2 - r^2), on 0 < r <= ln2/2 (Q is even in r, so
negative r mirror positive r). Linear Remez exchange in 50-digit arithmetic: solve for the
coefficients and the level E on 6 reference points where the error alternates in sign, move
the references to the extrema of the new error, repeat until the extrema equal E.

    python3 -m venv /tmp/remez && /tmp/remez/bin/pip install mpmath
    /tmp/remez/bin/python benches/exp_coefficients.py

Prints the error before and after rounding to f64 (1.8e-19 and 1.9e-19) and the constants.
"""

import struct

from mpmath import coth, cos, log, lu_solve, matrix, mp, mpf, pi

mp.dps = 50
DEGREE = 5  # in t = r^2; degree 4 leaves 2.4e-16, about an ulp
TOP = log(2) / 2 * (1 + mpf(2) ** -40)  # a hair past ln2/2: k comes from a rounded x/ln2


def error(q, r):
    """Relative error of e^r, to first order, when Q(r^2) has coefficients q."""
    exact = r * coth(r / 2)
    approx = sum(c * (r * r) ** i for i, c in enumerate(q))
    return 2 * r / (exact**2 - r * r) * (approx - exact)


def extrema(q, n=4000):
    """Largest |error| in each run of one sign, on a grid dense near both ends."""
    runs = []
    for i in range(1, n + 1):
        r = TOP * (1 - cos(pi * i / n)) / 2
        e = error(q, r)
        if runs and (runs[-1][1] > 0) == (e > 0):
            runs[-1] = max(runs[-1], (r, e), key=lambda p: abs(p[1]))
        else:
            runs.append((r, e))
    return runs


def remez():
    refs = [TOP * (1 - cos(pi * (i + mpf(1) / 2) / (DEGREE + 1))) / 2 for i in range(DEGREE + 1)]
    for _ in range(50):
        a, b = matrix(DEGREE + 1, DEGREE + 1), matrix(DEGREE + 1, 1)
        for row, r in enumerate(refs):
            exact = r * coth(r / 2)
            w = 2 * r / (exact**2 - r * r)
            for j in range(1, DEGREE + 1):
                a[row, j - 1] = w * (r * r) ** j
            a[row, DEGREE] = -((-1) ** row)  # error(r_row) = (-1)^row E
            b[row] = w * (exact - 2)
        solution = lu_solve(a, b)
        q = [mpf(2)] + [solution[j] for j in range(DEGREE)]
        runs = extrema(q)
        worst = max(abs(e) for _, e in runs)
        if worst - abs(solution[DEGREE]) < worst * mpf(10) ** -6:
            return q, worst
        big = max(range(len(runs)), key=lambda i: abs(runs[i][1]))
        start = max(0, min(big - DEGREE // 2, len(runs) - (DEGREE + 1)))
        refs = [r for r, _ in runs[start : start + DEGREE + 1]]
    raise RuntimeError("Remez exchange did not converge")


if __name__ == "__main__":
    q, worst = remez()
    rounded = [mpf(float(c)) for c in q]
    worst_rounded = max(abs(e) for _, e in extrema(rounded, 10000))
    print(f"max relative error {float(worst):.2e}, rounded to f64 {float(worst_rounded):.2e}")
    for c in rounded:
        hex_bits = f"{struct.unpack('<Q', struct.pack('<d', float(c)))[0]:016X}"
        groups = "_".join(hex_bits[i : i + 4] for i in range(0, 16, 4))
        print(f"    f64::from_bits(0x{groups}), // {float(c):.17e}")
