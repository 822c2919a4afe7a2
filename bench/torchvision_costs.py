#!/usr/bin/env python3
"""Independent reference counts for LayerNas' golden cost tests.

Builds the reference MobileNet modules of torchvision (Debian package python3-torchvision; run with
/usr/bin/python3) and counts, at batch 1:
  params  = sum of numel() over module.parameters()  (every weight and bias, batch norm weight+bias;
            running statistics are buffers, not parameters)
  madds   = multiply-adds of Conv2d and Linear layers, counted by forward hooks:
            Conv2d: out.numel() * (in_channels / groups) * kh * kw;  Linear: in_features * out_features
            (biases, batch norm, activations, pooling and the SE channel scaling are not counted)
Prints one JSON object per model.
"""
import json
import sys

import torch
import torchvision

from layernas_torch.costs import count  # bench/ is the script's folder, so on sys.path


def small_input(model, channels):
    """The LayerNas small-input variant: stride-1 stem conv taking `channels` input channels."""
    stem = model.features[0][0]
    model.features[0][0] = torch.nn.Conv2d(channels, stem.out_channels, 3, stride=1, padding=1, bias=False)
    return model


def main():
    models = [
        ("mobilenet_v2", 1.0, lambda: torchvision.models.mobilenet_v2(width_mult=1.0)),
        ("mobilenet_v2", 1.4, lambda: torchvision.models.mobilenet_v2(width_mult=1.4)),
        ("mobilenet_v2", 0.5, lambda: torchvision.models.mobilenet_v2(width_mult=0.5)),
        ("mobilenet_v2", 0.35, lambda: torchvision.models.mobilenet_v2(width_mult=0.35)),
        ("mobilenet_v3_large", 1.0, lambda: torchvision.models.mobilenet_v3_large()),
        ("mobilenet_v3_small", 1.0, lambda: torchvision.models.mobilenet_v3_small()),
        ("mobilenet_v3_large", 0.75, lambda: torchvision.models.mobilenet_v3_large(width_mult=0.75)),
    ]
    print(f"# torch {torch.__version__}, torchvision {torchvision.__version__}", file=sys.stderr)
    for name, width, make in models:
        for resolution in (224, 32):
            params, madds = count(make(), resolution)
            print(json.dumps({"model": name, "width": width, "resolution": resolution, "classes": 1000,
                              "params": params, "madds": madds}))
    # Small-input variants (LayerNas spaces NAME-32 and NAME-28): 10 classes, stride-1 stem.
    small = [
        ("mobilenet_v2", 1.0, lambda: torchvision.models.mobilenet_v2(num_classes=10)),
        ("mobilenet_v2", 1.4, lambda: torchvision.models.mobilenet_v2(width_mult=1.4, num_classes=10)),
        ("mobilenet_v3_large", 1.0, lambda: torchvision.models.mobilenet_v3_large(num_classes=10)),
        ("mobilenet_v3_small", 1.0, lambda: torchvision.models.mobilenet_v3_small(num_classes=10)),
    ]
    for name, width, make in small:
        for resolution, channels in ((32, 3), (28, 1)):
            params, madds = count(small_input(make(), channels), resolution, channels)
            print(json.dumps({"model": name, "width": width, "resolution": resolution, "channels": channels, "classes": 10,
                              "stem_stride": 1, "params": params, "madds": madds}))


if __name__ == "__main__":
    main()
