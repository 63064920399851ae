"""Writes the corpus of bad weights files that tests/weights_corpus.rs checks.

Run from this folder with a Python that has NumPy: `python make_corpus.py`. The files are
committed; this script documents how each was made and regenerates them byte for byte.
"""

import copy
import io
import json
import zipfile

import numpy as np

W1 = [[0.5, -1.25, 2.0, 0.125], [-0.75, 1.5, -2.5, 0.0625]]
B1 = [0.1, -0.2, 0.3, -0.4]
W2 = [[1.0], [-2.0], [3.0], [-4.0]]
B2 = [0.25]

BASE = {
    "format": "nn-playground-weights",
    "version": 1,
    "epoch": 10,
    "layers": [
        {"weights": W1, "bias": B1, "activation": "sigmoid"},
        {"weights": W2, "bias": B2, "activation": "sigmoid"},
    ],
    "experiment": {},
}


def write_json(name, doc=None, text=None):
    if text is None:
        text = json.dumps(doc, indent=2)
    with open(name, "w") as f:
        f.write(text)


def variant(change):
    doc = copy.deepcopy(BASE)
    change(doc)
    return doc


def npy_bytes(array):
    buf = io.BytesIO()
    np.save(buf, array)
    return buf.getvalue()


def raw_npy(descr, shape, data=b""):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    header = header.ljust(118) + "\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode() + data


def config(**changes):
    doc = {
        "format": "nn-playground-weights",
        "version": 1,
        "epoch": 10,
        "activations": ["sigmoid", "sigmoid"],
        "experiment": {},
    }
    doc.update(changes)
    return np.frombuffer(json.dumps(doc).encode(), dtype=np.uint8)


def members(**overrides):
    arrays = {
        "W1": np.array(W1),
        "b1": np.array([B1]),
        "W2": np.array(W2),
        "b2": np.array([B2]),
        "config": config(),
    }
    arrays.update(overrides)
    return {k: v for k, v in arrays.items() if v is not None}


def write_npz(name, arrays=None, raw=None):
    """Writes `arrays` (NumPy arrays, or raw .npy bytes) as a deflated zip, in a fixed order."""
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for key, value in (arrays or {}).items():
            data = value if isinstance(value, bytes) else npy_bytes(value)
            info = zipfile.ZipInfo(key + ".npy", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        for key, data in (raw or {}).items():
            info = zipfile.ZipInfo(key, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


# The well-formed files every bad one is a variant of.
write_json("good.json", BASE)
write_npz("good.npz", members())

# JSON.
write_json("not-json.json", text="W1 = [[0.5, -1.25], [2.0, 0.125]]\n")
write_json("binary.json", text="\x89PNG\r\n\x1a\n")
write_json("truncated.json", text=json.dumps(BASE, indent=2)[:300])
write_json("unknown-format.json", variant(lambda d: d.update(format="keras")))
write_json("newer-version.json", variant(lambda d: d.update(version=2)))
write_json("missing-format.json", variant(lambda d: d.pop("format")))
write_json("missing-layers.json", variant(lambda d: d.pop("layers")))
write_json("missing-bias.json", variant(lambda d: d["layers"][1].pop("bias")))
write_json("not-chaining.json", variant(lambda d: d["layers"][1].update(weights=[[1.0], [2.0], [3.0]])))
write_json("wrong-input-width.json", variant(lambda d: d["layers"][0]["weights"].append([1.0, 2.0, 3.0, 4.0])))
write_json("ragged.json", variant(lambda d: d["layers"][0]["weights"][1].pop()))
write_json("short-bias.json", variant(lambda d: d["layers"][0]["bias"].pop()))
write_json("out-of-range.json", text=json.dumps(BASE, indent=2).replace("2.0", "2e999", 1))
write_json("nan.json", text=json.dumps(BASE, indent=2).replace("2.0", "NaN", 1))
write_json("infinity.json", variant(lambda d: d["layers"][1]["weights"][0].__setitem__(0, float("-inf"))))
write_json("unknown-activation.json", variant(lambda d: d["layers"][0].update(activation="softsign")))
write_json("relu-output.json", variant(lambda d: d["layers"][1].update(activation="relu")))
write_json("hidden-mismatch.json", variant(lambda d: d.update(experiment={"network": {"hidden": [8]}})))
write_json("activation-mismatch.json", variant(lambda d: d["layers"][0].update(activation="tanh")))
write_json("bad-learning-rate.json", variant(lambda d: d.update(experiment={"training": {"learning_rate": -1}})))
write_json("string-weight.json", variant(lambda d: d["layers"][0]["weights"][0].__setitem__(0, "0.5")))
write_json("negative-epoch.json", variant(lambda d: d.update(epoch=-1)))
write_json("no-layers.json", variant(lambda d: d.update(layers=[])))

# NumPy.
with open("good.npz", "rb") as f:
    good = f.read()
with open("truncated.npz", "wb") as f:
    f.write(good[: len(good) // 2])
with open("random.npz", "wb") as f:
    f.write(bytes(np.random.default_rng(4).integers(0, 256, 512, dtype=np.uint8)))
write_npz("missing-config.npz", members(config=None))
write_npz("missing-bias.npz", members(b2=None))
write_npz("bias-1d.npz", members(b1=np.array(B1)))
write_npz("float32.npz", members(W1=np.array(W1, dtype=np.float32)))
write_npz("not-chaining.npz", members(W2=np.array(W2[:3])))
w1_nan = np.array(W1)
w1_nan[0, 1] = np.nan
write_npz("nan.npz", members(W1=w1_nan))
write_npz("huge-header.npz", members(W1=raw_npy("<f8", "(100000, 100000)")))
write_npz("inflates.npz", members(W1=raw_npy("<f8", "(2, 4)", bytes(10_000_000))))
write_npz("extra-member.npz", members(notes=np.array([1.0])))
write_npz("unknown-activation.npz", members(config=config(activations=["sigmoid", "softmax"])))
write_npz("newer-version.npz", members(config=config(version=2)))
write_npz("config-bad-epoch.npz", members(config=config(epoch="ten")))
write_npz("stray-array.npz", members(W3=np.zeros((1, 1))))
write_npz("activation-count.npz", members(config=config(activations=["sigmoid"] * 3)))
write_npz("config-not-json.npz", members(config=np.frombuffer(b"W1 is 2x4", dtype=np.uint8)))
write_npz("config-float.npz", members(config=np.array([1.0, 2.0])))
write_npz("huge-config.npz", members(config=raw_npy("|u1", "(2000000000,)")))
write_npz("many-members.npz", {f"W{k}": np.zeros((1, 1)) for k in range(1, 41)})
write_npz("empty.npz")
