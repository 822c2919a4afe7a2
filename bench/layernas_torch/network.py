"""A torch.nn.Module from a LayerNas network spec (the JSON of `layernas train --spec-out`, docs/training.md).

The module has exactly the layers, parameter names and initialization of LayerNas.Training's TorchSharp
NetworkModule: its parameter count equals the spec's `params` cost, weights move between the two by name
(safetensors), and for the same `torch.manual_seed` both draw the same initial weights. Dropout draws its masks from
a generator the trainer sets (`set_dropout_generator`), as LayerNas.Training's DropoutModule does.
"""
import json

import torch
from torch import nn
import torch.nn.functional as F

_ACTIVATIONS = {
    "none": None,
    "relu": nn.ReLU,
    "relu6": nn.ReLU6,
    "hswish": nn.Hardswish,
    "hsigmoid": nn.Hardsigmoid,
}


def _act(name):
    try:
        cls = _ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation '{name}'") from None
    return cls() if cls is not None else None


def conv_bn_act(cin, cout, kernel, stride=1, groups=1, bias=False, batch_norm=True, activation="relu", bn=None):
    """Sequential(conv, [bn], [act]) named 0, 1, 2 (as LayerNas.Training's ConvBnAct)."""
    bn = bn or {"eps": 1e-5, "momentum": 0.1}
    layers = [nn.Conv2d(cin, cout, kernel, stride, (kernel - 1) // 2, groups=groups, bias=bias)]
    if batch_norm:
        layers.append(nn.BatchNorm2d(cout, eps=bn["eps"], momentum=bn["momentum"]))
    a = _act(activation)
    if a is not None:
        layers.append(a)
    return nn.Sequential(*layers)


class SqueezeExcite(nn.Module):
    def __init__(self, channels, se):
        super().__init__()
        self.fc1 = nn.Conv2d(channels, se["squeeze_channels"], 1)
        self.fc2 = nn.Conv2d(se["squeeze_channels"], channels, 1)
        self.act = _act(se.get("activation", "relu")) or nn.Identity()
        self.gate = _act(se.get("gate", "hsigmoid")) or nn.Identity()

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        return x * self.gate(self.fc2(self.act(self.fc1(s))))


class InvertedResidual(nn.Module):
    def __init__(self, b, bn):
        super().__init__()
        cin, x, cout = b["in_channels"], b["expanded_channels"], b["out_channels"]
        act = b.get("activation", "relu6")
        self.expand = conv_bn_act(cin, x, 1, activation=act, bn=bn) if x != cin else None
        self.depthwise = conv_bn_act(x, x, b["kernel"], b.get("stride", 1), groups=x, activation=act, bn=bn)
        self.se = SqueezeExcite(x, b["squeeze_excite"]) if b.get("squeeze_excite") else None
        self.project = conv_bn_act(x, cout, 1, activation="none", bn=bn)
        self.residual = b.get("stride", 1) == 1 and cin == cout

    def forward(self, inp):
        h = self.expand(inp) if self.expand is not None else inp
        h = self.depthwise(h)
        if self.se is not None:
            h = self.se(h)
        h = self.project(h)
        return h + inp if self.residual else h


class DepthwiseSeparable(nn.Module):
    def __init__(self, b, bn):
        super().__init__()
        cin = b["in_channels"]
        self.depthwise = conv_bn_act(cin, cin, b["kernel"], b.get("stride", 1), groups=cin,
                                     activation=b.get("activation", "relu"), bn=bn)
        self.se = SqueezeExcite(cin, b["squeeze_excite"]) if b.get("squeeze_excite") else None
        self.pointwise = conv_bn_act(cin, b["out_channels"], 1, activation=b.get("pointwise_activation", "relu"), bn=bn)

    def forward(self, x):
        h = self.depthwise(x)
        if self.se is not None:
            h = self.se(h)
        return self.pointwise(h)


class Dropout(nn.Module):
    """Inverted dropout whose mask is uniform(0, 1) < 1 - p drawn from `generator`, as LayerNas.Training's
    DropoutModule (same generator seed, same masks: libtorch's uniform_ is the same in PyTorch 1.13 and 2.x)."""

    def __init__(self, p):
        super().__init__()
        self.p = p
        self.generator = None

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        keep = 1.0 - self.p
        u = torch.empty_like(x).uniform_(0, 1, generator=self.generator)
        return x * (u < keep).to(x.dtype).div_(keep)


def _conv_from(c, bn):
    return conv_bn_act(c["in_channels"], c["out_channels"], c["kernel"], c.get("stride", 1), c.get("groups", 1),
                       c.get("bias", False), c.get("batch_norm", True), c.get("activation", "relu"), bn)


class Network(nn.Module):
    """stem -> blocks -> head -> global average pool -> classifier, from a LayerNas network spec (dict)."""

    def __init__(self, spec):
        super().__init__()
        bn = spec.get("batch_norm") or {"eps": 1e-5, "momentum": 0.1}
        self.stem = _conv_from(spec["stem"], bn)
        blocks = []
        for b in spec["blocks"]:
            t = b["type"]
            if t == "conv":
                blocks.append(_conv_from(b, bn))
            elif t == "inverted_residual":
                blocks.append(InvertedResidual(b, bn))
            elif t == "depthwise_separable":
                blocks.append(DepthwiseSeparable(b, bn))
            else:
                raise ValueError(f"unknown block type '{t}'")
        self.blocks = nn.ModuleList(blocks)
        self.head = nn.ModuleList([_conv_from(h, bn) for h in spec.get("head", [])])
        layers = []
        for c in spec["classifier"]:
            if c["type"] == "linear":
                layers.append(nn.Linear(c["in_features"], c["out_features"], bias=c.get("bias", True)))
                a = _act(c.get("activation", "none"))
                if a is not None:
                    layers.append(a)
            elif c["type"] == "dropout":
                layers.append(Dropout(c["rate"]))
            else:
                raise ValueError(f"unknown classifier layer '{c['type']}'")
        self.classifier = nn.Sequential(*layers)
        self._initialize()

    def _initialize(self):
        # torchvision MobileNet initialization, as LayerNas.Training.Modules.NetworkModule.
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.stem(x)
        for b in self.blocks:
            x = b(x)
        for h in self.head:
            x = h(x)
        return self.classifier(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def build_module(spec):
    """A torch.nn.Module for a spec given as a dict, a JSON string or a file path."""
    if isinstance(spec, str):
        spec = json.loads(spec) if spec.lstrip().startswith("{") else json.load(open(spec))
    return Network(spec)


def parameter_count(module):
    return sum(p.numel() for p in module.parameters())




def set_dropout_generator(module, generator):
    """Makes every Dropout of `module` draw from `generator` (None = torch's global generator)."""
    for m in module.modules():
        if isinstance(m, Dropout):
            m.generator = generator
