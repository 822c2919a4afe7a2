#!/usr/bin/env python3
"""Peak activation memory of the torchvision MobileNets under LayerNas' definition (docs/spaces.md), counted
independently of the C# code with hooks on the real modules (Debian 12 python3-torchvision; /usr/bin/python3).

Live elements while an operator runs = its input + its output + tensors held for later:
  - a residual block's input until its add (unless it is the operator's own input);
  - the feature map a squeeze-and-excite will scale, while the SE's pool and FCs run.
Operators: Conv2d, Linear, global average pools, the SE scaling (map in + map out + gate), the residual add
(block input + block-body output + sum). BN and activations are in place. Batch 1; bytes = elements x 4 (float32).
"""
import json

import torch
import torchvision
from torchvision.models.mobilenetv2 import InvertedResidual as V2Block
from torchvision.models.mobilenetv3 import InvertedResidual as V3Block
from torchvision.ops.misc import SqueezeExcitation


def peak(model, resolution, channels=3):
    state = {"peak": 0, "block_input": None, "residual": 0, "se_map": 0, "part": "tail"}
    per_part = {}

    def note(live):
        state["peak"] = max(state["peak"], live)
        per_part[state["part"]] = max(per_part.get(state["part"], 0), live)

    def enter(name):
        def hook(module, inputs):
            state["part"] = name
        return hook

    features = list(model.features)
    for i, f in enumerate(features):
        name = "stem" if i == 0 else f"head[0]" if i == len(features) - 1 else f"blocks[{i - 1}]"
        f.register_forward_pre_hook(enter(name))
    model.avgpool.register_forward_pre_hook(enter("tail")) if hasattr(model, "avgpool") else None

    def held(inp):
        r = state["residual"] if inp is not state["block_input"] else 0
        return r + state["se_map"]

    def block_pre(module, inputs):
        res = module.use_res_connect
        state["block_input"] = inputs[0]
        state["residual"] = inputs[0].numel() if res else 0

    def block_post(module, inputs, output):
        if module.use_res_connect:
            note(3 * output.numel())  # block input + body output + sum
        state["block_input"] = None
        state["residual"] = 0

    def se_pre(module, inputs):
        state["se_map"] = inputs[0].numel()

    def se_post(module, inputs, output):
        state["se_map"] = 0
        note(inputs[0].numel() + output.numel() + inputs[0].shape[1] + state["residual"])

    def op(module, inputs, output):
        x = inputs[0]
        if isinstance(module, torch.nn.AdaptiveAvgPool2d) and state["se_map"]:
            note(x.numel() + output.numel() + state["residual"])  # the SE pool: its input is the map itself
            return
        note(x.numel() + output.numel() + held(x))

    for m in model.modules():
        if isinstance(m, (V2Block, V3Block)):
            m.register_forward_pre_hook(block_pre)
            m.register_forward_hook(block_post)
        elif isinstance(m, SqueezeExcitation):
            m.register_forward_pre_hook(se_pre)
            m.register_forward_hook(se_post)
        elif isinstance(m, (torch.nn.Conv2d, torch.nn.Linear, torch.nn.AdaptiveAvgPool2d)):
            m.register_forward_hook(op)
    model.eval()
    with torch.no_grad():
        if not hasattr(model, "avgpool"):  # MobileNetV2 pools functionally in forward(): the tail is its classifier
            model.classifier.register_forward_pre_hook(enter("tail"))
        model(torch.zeros(1, channels, resolution, resolution))
    return state["peak"], per_part


def main():
    models = [
        ("mobilenet_v2", 1.0, lambda: torchvision.models.mobilenet_v2()),
        ("mobilenet_v2", 1.4, lambda: torchvision.models.mobilenet_v2(width_mult=1.4)),
        ("mobilenet_v3_large", 1.0, lambda: torchvision.models.mobilenet_v3_large()),
        ("mobilenet_v3_small", 1.0, lambda: torchvision.models.mobilenet_v3_small()),
    ]
    for name, width, make in models:
        for resolution in (224, 32):
            elements, parts = peak(make(), resolution)
            print(json.dumps({"model": name, "width": width, "resolution": resolution,
                              "peak_elements": elements, "activation_bytes": 4 * elements, "per_block_elements": parts}))


if __name__ == "__main__":
    main()
