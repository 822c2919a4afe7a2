#!/usr/bin/python3
"""Loads a LayerNas export's weights.safetensors into the PyTorch reference module and runs it.

Usage: safetensors_check.py EXPORT_DIR INPUT.f32 N C R OUTPUT.f32

Builds the module of EXPORT_DIR/model.json with bench/torch_reference.py's build_module, loads
EXPORT_DIR/weights.safetensors with load_state_dict(strict=True), runs it in eval mode on the raw little-endian float32
batch INPUT.f32 of shape [N, C, R, R] and writes the logits as raw little-endian float32 to OUTPUT.f32.
The safetensors file is parsed here (8-byte header length, JSON header, raw tensors), so the `safetensors` Python
package is not needed. Needs python3-torch (Debian) and numpy.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_reference import build_module  # noqa: E402

_DTYPES = {"F32": np.float32, "I64": np.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = data[8 + n:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(body[begin:end], dtype=_DTYPES[entry["dtype"]]).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def main(argv):
    export_dir, input_path, n, c, r, output_path = argv
    with open(os.path.join(export_dir, "model.json"), encoding="utf-8") as f:
        spec = json.load(f)
    module = build_module(spec)
    module.load_state_dict(read_safetensors(os.path.join(export_dir, "weights.safetensors")), strict=True)
    module.eval()
    x = torch.from_numpy(np.fromfile(input_path, dtype="<f4").reshape(int(n), int(c), int(r), int(r)).copy())
    with torch.no_grad():
        y = module(x)
    y.numpy().astype("<f4").tofile(output_path)
    print(json.dumps({"outputs": int(y.numel()), "max_abs": float(y.abs().max())}))


if __name__ == "__main__":
    main(sys.argv[1:])
