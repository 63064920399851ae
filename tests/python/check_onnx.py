"""Checks an nn-playground ONNX export with the onnx package and runs it in onnxruntime.

Usage: check_onnx.py FILE.onnx X1,X2 [X1,X2 ...]

Runs onnx.checker (full check, with shape inference), then feeds the rows as one float64
[N, 2] batch to onnxruntime and prints one line per row: the output's values, comma
separated, in repr (every digit survives). Exits non-zero on any inconsistency.
"""

import sys

import numpy as np
import onnx
import onnxruntime


def main():
    path, rows = sys.argv[1], sys.argv[2:]
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inputs = [i.name for i in model.graph.input]
    assert inputs == ["x"], f"inputs {inputs}"
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    x = np.array([[float(v) for v in row.split(",")] for row in rows], dtype=np.float64)
    (outputs,) = session.run(None, {"x": x})
    assert outputs.dtype == np.float64, outputs.dtype
    assert outputs.shape[0] == len(rows), outputs.shape
    for row in outputs:
        print(",".join(repr(float(v)) for v in row))


main()
